#!/usr/bin/env bash
# make lighthouse (also the last step of make bench): Lighthouse 12 in Debian's Chromium, mobile and desktop presets,
# on home, an article, sign-in, editor, settings and a profile of the packaged web client. Prints the table and
# fails below the goals (performance >= 95, accessibility 100, best practices 100, SEO >= 95, CLS <= 0.02).
#
# Audits LIGHTHOUSE_URL when set (a stack that is already running); otherwise starts STACK=bench (scripts/stacks.json,
# fresh databases; builds the jars first if they are missing) and stops it again at the end. Performance scores
# depend on the machine's load: on a shared 2-core machine a busy moment costs points, which is why this is part
# of make bench rather than make test.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
here="$ROOT/frontend/lighthouse"

[ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || apt_install chromium
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
# Its own packages (lighthouse pulls in puppeteer-core), apart from the app's: npm ci for the build stays small.
if [ ! -d "$here/node_modules/lighthouse" ]; then
  log "Installing Lighthouse (frontend/lighthouse/package-lock.json)"
  npm ci --prefix "$here" --no-audit --no-fund
fi

if [ -z "${LIGHTHOUSE_URL:-}" ]; then
  for m in users-service posts-service gateway; do
    if [ ! -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ] || [ ! -f "$ROOT/frontend/dist/index.html" ]; then
      log "Building the packaged jars and the web client"
      (cd "$ROOT" && use_newest_java && flock /tmp/conduit-maven.lock ./mvnw -B -ntp -DskipTests package)
      break
    fi
  done
  export STACK=bench
  trap '"$ROOT/scripts/stack.sh" down || true' EXIT
  "$ROOT/scripts/stack.sh" down || true
  "$ROOT/scripts/stack.sh" up
  LIGHTHOUSE_URL="http://127.0.0.1:$(stack_port gateway)"
  export LIGHTHOUSE_URL
fi

log "Lighthouse on $LIGHTHOUSE_URL"
node "$here/audit.mjs"
