#!/usr/bin/env bash
# Dev-mode smoke test: starts each service with `./mvnw quarkus:dev` (non-interactive, no console, no
# continuous testing, no debugger) on free ports against throwaway databases, waits for an answer from one
# of its endpoints and from its Dev UI, and stops it again (its whole process group) whatever happened.
# Dev mode resolves artifacts the packaged build never needs (Dev UI and its kin), so a platform version
# whose dev-only artifacts our Maven mirror lacks fails here instead of on a newcomer's machine.
#
#   scripts/dev-smoke.sh [service ...]        (default: users-service posts-service gateway)
#
# Ports: the first free ones from DEV_SMOKE_PORT (default 31080) upwards, never those of the make up, make test
# or make bench stacks. Databases: devsmoke_users, devsmoke_posts, recreated on every run. The gateway
# generates a throwaway signing key under .run/dev-smoke/ (never touches .dev-keys/). Logs: .run/dev-smoke/.
# It does not disturb a running `make up` stack. It runs Maven: by hand, hold the lock as every build does
# (`flock /tmp/mvn.lock scripts/dev-smoke.sh`); `make test` runs it as one of its sequential stages.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TIMEOUT="${DEV_SMOKE_TIMEOUT:-300}"  # seconds per service until its first answer (a cold start downloads)
RUN_DIR="$ROOT/.run/dev-smoke"
USERS_DB=devsmoke_users
POSTS_DB=devsmoke_posts

services=("$@")
[ ${#services[@]} -gt 0 ] || services=(users-service posts-service gateway)

# --- free ports: six distinct ones nobody listens on ---
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
next_port="${DEV_SMOKE_PORT:-31080}"
free_port() {  # sets $port to the next free one
  port="$next_port"
  while listening "$port"; do
    port=$((port + 1))
    [ "$port" -lt 32768 ] || die "no free port below 32768"
  done
  next_port=$((port + 1))
}
declare -A HTTP_PORT MANAGEMENT_PORT
for s in users-service posts-service gateway; do
  free_port; HTTP_PORT[$s]="$port"
  free_port; MANAGEMENT_PORT[$s]="$port"
done

# --- one service at a time; the trap stops whichever is running ---
current_pid=""
stop_current() {
  [ -n "$current_pid" ] || return 0
  local pid="$current_pid"
  current_pid=""
  # The process group: Maven and the dev-mode JVM it forked.
  kill -TERM -- "-$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 -- "-$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap stop_current EXIT
trap 'exit 130' INT TERM

use_newest_java
mkdir -p "$RUN_DIR"
rm -f "$RUN_DIR"/*.log "$RUN_DIR/jwt-private.pem"
PG_PORT="$("$ROOT/scripts/postgres.sh" --fresh "$USERS_DB" "$POSTS_DB" | tail -n 1)"

# Prints the HTTP status of GET <url> when the body contains <text>, else nothing.
answer() {
  local url="$1" text="$2" body status
  body="$(curl -sS --max-time 10 -w '\n%{http_code}' "$url" 2>/dev/null)" || return 1
  status="${body##*$'\n'}"
  body="${body%$'\n'*}"
  [[ "$body" == *"$text"* ]] && echo "$status"
}

check() {
  local service="$1" url text expect
  local port="${HTTP_PORT[$service]}" management="${MANAGEMENT_PORT[$service]}"
  case "$service" in
    users-service) url="http://127.0.0.1:$port/api/profiles/nobody"; text='"errors"'; expect=404 ;;
    posts-service) url="http://127.0.0.1:$port/api/tags"; text='"tags"'; expect=200 ;;
    gateway) url="http://127.0.0.1:$port/.well-known/jwks.json"; text='"keys"'; expect=200 ;;
    *) die "unknown service $service" ;;
  esac
  local log_file="$RUN_DIR/$service.log"
  log "$service: quarkus:dev on port $port, management $management (log .run/dev-smoke/$service.log)"
  local started=$SECONDS
  (
    cd "$ROOT"
    close_inherited_fds  # e.g. the caller's lock on /tmp/mvn.lock
    export QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_MANAGEMENT_PORT="$management" QUARKUS_MANAGEMENT_HOST=127.0.0.1
    export USERS_DB_HOST=127.0.0.1 USERS_DB_PORT="$PG_PORT" USERS_DB_NAME="$USERS_DB"
    export POSTS_DB_HOST=127.0.0.1 POSTS_DB_PORT="$PG_PORT" POSTS_DB_NAME="$POSTS_DB"
    export USERS_SERVICE_URL="http://127.0.0.1:${HTTP_PORT[users-service]}"
    export POSTS_SERVICE_URL="http://127.0.0.1:${HTTP_PORT[posts-service]}"
    export USERS_SERVICE_MANAGEMENT_URL="http://127.0.0.1:${MANAGEMENT_PORT[users-service]}"
    export POSTS_SERVICE_MANAGEMENT_URL="http://127.0.0.1:${MANAGEMENT_PORT[posts-service]}"
    export CONDUIT_JWKS_URL="http://127.0.0.1:${HTTP_PORT[gateway]}/.well-known/jwks.json"
    # The dev profile's key location (a %dev property, so the env name carries the profile).
    export _DEV_CONDUIT_JWT_DEV_KEY_LOCATION="$RUN_DIR/jwt-private.pem"
    # Its own process group (setsid), so stop_current can end Maven and the JVM it forks together.
    exec setsid ./mvnw -B -ntp -pl "$service" quarkus:dev -Ddebug=false -Dquarkus.analytics.disabled=true \
      -Dquarkus.console.enabled=false -Dquarkus.test.continuous-testing=disabled </dev/null >"$log_file" 2>&1
  ) &
  current_pid=$!

  local deadline=$((started + TIMEOUT)) status=""
  until status="$(answer "$url" "$text")"; do
    if ! kill -0 "$current_pid" 2>/dev/null; then
      tail -n 60 "$log_file" >&2 || true
      die "$service: dev mode exited before answering (log .run/dev-smoke/$service.log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 60 "$log_file" >&2 || true
      die "$service: no answer from $url within ${TIMEOUT}s (log .run/dev-smoke/$service.log)"
    fi
    sleep 1
  done
  local seconds=$((SECONDS - started))
  [ "$status" = "$expect" ] || die "$service: GET $url answered $status, expected $expect"
  # Dev UI: on the public port in dev mode (the management interface serves health, metrics and OpenAPI only).
  local devui
  devui="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/dev-ui/" || true)"
  [ "$devui" = 200 ] || die "$service: Dev UI at http://127.0.0.1:$port/q/dev-ui/ answered ${devui:-nothing}"
  log "$service: first answer after ${seconds}s (GET ${url#"http://127.0.0.1:$port"} -> $status), Dev UI 200"
  stop_current
  printf '%s\t%s\n' "$service" "$seconds" >>"$RUN_DIR/times.tsv"
}

rm -f "$RUN_DIR/times.tsv"
total_started=$SECONDS
for s in "${services[@]}"; do check "$s"; done
log "Dev mode: every service answered (${services[*]}) in $((SECONDS - total_started))s"
