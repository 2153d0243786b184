#!/usr/bin/env bash
# A running stack never executes files a build can replace (issue 13, item 9). Against the running stack
# (STACK=test in make test), this test:
#   1. checks that every service runs from its own copy (.run/$STACK/app/<service>) and holds no file of
#      <service>/target/ open;
#   2. replaces each <service>/target/quarkus-app (and frontend/dist) with a broken stand-in of the same
#      layout, as a build caught half-way would leave it (the real output is moved aside and put back on
#      exit, whatever happens);
#   3. cuts the stack's own databases off (no new connections, the open ones terminated), which makes the
#      services load classes they had not needed yet (error paths, pool recovery), and expects prompt JSON 503s
#      {"errors":{"database":[...]}} through the gateway and DOWN readiness; then lets connections in again and
#      expects 200s, from the same processes. Only this stack's databases are cut off: a make up stack on the
#      same PostgreSQL is not disturbed.
# A service running from target/ would load broken classes (or block, as in the issue) and fail step 3.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"

STACK="${STACK:-test}"
export STACK
# Ports and database names: scripts/stacks.json.
base="$(stack_port gateway)"
db_prefix="$(stack_db_prefix)"
RUN_DIR="$ROOT/.run/$STACK"
API="http://127.0.0.1:$base/api"
SERVICES=(users-service posts-service gateway)
USERS_READY="http://127.0.0.1:$(stack_port users-service management)/q/health/ready"
POSTS_READY="http://127.0.0.1:$(stack_port posts-service management)/q/health/ready"
ASIDE=own-copy-test.real  # the real build output while the test runs: <dir>.own-copy-test.real
MARK=.own-copy-test-stand-in

fail() { printf '\033[31mFAIL: %s\033[0m\n' "$*" >&2; exit 1; }
work="$(mktemp -d)"

# --- Putting everything back, whatever happens -------------------------------------------------------

# The real build output back in place of the stand-in (also after an earlier run was killed half-way).
restore_dir() {
  local dir="$1" real="$1.$ASIDE"
  [ -d "$real" ] || return 0
  if [ ! -e "$dir" ] || [ -f "$dir/$MARK" ]; then
    rm -rf "$dir"
    mv "$real" "$dir"
  else
    log "$dir was rebuilt meanwhile: keeping it, dropping the older $real"
    rm -rf "$real"
  fi
}

build_dirs=()
for s in "${SERVICES[@]}"; do build_dirs+=("$ROOT/$s/target/quarkus-app"); done
[ -f "$ROOT/frontend/dist/index.html" ] && build_dirs+=("$ROOT/frontend/dist")

DATABASES=("${db_prefix}users" "${db_prefix}posts")
pg_port="$(pg_lsclusters -h | awk 'NR == 1 {print $3}')"
cut_off=0
psql_admin() { as_root runuser -u postgres -- psql -p "$pg_port" -d postgres -v ON_ERROR_STOP=1 -qAtX "$@"; }
# allow_connections true|false: lets this stack's databases take new connections, or not.
allow_connections() {
  local db
  for db in "${DATABASES[@]}"; do psql_admin -c "ALTER DATABASE \"$db\" WITH ALLOW_CONNECTIONS $1" >/dev/null; done
}

cleanup() {
  local status=$?
  if [ "$cut_off" = 1 ]; then
    log "Letting connections into ${DATABASES[*]} again"
    allow_connections true || status=1
  fi
  for dir in "${build_dirs[@]}"; do restore_dir "$dir" || status=1; done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for dir in "${build_dirs[@]}"; do restore_dir "$dir"; done

# --- HTTP ---------------------------------------------------------------------------------------------

# call <method> <url> [json body] [token]: sets $code, $ctype and $body ($code 000 when nothing answered in 15 s).
call() {
  local args=(-sS -o "$work/body" -w '%{http_code} %{content_type}' --max-time 15 -X "$1")
  [ -z "${3:-}" ] || args+=(-H 'Content-Type: application/json' --data "$3")
  [ -z "${4:-}" ] || args+=(-H "Authorization: Token $4")
  local out
  out="$(curl "${args[@]}" "$2" 2>/dev/null || true)"
  code="${out%% *}"
  code="${code:-000}"
  ctype="${out#* }"
  body="$(cat "$work/body" 2>/dev/null || true)"
}

# Whether $body is {"errors":{"<key>":[strings]}} (the contract's error shape) with the given key.
error_with_key() {
  node -e '
    const b = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const ok = b && typeof b.errors === "object" && Array.isArray(b.errors[process.argv[1]])
      && Object.values(b.errors).every((m) => Array.isArray(m) && m.every((s) => typeof s === "string"));
    process.exit(ok ? 0 : 1);' "$1" <<<"$body" 2>/dev/null
}

json_field() { node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8"))'"$1"')' <<<"$body"; }

# One look at an API call while the databases are gone or coming back: "ok" (2xx), "db503" (a JSON 503 naming the
# database); anything else (a 504 from a hung service, a 500, a non-JSON error, no answer) fails the test.
api_state() {
  local what="$1"
  if [[ "$code" == 2* ]]; then echo ok; return; fi
  if [ "$code" = 503 ] && [[ "$ctype" == application/json* ]] && error_with_key database; then echo db503; return; fi
  fail "$what answered $code ($ctype) ${body:0:300}"
}

# --- 1. Each service runs from its own copy ---------------------------------------------------------

declare -A pids
for s in "${SERVICES[@]}"; do
  { [ -f "$RUN_DIR/$s.pid" ] && pid="$(cat "$RUN_DIR/$s.pid")" && kill -0 "$pid" 2>/dev/null; } \
    || fail "$s of STACK=$STACK is not running (scripts/stack.sh up first)"
  pids[$s]="$pid"
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-jar $RUN_DIR/app/$s/quarkus-run.jar" \
    || fail "$s (pid $pid) does not run from its own copy: $(tr '\0' ' ' <"/proc/$pid/cmdline")"
  open="$( (ls -l "/proc/$pid/fd" 2>/dev/null; cat "/proc/$pid/maps" 2>/dev/null) | grep -oE "$ROOT/[^ ]*/target/[^ ]*|$ROOT/frontend/dist[^ ]*" | sort -u || true)"
  [ -z "$open" ] || fail "$s (pid $pid) holds build output open: $open"
done
log "Every service runs from .run/$STACK/app and holds nothing of target/ open"

name="owncopy$(date +%s)$RANDOM"
call POST "$API/users" "{\"user\":{\"username\":\"$name\",\"email\":\"$name@conduit.test\",\"password\":\"pw-$name-secret\"}}"
[ "$code" = 201 ] || fail "registering $name answered $code ${body:0:300}"
token="$(json_field '.user.token')"
call GET "$API/profiles/$name"
[ "$code" = 200 ] || fail "GET /api/profiles/$name answered $code before the test"

# --- 2. A build replaces the output the stack was started from ------------------------------------

for dir in "${build_dirs[@]}"; do
  mv "$dir" "$dir.$ASIDE"
  (cd "$dir.$ASIDE" && find . -type d) | while IFS= read -r d; do mkdir -p "$dir/$d"; done
  (cd "$dir.$ASIDE" && find . -type f) | while IFS= read -r f; do printf 'half-written by a build\n' >"$dir/$f"; done
  touch "$dir/$MARK"
done
log "Replaced ${#build_dirs[@]} build outputs with broken stand-ins"

# --- 3. The stack's databases gone: new classes load; prompt JSON 503s, then 200s again ------------

log "Cutting ${DATABASES[*]} off (no new connections, open ones terminated)"
cut_off=1
allow_connections false
in_list="$(printf "'%s'," "${DATABASES[@]}")"
psql_admin -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname IN (${in_list%,})" >/dev/null

# Readiness: 200 until a service notices, then 503; a hung check (no answer in 15 s) fails.
readiness() {
  call GET "$1"
  case "$code" in 200 | 503) echo "$code" ;; *) fail "$1 answered $code $2" ;; esac
}

# await_state <expected articles/profile/users-ready/posts-ready> <during> <seconds>: polls until the stack
# shows that state; any answer that is neither (a 504, a 500, a non-JSON error, a hang) fails at once.
await_state() {
  local expected="$1" during="$2" seconds="$3" deadline=$((SECONDS + $3)) articles profile users_ready posts_ready
  while :; do
    call GET "$API/articles?limit=1"
    articles="$(api_state "GET /api/articles $during")"
    call GET "$API/profiles/$name"
    profile="$(api_state "GET /api/profiles/$name $during")"
    users_ready="$(readiness "$USERS_READY" "$during")"
    posts_ready="$(readiness "$POSTS_READY" "$during")"
    [ "$articles/$profile/$users_ready/$posts_ready" = "$expected" ] && return
    [ "$SECONDS" -lt "$deadline" ] \
      || fail "$during: articles $articles, profile $profile, readiness $users_ready/$posts_ready after $seconds s"
    sleep 0.5
  done
}

await_state db503/db503/503/503 "with the databases gone" 60
log "Databases gone: JSON 503 {\"errors\":{\"database\":…}} from both services through the gateway, readiness DOWN"

log "Letting connections into ${DATABASES[*]} again"
allow_connections true
cut_off=0

await_state ok/ok/200/200 "after the databases came back" 90
call POST "$API/articles" "{\"article\":{\"title\":\"Own copy $name\",\"description\":\"d\",\"body\":\"b\",\"tagList\":[\"owncopy\"]}}" "$token"
[ "$code" = 201 ] || fail "POST /api/articles after the outage answered $code ${body:0:300}"
if [ -f "$ROOT/frontend/dist/$MARK" ]; then
  call GET "http://127.0.0.1:$base/"
  { [ "$code" = 200 ] && [[ "$body" != *"half-written by a build"* ]]; } \
    || fail "the gateway's web client answered $code ${body:0:100} with frontend/dist replaced"
fi

for s in "${SERVICES[@]}"; do
  { kill -0 "${pids[$s]}" 2>/dev/null && [ "$(cat "$RUN_DIR/$s.pid")" = "${pids[$s]}" ]; } \
    || fail "$s restarted or died during the test"
done
log "Databases back: 200s again from the same processes, with the build output still replaced"
