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

# The test stack's addresses (scripts/stacks.json). Health lives on each process's management interface (the
# public ports answer 404 there).
url() { echo "http://127.0.0.1:$(stack_port "$1" "${2:-}")"; }
GATEWAY="$(url gateway)"
health="$(url gateway management),$(url users-service management),$(url posts-service management)"
files=("$suite"/*.test.mjs)

export CONDUIT_URL="$GATEWAY/api"
export CONDUIT_HEALTH_URLS="$health"

# Every stage runs even when an earlier one failed, so one run shows everything that is wrong.
failed=()
stage() {
  local name="$1"
  shift
  log "$name"
  "$@" || failed+=("$name")
}

# The suite forges tokens with the stack's signing key (only this stage gets it: the restore drill restarts the
# services from this environment).
stage "Conformance suite (${#files[@]} files)" env CONDUIT_JWT_PRIVATE_KEY="$ROOT/.dev-keys/jwt-private.pem" \
  node --test --test-reporter=spec "${files[@]}"
stage "OpenAPI coverage" env CONTRACT_MD="$(dirname "$suite")/api/CONTRACT.md" \
  node --test --test-reporter=spec "$ROOT/tests/stack/openapi.test.mjs"
stage "Log hygiene" env LOG_DIR="$ROOT/.run/test" node --test --test-reporter=spec "$ROOT/tests/stack/log-hygiene.test.mjs"
stage "Fuzz (hostile input, every public operation)" env FUZZ_GATEWAY_URL="$GATEWAY" \
  FUZZ_USERS_URL="$(url users-service)" FUZZ_POSTS_URL="$(url posts-service)" \
  FUZZ_HEALTH_URLS="$health" node "$ROOT/tests/stack/fuzz.mjs"

if [ -f "$ROOT/frontend/e2e/journeys.test.mjs" ]; then
  stage "Browser journeys (Chromium)" env E2E_BASE_URL="$GATEWAY" npm --prefix "$ROOT/frontend" run --silent e2e
fi

stage "Public edge (management ports, /internal, loopback)" env \
  INTERNAL_TOKEN_FILE="$ROOT/.dev-keys/internal-token" node --test --test-reporter=spec "$ROOT/tests/stack/edge.test.mjs"
# Backs up, writes, restores (restarting the services: after the log hygiene stage) and expects the backed-up state.
stage "Restore drill (backup, more writes, restore, the same state through the API)" env STACK=test \
  CONDUIT_URL="$GATEWAY/api" node "$ROOT/tests/stack/restore-drill.mjs"
# Last: it stops PostgreSQL for a few seconds.
stage "Runs from its own copy (a build under the running stack)" "$ROOT/tests/stack/own-copy.sh"

if [ ${#failed[@]} -gt 0 ]; then
  die "failed stages: ${failed[*]}"
fi
log "All stack stages passed"
