#!/usr/bin/env bash
# Throwaway PostgreSQL server for tests.
#   scripts/pg-test-server.sh start DIR   prints postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-test-server.sh stop DIR    stops it and removes what start made in DIR
#   scripts/pg-test-server.sh restart DIR [SECONDS]
#                                         stops it as an operator would (fast: sessions are cut), stays
#                                         down SECONDS (default 0), and starts it again on the same port
# Only the URL goes to stdout so callers can write URL=$(... start DIR).
set -euo pipefail

die() { echo "pg-test-server: $*" >&2; exit 1; }

case "$#:${1:-}" in 2:start|2:stop|2:restart|3:restart) cmd=$1 ;; *) die "usage: $0 start|stop|restart DIR [SECONDS]" ;; esac
dir=$(mkdir -p "$2" && cd "$2" && pwd)

# Debian's package puts the binaries outside PATH; prefer its newest server
# (a client-only package also makes a version dir, without the server).
bindir=
for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
  [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && bindir=$d
done
if [ -z "$bindir" ]; then
  pg_ctl_path=$(command -v pg_ctl) || die "PostgreSQL not found (apt-get install postgresql)"
  bindir=$(dirname "$(readlink -f "$pg_ctl_path")")
fi

# postgres refuses to run as root, so root runs it as an ordinary user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    # cd / so the tools don't warn about a cwd the user can't read (e.g. /root).
    (cd / && runuser -u "$pguser" -- "$@")
  else
    "$@"
  fi
}

stop_server() {
  pguser=$(stat -c %U "$dir/data" 2>/dev/null) || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir/data" "$dir/sock" "$dir/log"
}

case $cmd in
start)
  # DIR may hold a server left running by an aborted run: replace it, but
  # never wipe a directory holding anything else.
  for f in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$f" ] || continue
    case ${f##*/} in data|sock|log) ;; *) die "$dir is not empty" ;; esac
  done
  stop_server

  pguser=$(id -un)
  if [ "$pguser" = root ]; then
    # The Debian package creates "postgres"; a bare machine may not have it.
    pguser=postgres
    id -u "$pguser" >/dev/null 2>&1 || pguser=borikanci
    id -u "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pguser"
    chown "$pguser" "$dir"
  fi
  as_pg mkdir -m 700 "$dir/data" "$dir/sock" || die "$pguser cannot write to $dir"
  as_pg touch "$dir/log" # the server appends to it, so it must own it

  as_pg "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$dir/log" 2>&1 || { cat "$dir/log" >&2; die "initdb failed"; }

  # Port 0 lets the kernel choose a free port; another process can take it
  # before postgres binds, so retry with a new one.
  for attempt in 1 2 3 4 5; do
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start -o \
      "-p $port -k '$dir/sock' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" >/dev/null 2>&1; then
      echo "postgres://postgres@127.0.0.1:$port/postgres"
      exit 0
    fi
    echo "pg-test-server: start on port $port failed (attempt $attempt)" >&2
  done
  tail -n 30 "$dir/log" >&2
  die "could not start PostgreSQL"
  ;;
stop)
  stop_server
  rmdir "$dir" 2>/dev/null || true
  ;;
restart)
  # #18 shared: for the fault test "PostgreSQL restarted under load"; the data stays.
  pguser=$(stat -c %U "$dir/data") || die "no server in $dir"
  port=$(sed -n 4p "$dir/data/postmaster.pid") || die "the server in $dir is not running"
  as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || die "stop failed"
  sleep "${3:-0}"
  as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start -o \
    "-p $port -k '$dir/sock' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" >/dev/null 2>&1 ||
    { tail -n 30 "$dir/log" >&2; die "could not start PostgreSQL again on port $port"; }
  ;;
esac
