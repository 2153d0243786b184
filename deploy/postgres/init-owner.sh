#!/usr/bin/env bash
# Creates the service's database and its owner role, without superuser rights, the first time the official
# postgres image initialises its data directory (it runs /docker-entrypoint-initdb.d/*.sh then, over the local
# socket, and never again once the volume holds data). Then it removes the superuser's password: the superuser
# can still connect over the socket inside the container (docker-compose exec <db> psql -U postgres), never over
# the network.
#
#   CONDUIT_DB_NAME             the database (e.g. users)
#   CONDUIT_DB_OWNER            the role the service connects as (e.g. conduit_users)
#   CONDUIT_DB_OWNER_PASSWORD   its password
#
# Used by docker-compose-prod.yml (one server per service).
set -euo pipefail

: "${CONDUIT_DB_NAME:?set CONDUIT_DB_NAME}" "${CONDUIT_DB_OWNER:?set CONDUIT_DB_OWNER}"
: "${CONDUIT_DB_OWNER_PASSWORD:?set CONDUIT_DB_OWNER_PASSWORD}"
for name in "$CONDUIT_DB_NAME" "$CONDUIT_DB_OWNER"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "init-owner: invalid name '$name'" >&2; exit 1; }
done
if [ "$CONDUIT_DB_OWNER" = "$POSTGRES_USER" ]; then
  echo "init-owner: the owner role must not be the superuser $POSTGRES_USER" >&2
  exit 1
fi

echo "init-owner: creating role $CONDUIT_DB_OWNER and database $CONDUIT_DB_NAME owned by it"
# psql variables (:"name" quotes an identifier, :'name' a literal) keep the values out of the SQL text.
psql -v ON_ERROR_STOP=1 -qX --username "$POSTGRES_USER" --dbname postgres \
  --set=owner="$CONDUIT_DB_OWNER" --set=password="$CONDUIT_DB_OWNER_PASSWORD" --set=db="$CONDUIT_DB_NAME" \
  --set=superuser="$POSTGRES_USER" <<'SQL'
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
ALTER ROLE :"superuser" PASSWORD NULL;
SQL
