#!/bin/sh
# The public postgres image's first-start contract, small: on an empty PGDATA, initdb as
# POSTGRES_USER with the password in POSTGRES_PASSWORD_FILE (never on a command line),
# password logins from the network, then POSTGRES_DB; then postgres in the foreground
# (exec: the kubelet's SIGTERM reaches it and it shuts down cleanly).
set -eu
: "${PGDATA:?}" "${POSTGRES_USER:?}" "${POSTGRES_DB:?}" "${POSTGRES_PASSWORD_FILE:?}"
SOCKETS=/var/run/postgresql
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of flags, as in the public image
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$POSTGRES_PASSWORD_FILE" ${POSTGRES_INITDB_ARGS:-}
  echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses= -c unix_socket_directories=$SOCKETS" -w start
  # Local logins need the password too (scram-sha-256 everywhere): given for this one call.
  PGPASSWORD=$(cat "$POSTGRES_PASSWORD_FILE") psql -h "$SOCKETS" -U "$POSTGRES_USER" -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE \"$POSTGRES_DB\""
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
# As the public image does at every start: a volume whose group ownership the kubelet set
# (fsGroup) has group bits PostgreSQL refuses to start on.
chmod 700 "$PGDATA"
exec postgres -D "$PGDATA" -c listen_addresses='*' -c "unix_socket_directories=$SOCKETS" "$@"
