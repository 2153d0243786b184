#!/usr/bin/env bash
# Starts or stops the whole suite as background processes from the packaged jars (the prod profile).
#
#   scripts/stack.sh up|down|status
#   scripts/stack.sh start <service>            start one service and wait until it is ready
#   scripts/stack.sh kill <service> [KILL|TERM] stop one service with that signal (fault injection)
#
# Ports and database names come from scripts/stacks.json:
# STACK=dev  (default): ports 8080 (gateway), 8081 (users), 8082 (posts); databases users, posts.
# STACK=test: ports 18080, 18081, 18082; throwaway databases ci_users, ci_posts, recreated on each up.
# STACK=bench: ports 28080, 28081, 28082; databases bench_users, bench_posts, recreated on each up (make bench).
# Each process's management interface (health, metrics, OpenAPI) is on its public port + 920 (dev 9000-9002,
# test 19000-19002, bench 29000-29002), on loopback only. users-service and posts-service listen on loopback
# only (the stack runs on one machine); the gateway's public port listens on every interface.
#
# Every start runs the service from a fresh copy of its build output, .run/$STACK/app/<service> (and the
# gateway serves a copy of frontend/dist), so a build (./mvnw package, make test) may rewrite target/ while
# the stack runs. Pids, logs and those copies live under .run/$STACK/. Build first (make up does).
#
# Development secrets are generated on first start into .dev-keys/ (git-ignored): the JWT signing key and the
# internal token (CONDUIT_INTERNAL_TOKEN) the gateway and posts-service present to users-service's /internal.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

STACK="${STACK:-dev}"
export STACK
# Ports and database names: scripts/stacks.json.
GATEWAY_PORT="$(stack_port gateway)"
USERS_PORT="$(stack_port users-service)"
POSTS_PORT="$(stack_port posts-service)"
db_prefix="$(stack_db_prefix)"
RUN_DIR="$ROOT/.run/$STACK"
APP_DIR="$RUN_DIR/app"
KEY_FILE="$ROOT/.dev-keys/jwt-private.pem"
TOKEN_FILE="$ROOT/.dev-keys/internal-token"

services() {
  local s
  for s in users-service posts-service gateway; do
    [ -f "$ROOT/$s/pom.xml" ] && echo "$s"
  done
}

port_of() {
  case "$1" in
    gateway) echo "$GATEWAY_PORT" ;;
    users-service) echo "$USERS_PORT" ;;
    posts-service) echo "$POSTS_PORT" ;;
  esac
}

management_port_of() {
  stack_port "$1" management
}

# Whether a process runs. An exited process stays a zombie until its parent reaps it, which for a service this
# script started in the background is the init process, sometimes seconds later: `kill -0` succeeds on a zombie,
# yet it holds no port and no memory, so it counts as gone.
alive() {
  local pid="$1" state=""
  kill -0 "$pid" 2>/dev/null || return 1
  # /proc/<pid>/stat: "pid (comm) state ..."; the state follows the last ')'.
  state="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  state="${state##*) }"
  [ "${state%% *}" != Z ]
}

running() {
  local pid_file="$RUN_DIR/$1.pid"
  [ -f "$pid_file" ] && alive "$(cat "$pid_file")"
}

dev_key() {
  if [ ! -f "$KEY_FILE" ]; then
    log "Generating a development JWT signing key in .dev-keys/ (git-ignored)"
    mkdir -p "$(dirname "$KEY_FILE")"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_FILE" 2>/dev/null)
  fi
}

# The development internal token: 32 random bytes as hex, created once (atomically, so two stacks starting
# at the same time agree on it) and shared by every stack on this machine.
internal_token() {
  if [ ! -s "$TOKEN_FILE" ]; then
    log "Generating a development internal token in .dev-keys/ (git-ignored)"
    mkdir -p "$(dirname "$TOKEN_FILE")"
    local tmp="$TOKEN_FILE.$$"
    (umask 077 && openssl rand -hex 32 >"$tmp")
    ln "$tmp" "$TOKEN_FILE" 2>/dev/null || true  # fails when another start created it first: keep that one
    rm -f "$tmp"
  fi
  [ -s "$TOKEN_FILE" ] || die "$TOKEN_FILE is empty"
}

# The JVM's AOT cache (JDK 25+, JEPs 483/514/515) for the service whose copy is <app>: sets AOT_FLAG to
# -XX:AOTCache=<app>/app.aot, or to nothing and says why (each reason once per run). `./mvnw verify` on JDK 25+
# trains the cache with the packaged-jar ITs (root pom, profile aot-cache). A cache is valid only for the exact
# JVM build that wrote it (any other is rejected with a warning and buys nothing) and the jars it was trained
# on: its header names that JVM as `java -Xinternalversion` prints it, and a jar newer than it means a rebuild
# since. CONDUIT_AOT_CACHE=0 starts without it (make bench compares both). The choice is left in
# .run/$STACK/<service>.aot: "on", or "off: <why>".
AOT_FLAG=""
AOT_WHY=""
AOT_SAID=" "
aot_note() {
  AOT_WHY="$2"
  [[ "$AOT_SAID" == *" $1 "* ]] && return 0
  AOT_SAID+="$1 "
  log "$2"
}
aot_cache() {
  local service="$1" app="$2" cache="$2/app.aot" vm
  AOT_FLAG=""
  AOT_WHY=""
  if [ "${CONDUIT_AOT_CACHE:-1}" = 0 ]; then
    aot_note off "No AOT cache: CONDUIT_AOT_CACHE=0"
    return 0
  fi
  if [ ! -f "$cache" ]; then
    aot_note missing "No AOT cache in target/quarkus-app: ./mvnw verify on JDK 25+ trains one (a -DskipTests or pre-25 build has none)"
    return 0
  fi
  vm="$(java -Xinternalversion 2>/dev/null || true)"
  if [ -z "$vm" ] || ! LC_ALL=C grep -aqF -- "$vm" < <(head -c 65536 "$cache"); then
    aot_note jdk "No AOT cache: it was written by another JDK than $(command -v java) ($vm)"
    return 0
  fi
  if [ -n "$(find "$app" -name '*.jar' -newer "$cache" -print -quit)" ]; then
    aot_note stale "No AOT cache: the jars were rebuilt after it was trained (./mvnw verify trains a new one)"
    return 0
  fi
  AOT_FLAG="-XX:AOTCache=$cache"
}

# A fresh copy of <src> at <dest> (copied beside it, then renamed into place).
fresh_copy() {
  local src="$1" dest="$2"
  rm -rf "$dest" "$dest.copying"
  mkdir -p "$(dirname "$dest")"
  cp -a "$src" "$dest.copying"
  mv "$dest.copying" "$dest"
}

start() {
  local service="$1" port management build app
  port="$(port_of "$service")"
  management="$(management_port_of "$service")"
  build="$ROOT/$service/target/quarkus-app"
  [ -f "$build/quarkus-run.jar" ] || die "$build/quarkus-run.jar is missing: build first (./mvnw -DskipTests package)"
  if running "$service"; then
    log "$service already running (pid $(cat "$RUN_DIR/$service.pid"))"
    return
  fi
  # Never run what a build can replace: the service runs from its own copy of the build output.
  app="$APP_DIR/$service"
  fresh_copy "$build" "$app"
  [ -f "$app/quarkus-run.jar" ] || die "copying $build to $app failed"
  local frontend=""
  if [ "$service" = gateway ] && [ -f "$ROOT/frontend/dist/index.html" ]; then
    frontend="$APP_DIR/frontend"
    fresh_copy "$ROOT/frontend/dist" "$frontend"
  fi
  aot_cache "$service" "$app"
  local jwks="http://127.0.0.1:$GATEWAY_PORT/.well-known/jwks.json"
  (
    cd "$ROOT"
    close_inherited_fds  # e.g. a caller's flock on the Maven lock, which the service would hold while it runs
    export QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$management" QUARKUS_MANAGEMENT_HOST=127.0.0.1
    # One machine: only the gateway's public port is reachable from elsewhere.
    if [ "$service" = gateway ]; then export QUARKUS_HTTP_HOST=0.0.0.0; else export QUARKUS_HTTP_HOST=127.0.0.1; fi
    [ -z "$frontend" ] || export CONDUIT_FRONTEND_DIR="$frontend"
    export USERS_SERVICE_URL="http://127.0.0.1:$USERS_PORT" POSTS_SERVICE_URL="http://127.0.0.1:$POSTS_PORT"
    USERS_SERVICE_MANAGEMENT_URL="http://127.0.0.1:$(management_port_of users-service)"
    POSTS_SERVICE_MANAGEMENT_URL="http://127.0.0.1:$(management_port_of posts-service)"
    export USERS_SERVICE_MANAGEMENT_URL POSTS_SERVICE_MANAGEMENT_URL
    CONDUIT_INTERNAL_TOKEN="$(cat "$TOKEN_FILE")"
    export CONDUIT_INTERNAL_TOKEN
    # The signing key is the stack's key file; PEM text a caller may have in its environment would win over it.
    unset CONDUIT_JWT_PRIVATE_KEY
    export CONDUIT_JWKS_URL="$jwks" CONDUIT_JWT_PRIVATE_KEY_LOCATION="$KEY_FILE"
    export USERS_DB_NAME="${db_prefix}users" POSTS_DB_NAME="${db_prefix}posts"
    [ "$STACK" = dev ] && export CONDUIT_JSON_LOGS=false
    export USERS_DB_HOST=127.0.0.1 POSTS_DB_HOST=127.0.0.1 USERS_DB_PORT="$PG_PORT" POSTS_DB_PORT="$PG_PORT"
    # The default flags are deploy/jvm/jvm.options (the images read the same file); JAVA_OPTS replaces them
    # entirely. The AOT cache is CONDUIT_AOT_CACHE's (aot_cache above).
    # shellcheck disable=SC2086  # JAVA_OPTS holds several options: split on purpose
    nohup java ${JAVA_OPTS:-@$ROOT/deploy/jvm/jvm.options} $AOT_FLAG -jar "$app/quarkus-run.jar" >"$RUN_DIR/$service.log" 2>&1 &
    echo $! >"$RUN_DIR/$service.pid"
  )
  if [ -n "$AOT_FLAG" ]; then echo on; else echo "off: $AOT_WHY"; fi >"$RUN_DIR/$service.aot"
  log "Started $service on port $port, management $management (pid $(cat "$RUN_DIR/$service.pid"), log .run/$STACK/$service.log)${AOT_FLAG:+, AOT cache}"
}

# Polls the service's readiness on its management interface.
wait_healthy() {
  local service="$1" port deadline
  port="$(management_port_of "$service")"
  deadline=$((SECONDS + ${HEALTH_TIMEOUT:-120}))
  until curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! running "$service"; then
      tail -n 40 "$RUN_DIR/$service.log" >&2 || true
      die "$service exited during startup (log: .run/$STACK/$service.log)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "$service not healthy after ${HEALTH_TIMEOUT:-120}s (log: .run/$STACK/$service.log)"
    sleep 0.5
  done
  log "$service is healthy"
}

# Waits up to <tries> x <seconds> for a process to exit; non-zero if it is still there.
wait_gone() {
  local pid="$1" tries="$2" seconds="$3"
  for _ in $(seq 1 "$tries"); do alive "$pid" || return 0; sleep "$seconds"; done
  ! alive "$pid"
}

# Provisions the stack's databases (extra options, e.g. --fresh, first) and prints PostgreSQL's port.
pg_port() {
  "$ROOT/scripts/postgres.sh" "$@" "${db_prefix}users" "${db_prefix}posts" | tail -n 1
}

stop() {
  local service="$1" pid_file="$RUN_DIR/$1.pid" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 50 0.2 || kill -KILL "$pid" 2>/dev/null || true
    log "Stopped $service (pid $pid)"
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  up)
    mkdir -p "$RUN_DIR"
    use_newest_java
    fresh=()
    [ "$STACK" = dev ] || fresh=(--fresh)  # test and bench stacks get new databases every time
    PG_PORT="$(pg_port "${fresh[@]}")"
    dev_key
    internal_token
    for s in $(services); do start "$s"; done
    for s in $(services); do wait_healthy "$s"; done
    echo
    echo "Conduit is up: http://localhost:$GATEWAY_PORT  (API: http://localhost:$GATEWAY_PORT/api)"
    echo "Health and metrics (loopback only): http://127.0.0.1:$(management_port_of gateway)/q/health," \
      "ports $(management_port_of gateway)-$(management_port_of posts-service)"
    ;;
  down)
    for s in $(services); do stop "$s"; done
    rm -rf "$APP_DIR"  # the copies the stopped services ran from
    ;;
  start)
    # One service, e.g. after a fault was injected: scripts/stack.sh start users-service
    [ -n "${2:-}" ] || die "usage: scripts/stack.sh start <service>"
    use_newest_java
    PG_PORT="$(pg_port)"
    dev_key
    internal_token
    start "$2"
    wait_healthy "$2"
    ;;
  kill)
    # Fault injection: scripts/stack.sh kill <service> [KILL|TERM]; returns once the process is gone.
    [ -n "${2:-}" ] || die "usage: scripts/stack.sh kill <service> [KILL|TERM]"
    pid_file="$RUN_DIR/$2.pid"
    [ -f "$pid_file" ] || die "$2 is not running"
    pid="$(cat "$pid_file")"
    kill "-${3:-KILL}" "$pid" 2>/dev/null || true
    wait_gone "$pid" 150 0.1 || die "$2 (pid $pid) did not exit"
    rm -f "$pid_file"
    ;;
  status)
    for s in $(services); do
      if running "$s"; then
        echo "$s: running (pid $(cat "$RUN_DIR/$s.pid"), port $(port_of "$s"), management $(management_port_of "$s"))"
      else
        echo "$s: stopped"
      fi
    done
    ;;
  *)
    die "usage: scripts/stack.sh up|down|status|start <service>|kill <service> [signal]"
    ;;
esac
