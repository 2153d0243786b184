#!/usr/bin/env bash
# The CI stages, each runnable on its own (locally and as one job of .github/workflows/ci.yml):
#
#   scripts/ci.sh <stage>...   run these stages
#   scripts/ci.sh all          run every stage, keep going after a failure (make test, .ci/run)
#   scripts/ci.sh --list       print the stage names
#
# Every run ends with a table (stage, result, tests run, failed, seconds) and "N passed, N failed" counted in
# stages, and exits non-zero if any stage failed. Logs: .run/ci/<stage>.log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

STAGES=(common users-service posts-service gateway frontend deploy dev-mode stack native-ready)
MVNW=(./mvnw -B -ntp)
LOG_DIR="$ROOT/.run/ci"

describe() {
  case "$1" in
    common) echo "the shared module's tests" ;;
    users-service | posts-service) echo "$1's tests alone, against its own embedded PostgreSQL, and its packaged-jar ITs" ;;
    gateway) echo "the gateway's tests alone, its packaged-jar ITs and start-up checks" ;;
    frontend) echo "the web client: npm ci, type check and build, Vitest" ;;
    deploy) echo "linters, the workflows, Compose files, Kubernetes manifests, Dockerfiles" ;;
    dev-mode) echo "every service once in quarkus:dev, Dev UI included" ;;
    stack) echo "the packaged suite (with its AOT caches on JDK 25+): conformance, OpenAPI, log hygiene, fuzz, browser journeys, edge, own copy" ;;
    native-ready) echo "Quarkus's native build steps for every service, without GraalVM (native sources only)" ;;
  esac
}

# Maven on the newest JDK (.mvn/maven.config adds --also-make, so a module's dependencies are built first).
mvn() { (use_newest_java && "${MVNW[@]}" "$@"); }

# A module's tests alone; its old reports are removed first so the counts are this run's.
module_verify() {
  rm -rf "$1/target/surefire-reports" "$1/target/failsafe-reports"
  mvn -pl "$1" verify
}

run_stage() {
  case "$1" in
    common | users-service | posts-service | gateway) module_verify "$1" ;;
    frontend) mvn -pl frontend verify ;;
    deploy)
      scripts/lint.sh
      module_verify deploy
      ;;
    dev-mode) scripts/dev-smoke.sh ;;
    stack)
      # The services' packaged-jar ITs only (-Dtest=none: their stages ran the unit tests): on JDK 25+ they train
      # each service's AOT cache, which a bare `package` would wipe, so the stack starts as it does after a verify.
      mvn -DskipTests -pl frontend package
      mvn -pl users-service,posts-service,gateway "${TRAIN_JARS_ARGS[@]}"
      scripts/conformance.sh
      # On JDK 25+ every service must have started with its cache (scripts/stack.sh leaves its choice in .run/test).
      if [ "$(use_newest_java && java_major)" -ge 25 ]; then
        local s
        for s in users-service posts-service gateway; do
          [ "$(cat ".run/test/$s.aot" 2>/dev/null)" = on ] || die "$s started without its AOT cache: $(cat ".run/test/$s.aot" 2>/dev/null)"
        done
      fi
      ;;
    native-ready)
      # sources-only runs every Quarkus build step of a native build (reflection, resources, substitutions,
      # the native-image arguments) and fails where Quarkus reports an error; only native-image itself is skipped.
      local s
      for s in users-service posts-service gateway; do rm -rf "$s/target/native-sources"; done
      mvn -DskipTests -pl users-service,posts-service,gateway package \
        -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true
      for s in users-service posts-service gateway; do
        [ -f "$s/target/native-sources/native-image.args" ] || die "$s: no native-image.args in $s/target/native-sources"
      done
      ;;
    *) die "unknown stage '$1' (stages: ${STAGES[*]})" ;;
  esac
}

counts() {
  case "$1" in
    common | users-service | posts-service | gateway | deploy)
      node scripts/ci/count-tests.mjs junit "$1/target/surefire-reports" "$1/target/failsafe-reports" ;;
    frontend | stack) node scripts/ci/count-tests.mjs log "$LOG_DIR/$1.log" ;;
    *) echo "- -" ;;
  esac
}

case "${1:-}" in
  --list) printf '%s\n' "${STAGES[@]}"; exit 0 ;;
  all) selected=("${STAGES[@]}") ;;
  "" | -h | --help)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    for s in "${STAGES[@]}"; do printf '  %-14s %s\n' "$s" "$(describe "$s")"; done
    exit 0
    ;;
  *) selected=("$@") ;;
esac
for s in "${selected[@]}"; do
  [[ " ${STAGES[*]} " == *" $s "* ]] || die "unknown stage '$s' (stages: ${STAGES[*]})"
done

mkdir -p "$LOG_DIR"
scripts/deps.sh
rows=()
passed=0
failed=0
for s in "${selected[@]}"; do
  log "Stage $s: $(describe "$s")"
  started=$SECONDS
  set +e
  (set -euo pipefail; run_stage "$s") 2>&1 | tee "$LOG_DIR/$s.log"
  rc=${PIPESTATUS[0]}
  set -e
  seconds=$((SECONDS - started))
  read -r tests failures < <(counts "$s")
  if [ "$rc" -eq 0 ]; then result=passed; passed=$((passed + 1)); else result=FAILED; failed=$((failed + 1)); fi
  log "Stage $s $result in ${seconds}s"
  rows+=("$(printf '%-14s %-7s %6s %7s %8s' "$s" "$result" "$tests" "$failures" "$seconds")")
done

{
  echo
  printf '%-14s %-7s %6s %7s %8s\n' stage result tests failed seconds
  printf '%s\n' "${rows[@]}"
  echo "$passed passed, $failed failed"
} | tee "$LOG_DIR/summary.txt"
[ "$failed" -eq 0 ]
