#!/usr/bin/env bash
# Starts a throw-away PostgreSQL (Debian's package) on 127.0.0.1:${PAPERBOY_PG_PORT:-55432} with a
# database paperboy_test, and prints the JDBC URL the tests read from PAPERBOY_TEST_PG_URL.
#   eval "$(bash .ci/postgres.sh)"     # exports PAPERBOY_TEST_PG_URL
set -euo pipefail
port=${PAPERBOY_PG_PORT:-55432}
data=${PAPERBOY_PG_DATA:-/tmp/paperboy-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; elif [ "$(id -un)" = postgres ]; then sh -c "$*"; else sudo -u postgres sh -c "$*"; fi
}
if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  if [ ! -f "$data/PG_VERSION" ]; then
    if [ "$(id -u)" -eq 0 ]; then install -d -o postgres -g postgres -m 700 "$data"; else sudo install -d -o postgres -g postgres -m 700 "$data"; fi
    as_pg "$bin/initdb -D $data -A trust -U postgres -E UTF8 >/dev/null"
  fi
  as_pg "$bin/pg_ctl -D $data -l $data/server.log -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
fi
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'paperboy_test'" | grep -q 1 \
  || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE paperboy_test" >/dev/null
echo "export PAPERBOY_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$port/paperboy_test?user=postgres'"
