#!/usr/bin/env bash
# Backups of a local stack's databases (make backup / make restore; README "## Backups").
#
#   scripts/backup.sh create                   one archive backups/conduit-<stack>-<UTC time>.tar; prints its path
#   FORCE=1 scripts/backup.sh restore <file>   replaces the stack's databases with the archive's, then checks them
#   scripts/backup.sh verify <file>            checks the stack's databases against the archive (no change)
#
# STACK=dev (default), test or bench picks the databases, as scripts/stack.sh names them: users/posts,
# ci_users/ci_posts, bench_users/bench_posts. BACKUP_DIR (default backups/, git-ignored) is where create writes.
# Role and password: CONDUIT_DB_USER / CONDUIT_DB_PASSWORD, as for scripts/postgres.sh (default conduit / conduit).
#
# An archive is a tar of posts.dump and users.dump (pg_dump custom format, compressed) and manifest.json:
# per database its name, sha256, size, dump start and end time, the server version, Flyway's history
# (flyway_schema_history) and the row count of every table, both read back from the dump itself, and the
# pg_dump/pg_restore/psql versions. create never stops the stack: each pg_dump reads one consistent snapshot
# of its database while the services keep writing.
#
# Consistency across the two databases: posts is dumped first, users second. posts-service stores user ids
# (articles.author_id, comments.author_id, favorites.user_id) of accounts that existed when it wrote them; users
# are never deleted (no endpoint or code path does) and ids never reused, so every id in the earlier posts dump
# is in the later users dump. Accounts created between the two dumps are in the users dump only: an account
# without articles, which is a state the API can produce anyway. restore checks the property instead of
# trusting it.
#
# restore refuses to run without FORCE=1. It checks the archive's sha256s, stops the stack's running services
# (scripts/stack.sh kill/down), drops and recreates both databases (scripts/postgres.sh --fresh), restores each dump in
# one transaction (pg_restore --single-transaction), then checks: Flyway's history and every table's row count
# equal the manifest, and every user id posts stores exists in users. Only then does it start again the services
# that were running (scripts/stack.sh start, each until ready). A failed check leaves them stopped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

STACK="${STACK:-dev}"
export STACK
# The database names of scripts/stacks.json, as scripts/stack.sh uses them; restore also compares them with the
# running services' environment.
db_prefix="$(stack_db_prefix)"
DATABASES=(posts users)  # logical names, in dump order (see above)
DB_USER="${CONDUIT_DB_USER:-conduit}"
export PGPASSWORD="${CONDUIT_DB_PASSWORD:-conduit}"
PGHOST_LOCAL=127.0.0.1
RUN_DIR="$ROOT/.run/$STACK"
MANIFEST_JS="$ROOT/scripts/backup-manifest.mjs"
WORK=""  # the scratch directory of this run, removed on exit
trap '[ -z "$WORK" ] || rm -rf "$WORK"' EXIT

db_name() { echo "${db_prefix}$1"; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# PostgreSQL's port (the first local cluster, as scripts/postgres.sh uses), which must be running.
pg_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || die "PostgreSQL is not installed (scripts/deps.sh installs it)"
  local version cluster port status
  read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
  [ "$status" = online ] || die "PostgreSQL $version/$cluster is $status: start the stack first (make up)"
  echo "$port"
}

q() {
  local db="$1"
  shift
  psql -h "$PGHOST_LOCAL" -p "$PORT" -U "$DB_USER" -d "$db" -v ON_ERROR_STOP=1 -qAtX "$@"
}

# The client tools of the server's major version (Debian installs them under /usr/lib/postgresql/<major>/bin);
# pg_dump refuses a newer server, and a newer pg_dump writes archives an older pg_restore cannot read.
pick_tools() {
  SERVER_VERSION="$(q postgres -c 'SHOW server_version')"
  SERVER_MAJOR="$(q postgres -c 'SHOW server_version_num')"
  SERVER_MAJOR=$((SERVER_MAJOR / 10000))
  local tool dir="/usr/lib/postgresql/$SERVER_MAJOR/bin"
  for tool in pg_dump pg_restore; do
    local path="$dir/$tool"
    [ -x "$path" ] || path="$(command -v "$tool" || true)"
    [ -n "$path" ] || die "$tool is not installed (scripts/deps.sh installs PostgreSQL $SERVER_MAJOR)"
    local major
    major="$("$path" --version | awk '{ print $3 }' | cut -d. -f1)"
    [ "$major" = "$SERVER_MAJOR" ] \
      || die "$path is version $major, the server $SERVER_MAJOR: install postgresql-client-$SERVER_MAJOR"
    printf -v "${tool^^}" '%s' "$path"
  done
}

# {"rows": {"<schema>.<table>": count}, "flyway": [...]} of a live database, the shape `backup-manifest.mjs contents` prints.
live_state() {
  q "$1" -c "SELECT json_build_object(
    'rows', (SELECT coalesce(json_object_agg(t.schemaname || '.' || t.tablename,
               (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', t.schemaname, t.tablename),
                false, true, '')))[1]::text::bigint), '{}'::json)
             FROM pg_tables t WHERE t.schemaname NOT IN ('pg_catalog', 'information_schema')),
    'flyway', (SELECT coalesce(json_agg(json_build_object('version', version, 'description', description,
                 'checksum', checksum, 'success', success) ORDER BY installed_rank), '[]'::json)
               FROM flyway_schema_history))"
}

# Every user id posts-service stores must name an account in users-service. The column list follows the
# migrations (posts-service/src/main/resources/db/migration): update it when one adds a user id column.
check_references() {
  local posts_db users_db referenced missing
  posts_db="$(db_name posts)"
  users_db="$(db_name users)"
  referenced="$(q "$posts_db" -c "SELECT count(*) FROM (SELECT author_id FROM articles UNION SELECT author_id FROM comments
    UNION SELECT user_id FROM favorites) ids")"
  missing="$({
    echo 'CREATE TEMP TABLE referenced (id bigint PRIMARY KEY);'
    echo 'COPY referenced FROM STDIN;'
    q "$posts_db" -c "SELECT author_id FROM articles UNION SELECT author_id FROM comments UNION SELECT user_id FROM favorites"
    echo '\.'
    echo "SELECT count(*) || ' ' || coalesce(string_agg(r.id::text, ',' ORDER BY r.id), '')
          FROM referenced r WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = r.id);"
  } | q "$users_db")"
  if [ "${missing%% *}" != 0 ]; then
    printf '\033[31m%s of the %s user ids %s stores are not accounts in %s: %s\033[0m\n' "${missing%% *}" "$referenced" \
      "$posts_db" "$users_db" "$(cut -c1-200 <<<"${missing#* }")" >&2
    return 1
  fi
  echo "every one of the $referenced user ids $posts_db stores (authors, commenters, favoriters) is an account in $users_db"
}

# Extracts <archive> into <dir> and checks each dump's sha256 against the manifest.
unpack() {
  local archive="$1" dir="$2" db file want got
  [ -f "$archive" ] || die "no archive $archive"
  tar -xf "$archive" -C "$dir" manifest.json || die "$archive is not a Conduit backup (no manifest.json)"
  for db in "${DATABASES[@]}"; do
    file="$(node "$MANIFEST_JS" field "$dir/manifest.json" "databases.$db.file")"
    [[ "$file" =~ ^[a-z_]+\.dump$ ]] || die "unexpected dump name in the manifest: $file"
    tar -xf "$archive" -C "$dir" "$file"
    want="$(node "$MANIFEST_JS" field "$dir/manifest.json" "databases.$db.sha256")"
    got="$(sha256sum "$dir/$file" | cut -d' ' -f1)"
    [ "$want" = "$got" ] || die "$file in $archive is damaged: sha256 $got, the manifest says $want"
  done
}

# Compares the stack's databases with the manifest in <dir>, then the cross-database references.
verify_dir() {
  local dir="$1" db status=0
  for db in "${DATABASES[@]}"; do
    live_state "$(db_name "$db")" >"$dir/$db.live.json"
    node "$MANIFEST_JS" check "$dir/manifest.json" "$db" "$dir/$db.live.json" >&2 || status=1
  done
  check_references >&2 || status=1
  return "$status"
}

running_services() {
  "$ROOT/scripts/stack.sh" status | awk -F': ' '$2 ~ /^running/ { print $1 }'
}

# A running service must be using the databases this script is about to replace.
check_service_databases() {
  local service env_name db pid actual
  for service in users-service posts-service; do
    [ -f "$RUN_DIR/$service.pid" ] || continue
    pid="$(cat "$RUN_DIR/$service.pid")"
    [ -r "/proc/$pid/environ" ] || continue
    db="${service%-service}"
    env_name="${db^^}_DB_NAME"
    actual="$(tr '\0' '\n' <"/proc/$pid/environ" | sed -n "s/^$env_name=//p")"
    [ -z "$actual" ] || [ "$actual" = "$(db_name "$db")" ] \
      || die "$service of STACK=$STACK uses the database $actual, not $(db_name "$db"): scripts/stack.sh and this script disagree"
  done
}

create() {
  local dir="${BACKUP_DIR:-$ROOT/backups}" ts work db file started total_started
  PORT="$(pg_port)"
  pick_tools
  total_started="$(now)"
  ts="$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$dir"
  chmod 700 "$dir" 2>/dev/null || true
  WORK="$(mktemp -d)"
  work="$WORK"
  for db in "${DATABASES[@]}"; do
    file="$db.dump"
    local start_iso end_iso
    start_iso="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
    started="$(now)"
    "$PG_DUMP" -h "$PGHOST_LOCAL" -p "$PORT" -U "$DB_USER" -d "$(db_name "$db")" --format=custom --no-owner --no-acl \
      --file="$work/$file"
    end_iso="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
    log "Dumped $(db_name "$db") in $(since "$started") s ($(du -h "$work/$file" | cut -f1))"
    "$PG_RESTORE" --data-only -f - "$work/$file" | node "$MANIFEST_JS" contents >"$work/$db.contents.json"
    cat >"$work/$db.meta.json" <<EOF
{"service": "$db-service", "database": "$(db_name "$db")", "file": "$file",
 "sha256": "$(sha256sum "$work/$file" | cut -d' ' -f1)", "bytes": $(stat -c %s "$work/$file"),
 "dump_started_at": "$start_iso", "dump_finished_at": "$end_iso", "server_version": "$SERVER_VERSION"}
EOF
  done
  BACKUP_DATABASES="${DATABASES[*]}" BACKUP_CREATED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)" BACKUP_HOST="$(hostname)" \
    BACKUP_PG_DUMP_VERSION="$("$PG_DUMP" --version)" BACKUP_PG_RESTORE_VERSION="$("$PG_RESTORE" --version)" \
    BACKUP_PSQL_VERSION="$(psql --version)" BACKUP_SERVER_VERSION="$SERVER_VERSION" \
    node "$MANIFEST_JS" assemble "$work"
  local archive="$dir/conduit-$STACK-$ts.tar"
  (umask 077 && tar -cf "$archive.partial" -C "$work" manifest.json "${DATABASES[@]/%/.dump}")
  mv "$archive.partial" "$archive"
  local rows
  rows="$(node "$MANIFEST_JS" summary "$work/manifest.json")"
  log "Backup of STACK=$STACK in $(since "$total_started") s: $archive ($(du -h "$archive" | cut -f1); $rows)"
  echo "$archive"
}

verify() {
  local archive="${1:-}" work
  [ -n "$archive" ] || die "usage: scripts/backup.sh verify <archive>"
  PORT="$(pg_port)"
  WORK="$(mktemp -d)"
  work="$WORK"
  unpack "$archive" "$work"
  verify_dir "$work" || die "STACK=$STACK's databases differ from $archive"
  log "STACK=$STACK's databases hold exactly what $archive holds"
}

restore() {
  local archive="${1:-}" work db started step was_running s
  [ -n "$archive" ] || die "usage: FORCE=1 scripts/backup.sh restore <archive>   (make restore BACKUP=<archive> FORCE=1)"
  PORT="$(pg_port)"
  pick_tools
  started="$(now)"
  WORK="$(mktemp -d)"
  work="$WORK"
  unpack "$archive" "$work"
  for db in "${DATABASES[@]}"; do
    "$PG_RESTORE" --list "$work/$db.dump" >/dev/null || die "$db.dump in $archive cannot be read by $PG_RESTORE"
  done
  if [ "${FORCE:-0}" != 1 ]; then
    local current
    current="$(q "$(db_name users)" -c 'SELECT count(*) FROM users' 2>/dev/null || echo '?') users, $(q "$(db_name posts)" -c \
      'SELECT count(*) FROM articles' 2>/dev/null || echo '?') articles"
    die "refusing to replace STACK=$STACK's databases $(db_name users) and $(db_name posts) ($current now) with $archive
       (created $(node "$MANIFEST_JS" field "$work/manifest.json" created_at) from STACK=$(node "$MANIFEST_JS" field "$work/manifest.json" stack)).
       Everything written since would be lost. Run again with FORCE=1 (make restore BACKUP=$archive FORCE=1)."
  fi
  check_service_databases
  was_running="$(running_services)"
  log "Restoring $archive into STACK=$STACK ($(db_name users), $(db_name posts)); stopping:" \
    "$(tr '\n' ' ' <<<"${was_running:-nothing was running}")"
  step="$(now)"
  # All at once (each takes its graceful-shutdown time), then `down` for anything left (it escalates to KILL).
  for s in $was_running; do "$ROOT/scripts/stack.sh" kill "$s" TERM & done
  wait || true
  "$ROOT/scripts/stack.sh" down
  local stop_seconds
  stop_seconds="$(since "$step")"
  step="$(now)"
  "$ROOT/scripts/postgres.sh" --fresh "$(db_name users)" "$(db_name posts)" >/dev/null
  for db in "${DATABASES[@]}"; do
    "$PG_RESTORE" -h "$PGHOST_LOCAL" -p "$PORT" -U "$DB_USER" -d "$(db_name "$db")" --no-owner --no-acl --exit-on-error \
      --single-transaction "$work/$db.dump"
    PGOPTIONS='-c client_min_messages=error' q "$(db_name "$db")" -c 'ANALYZE'  # pg_restore does not; quiet on catalogs
  done
  local restore_seconds
  restore_seconds="$(since "$step")"
  log "Restored both databases in $restore_seconds s; checking them against the manifest"
  step="$(now)"
  verify_dir "$work" || die "the restored databases differ from $archive: the services stay stopped (scripts/stack.sh start <service> starts one)"
  local verify_seconds
  verify_seconds="$(since "$step")"
  step="$(now)"
  for s in users-service posts-service gateway; do
    if grep -qx "$s" <<<"$was_running"; then "$ROOT/scripts/stack.sh" start "$s"; fi
  done
  log "Restore of STACK=$STACK done in $(since "$started") s (stop $stop_seconds s, restore $restore_seconds s," \
    "checks $verify_seconds s, start $(since "$step") s)"
}

case "${1:-}" in
  create) create ;;
  restore) restore "${2:-}" ;;
  verify) verify "${2:-}" ;;
  *) die "usage: scripts/backup.sh create | restore <archive> (with FORCE=1) | verify <archive>" ;;
esac
