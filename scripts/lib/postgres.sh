# SPDX-License-Identifier: Apache-2.0
# Starts a throw-away PostgreSQL server on loopback for the test suite. Source it; do not run it.
# shellcheck shell=bash
#
#   stella_pg_start   -> exports STELLA_TEST_PG_URL (superuser URL to the maintenance db)
#   stella_pg_stop
#
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.

stella_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$dir/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
  echo "$dir"
}

stella_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stella_pg_free_port() {
  local port=${1:-55432}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

stella_pg_start() {
  local bindir
  bindir=$(stella_pg_bindir) || return 1
  STELLA_PG_DIR=$(mktemp -d /tmp/stella-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$STELLA_PG_DIR"
  STELLA_PG_PORT=$(stella_pg_free_port 55432)
  stella_pg_as_owner "$bindir/initdb" -D "$STELLA_PG_DIR/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$STELLA_PG_DIR/initdb.log" 2>&1 \
    || { cat "$STELLA_PG_DIR/initdb.log" >&2; return 1; }
  stella_pg_as_owner "$bindir/pg_ctl" -D "$STELLA_PG_DIR/data" -l "$STELLA_PG_DIR/server.log" -w -t 60 \
      -o "-p $STELLA_PG_PORT -k $STELLA_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$STELLA_PG_DIR/server.log" >&2; return 1; }
  export STELLA_PG_DIR STELLA_PG_PORT
  export STELLA_TEST_PG_URL="postgresql://postgres@127.0.0.1:$STELLA_PG_PORT/postgres"
}

stella_pg_stop() {
  [ -n "${STELLA_PG_DIR:-}" ] && [ -d "$STELLA_PG_DIR/data" ] || return 0
  local bindir
  bindir=$(stella_pg_bindir) || return 0
  stella_pg_as_owner "$bindir/pg_ctl" -D "$STELLA_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$STELLA_PG_DIR"
}
