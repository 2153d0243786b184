#!/usr/bin/env bash
# Creates one database per service, owned by the image's POSTGRES_USER, the first time the official
# postgres image initialises its data directory (it runs /docker-entrypoint-initdb.d/*.sh then, and never
# again once the volume holds data).
#
#   CONDUIT_DATABASES   space- or comma-separated names (default: "users posts")
#
# Used by docker-compose-dev.yml (one server, both databases). docker-compose-prod.yml runs one server per
# service and lets POSTGRES_DB create its single database instead.
set -euo pipefail

databases="${CONDUIT_DATABASES:-users posts}"
for db in ${databases//,/ }; do
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "init-databases: invalid database name '$db'" >&2; exit 1; }
  if [ "$(psql -v ON_ERROR_STOP=1 -qAtX --username "$POSTGRES_USER" --dbname postgres \
          -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    echo "init-databases: creating database $db owned by $POSTGRES_USER"
    psql -v ON_ERROR_STOP=1 -qX --username "$POSTGRES_USER" --dbname postgres \
      -c "CREATE DATABASE \"$db\" OWNER \"$POSTGRES_USER\""
  fi
done
