#!/usr/bin/env bash
# Provisions PostgreSQL for the suite, idempotently: installs the Debian server if missing, starts its
# cluster, creates the role and the named databases. With --fresh the databases are dropped first
# (throwaway test databases). With --install-only it stops after installing.
#
#   scripts/postgres.sh [--fresh] [--install-only] [database ...]     (default databases: users posts)
#
# Role and password: CONDUIT_DB_USER / CONDUIT_DB_PASSWORD (default conduit / conduit, for local use only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

fresh=0
install_only=0
databases=()
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    --install-only) install_only=1 ;;
    *) databases+=("$arg") ;;
  esac
done
[ ${#databases[@]} -gt 0 ] || databases=(users posts)
role="${CONDUIT_DB_USER:-conduit}"
password="${CONDUIT_DB_PASSWORD:-conduit}"

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  log "Installing PostgreSQL"
  apt_install postgresql
fi
[ "$install_only" -eq 1 ] && exit 0

read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
  log "Starting PostgreSQL $version/$cluster on port $port"
  (close_inherited_fds && as_root pg_ctlcluster "$version" "$cluster" start)
fi
for _ in $(seq 1 30); do
  as_root runuser -u postgres -- pg_isready -q -p "$port" && break
  sleep 1
done

psql_admin() { as_root runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAtX "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"$role\" LOGIN PASSWORD '$password'"
else
  psql_admin -c "ALTER ROLE \"$role\" LOGIN PASSWORD '$password'"
fi
for db in "${databases[@]}"; do
  if [ "$fresh" -eq 1 ]; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$role\""
  fi
done
echo "$port"
