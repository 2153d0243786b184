#!/usr/bin/env bash
# make lint: every linter that works here, failing on any finding.
#   - shellcheck (Debian) on every shell script: *.sh and files whose first line is a sh/bash shebang,
#     outside node_modules, target and .run; settings in .shellcheckrc.
#   - yamllint (Debian) on docker-compose-*.yml, deploy/k8s and .github; settings in .yamllint.yaml.
#   - dockerfile-utils (npm, pinned in scripts/lint/package-lock.json, installed with npm ci on first use
#     and whenever the lockfile changes; offline after that) on every */src/main/docker/Dockerfile.*.
#   - action-validator (npm, pinned beside it) on every .github/workflows/*.yml.
# Prints each finding, a count per tool, and exits non-zero when there is any.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

for tool in shellcheck yamllint node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run scripts/deps.sh (make deps)"
done

total=0
summary=()
# report <tool> <what was checked> <file holding the findings, one per line>
report() {
  local count
  count="$(grep -c . "$3" || true)"
  [ "$count" -eq 0 ] || cat "$3"
  summary+=("$1: $2, $count finding(s)")
  total=$((total + count))
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- shellcheck -----------------------------------------------------------------------------------------
scripts=()
while IFS= read -r -d '' file; do
  case "$file" in
    *.sh) scripts+=("$file") ;;
    *)
      first=""
      { IFS= read -r -n 200 first || true; } <"$file" 2>/dev/null
      if [[ "$first" =~ ^#!.*/(env\ +)?(ba|da|k)?sh(\ |$) ]]; then scripts+=("$file"); fi ;;
  esac
done < <(find . \( -name node_modules -o -name target -o -name .git -o -path ./.run \) -prune -o -type f -print0 | sort -z)
[ ${#scripts[@]} -gt 0 ] || die "no shell scripts found"
shellcheck --format=gcc "${scripts[@]#./}" >"$tmp/shellcheck" || true
report "shellcheck $(shellcheck --version | awk '/^version:/{print $2}')" "${#scripts[@]} scripts" "$tmp/shellcheck"

# --- yamllint -------------------------------------------------------------------------------------------
yaml=(docker-compose-*.yml deploy/k8s)
[ -d .github ] && yaml+=(.github)
yamllint --strict --config-file .yamllint.yaml --format parsable "${yaml[@]}" >"$tmp/yamllint" || true
report "$(yamllint --version)" "$(find "${yaml[@]}" -type f \( -name '*.yml' -o -name '*.yaml' \) | wc -l) files" "$tmp/yamllint"

# --- dockerfile-utils -----------------------------------------------------------------------------------
lint_dir="$ROOT/scripts/lint"
stamp="$lint_dir/node_modules/.installed-package-lock.json"
if ! cmp -s "$lint_dir/package-lock.json" "$stamp"; then
  npm ci --prefix "$lint_dir" --no-audit --no-fund --loglevel=error >&2
  cp "$lint_dir/package-lock.json" "$stamp"
fi
dockerfiles=()
for file in */src/main/docker/Dockerfile.*; do
  [[ "$file" == *.dockerignore ]] || dockerfiles+=("$file")
done
[ ${#dockerfiles[@]} -gt 0 ] || die "no Dockerfiles found"
: >"$tmp/dockerfile"
for file in "${dockerfiles[@]}"; do
  # --json prints [] when clean; warnings exit 0, so the list itself decides.
  # shellcheck disable=SC2016  # ${...} is a JavaScript template literal, not the shell's
  node -e '
    const [file] = process.argv.slice(1);
    const findings = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const f of findings) {
      console.log(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message}`);
    }' "$file" < <("$lint_dir/node_modules/.bin/dockerfile-utils" lint --json "$file" || true) >>"$tmp/dockerfile"
done
report "dockerfile-utils $(node -p 'require(process.argv[1]).version' "$lint_dir/node_modules/dockerfile-utils/package.json")" \
  "${#dockerfiles[@]} Dockerfiles" "$tmp/dockerfile"

# --- action-validator -----------------------------------------------------------------------------------
# The GitHub Actions workflows against the workflow schema (SchemaStore's, compiled into the package, so it
# works offline). It cannot check path globs; WorkflowsTest (deploy checks) does that, and that every job's
# stage exists.
workflows=(.github/workflows/*.yml)
: >"$tmp/workflows"
for file in "${workflows[@]}"; do
  if ! "$lint_dir/node_modules/.bin/action-validator" "$file" >"$tmp/one-workflow" 2>&1; then
    sed "s|^|$file: |" "$tmp/one-workflow" >>"$tmp/workflows"
  fi
done
report "action-validator $(node -p 'require(process.argv[1]).version' "$lint_dir/node_modules/@action-validator/cli/package.json")" \
  "${#workflows[@]} workflows" "$tmp/workflows"

printf '  %s\n' "${summary[@]}" >&2
[ "$total" -eq 0 ] || die "lint: $total finding(s)"
log "lint: no findings"
