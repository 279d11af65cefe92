#!/bin/sh
# First start of the compose PostgreSQL only (docker-entrypoint-initdb.d): the login role of
# Warden's connection pool, WARDEN_DB_APP_USER. It owns nothing; its rights come from membership
# in warden_app, the role whose grants the migrations keep (created here if missing, so that the
# membership can be given now; the migrations find it and leave it as it is).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_user="$WARDEN_DB_APP_USER" -v app_password="$WARDEN_DB_APP_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE warden_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'warden_app') \gexec
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION IN ROLE warden_app;
SQL
