# shellcheck shell=bash
# Shared helpers for the project's scripts. Source it; do not run it.
# shellcheck disable=SC2034  # ROOT is for the scripts that source this file
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    export APT_UPDATED=1  # scripts started from this one need not update again
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The stacks' port map (scripts/stacks.json, the one home of these numbers). stack_value <expression> evaluates a
# JavaScript expression over the map `m` and a stack `s` (STACK, default dev); e.g. stack_port gateway.
stack_value() {
  # shellcheck disable=SC2016  # ${...} below is a JavaScript template literal, not the shell's
  node -e '
    const m = require(process.argv[1]);
    const s = m.stacks[process.argv[2]];
    if (!s) { console.error(`unknown stack ${process.argv[2]} (stacks: ${Object.keys(m.stacks).join(", ")})`); process.exit(2); }
    console.log(eval(process.argv[3]));' "$ROOT/scripts/stacks.json" "${STACK:-dev}" "$1"
}
# stack_port <service> [management]: a service's public (or management) port in STACK.
stack_port() {
  local offset=0
  [ "${2:-}" = management ] && offset="m.managementOffset"
  stack_value "m.services.includes('$1') ? s.base + m.services.indexOf('$1') + $offset : ''" | grep -E '^[0-9]+$' \
    || die "no port for '$1' in stack ${STACK:-dev}"
}
# The prefix of STACK's database names (users, posts).
stack_db_prefix() { stack_value 's.databasePrefix'; }

# The newest JDK installed (we compile for release 17, run on the newest present).
pick_java_home() {
  local best="" best_ver=0 dir ver
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -x "$dir/bin/javac" ] || continue
    ver="$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')"
    ver="${ver%%.*}"
    if [ -n "$ver" ] && [ "$ver" -gt "$best_ver" ]; then best="$dir"; best_ver="$ver"; fi
  done
  [ -n "$best" ] && echo "$best"
}

# The feature version (17, 25, ...) of the java on PATH.
java_major() {
  local ver
  ver="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')"
  echo "${ver%%.*}"
}

use_newest_java() {
  local home
  home="$(pick_java_home || true)"
  if [ -n "$home" ]; then export JAVA_HOME="$home"; export PATH="$JAVA_HOME/bin:$PATH"; fi
}

# The packaged jars the stacks run (make up, make bench), each with its AOT cache on JDK 25+: the packaged-jar suites
# (*IT) train the cache, so this runs them and skips the unit tests (a bare `package` leaves no cache).
# The Maven arguments of that build; the CI stack stage uses them for the services alone.
TRAIN_JARS_ARGS=(verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false)
build_jars() {
  (cd "$ROOT" && ./mvnw -B -ntp "${TRAIN_JARS_ARGS[@]}")
}

# Closes every inherited file descriptor above stderr. Call it in the subshell that starts a long-lived
# process (a service, PostgreSQL): otherwise that process keeps whatever its caller held open, such as a
# `flock /tmp/mvn.lock ...` lock, for as long as it runs. Bash's own script descriptor (255) is close-on-exec.
close_inherited_fds() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd="${fd##*/}"
    if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}
