#!/usr/bin/env bash
# pgtest.sh start|stop — a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite.
# "start" wipes and re-creates the cluster and prints an Npgsql connection string (without Database=;
# each test fixture names its own database). "stop" is a no-op when nothing runs.
set -euo pipefail
PGPORT="${PGTEST_PORT:-55432}"
PGROOT="${PGTEST_DIR:-$(dirname "$(mktemp -u)")/pgtest-$PGPORT}"  # postgres must reach it: not under ~root (0700)
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$PGBIN" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
aspg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop() {
  if [ -f "$PGROOT/data/postmaster.pid" ]; then
    aspg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGROOT"
}
case "${1:-start}" in
  start)
    stop
    mkdir -p "$PGROOT"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGROOT"; fi
    aspg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGROOT/initdb.log" 2>&1 \
      || { cat "$PGROOT/initdb.log" >&2; exit 1; }
    aspg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
      -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$PGROOT/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres" ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
