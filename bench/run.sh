#!/usr/bin/env bash
# make bench: installs wrk if missing, builds the jars if missing (BENCH_BUILD=1 rebuilds), then runs
# bench/bench.py, which starts STACK=bench, seeds, measures and prints the table. The bench stack is
# stopped at the end, also on failure or Ctrl-C.
#
# Building and measuring hold /tmp/conduit-maven.lock, the lock every Maven build on this machine takes:
# nobody's build competes for the CPU while wrk runs (none could replace the running services' jars: each
# runs from its own copy under .run/bench/app/). Health is polled on the management ports, 29000-29002.
# BENCH_LOCK=0 measures without waiting for it.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

LOCK=/tmp/conduit-maven.lock

if ! command -v wrk >/dev/null 2>&1; then
  log "Installing wrk"
  apt_install wrk
fi
command -v python3 >/dev/null 2>&1 || apt_install python3

stop_stack() { STACK=bench "$ROOT/scripts/stack.sh" down || true; }
trap stop_stack EXIT
trap 'exit 130' INT TERM
stop_stack

if [ "${BENCH_LOCK:-1}" = 1 ]; then
  if pgrep -f 'plexus-classworlds' >/dev/null 2>&1; then
    log "A Maven build is running: waiting for $LOCK"
  fi
  # Held on fd 9 until this script exits (bench.py starts the services with that fd closed).
  exec 9>>"$LOCK"
  flock 9
fi

build_started=$SECONDS
missing=0
for m in users-service posts-service gateway; do
  [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
if [ "$missing" -eq 1 ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
  log "Building the jars"
  use_newest_java
  if [ "${BENCH_LOCK:-1}" = 1 ]; then
    build_jars 9>&-
  else
    flock "$LOCK" bash -c 'source scripts/lib.sh && build_jars'
  fi
fi
export BENCH_BUILD_SECONDS=$((SECONDS - build_started))

python3 bench/bench.py 9>&-
