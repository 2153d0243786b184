#!/usr/bin/env bash
# Starts the packaged suite on the test ports with throwaway databases, runs the shared conformance
# suite through the gateway, and stops the suite again whatever happened.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

suite="${CONFORMANCE:-$ROOT/../shared/conformance}"
[ -d "$suite" ] || die "conformance suite not found at $suite"

export STACK=test
trap '"$ROOT/scripts/stack.sh" down' EXIT
"$ROOT/scripts/stack.sh" up

health="http://127.0.0.1:18080,http://127.0.0.1:18081,http://127.0.0.1:18082"
files=("$suite"/*.test.mjs)

export CONDUIT_URL=http://127.0.0.1:18080/api
export CONDUIT_HEALTH_URLS="$health"
export CONDUIT_JWT_PRIVATE_KEY="$ROOT/.dev-keys/jwt-private.pem"

# Every stage runs even when an earlier one failed, so one run shows everything that is wrong.
failed=()
stage() {
  local name="$1"
  shift
  log "$name"
  "$@" || failed+=("$name")
}

stage "Conformance suite (${#files[@]} files)" node --test --test-reporter=spec "${files[@]}"
stage "OpenAPI coverage" env CONTRACT_MD="$(dirname "$suite")/api/CONTRACT.md" \
  node --test --test-reporter=spec "$ROOT/tests/stack/openapi.test.mjs"
stage "Log hygiene" env LOG_DIR="$ROOT/.run/test" node --test --test-reporter=spec "$ROOT/tests/stack/log-hygiene.test.mjs"

if [ -f "$ROOT/frontend/e2e/journeys.test.mjs" ]; then
  stage "Browser journeys (Chromium)" env E2E_BASE_URL=http://127.0.0.1:18080 npm --prefix "$ROOT/frontend" run --silent e2e
fi

if [ ${#failed[@]} -gt 0 ]; then
  die "failed stages: ${failed[*]}"
fi
log "All stack stages passed"
