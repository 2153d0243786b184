#!/usr/bin/env bash
# Installs what building and running the suite needs, when it is missing (Debian packages only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

missing=()
command -v javac >/dev/null 2>&1 || [ -n "$(pick_java_home || true)" ] || missing+=(openjdk-17-jdk-headless)
for tool in curl unzip openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# Validates docker-compose-dev.yml and docker-compose-prod.yml in deploy/'s tests (no Docker engine needed).
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# make lint (scripts/lint.sh): shellcheck on every shell script, yamllint on the compose files and manifests.
for tool in shellcheck yamllint; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# The browser journeys drive Debian's Chromium (no tool may download a browser of its own).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  apt_install "${missing[@]}"
fi
"$(dirname "$0")/postgres.sh" --install-only
