#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL server on 127.0.0.1 and DATABASE_URL pointing at it.
# Usage: scripts/with-postgres.sh COMMAND [ARGS…]
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=$(mktemp -d /tmp/rsec-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$DATA"
  AS=(runuser -u postgres --)
fi
"${AS[@]}" "$BIN/initdb" -D "$DATA/db" -U rsec --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/server.log" -w \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
stop() { "${AS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -m fast stop >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap stop EXIT
export DATABASE_URL="postgres://rsec@127.0.0.1:$PORT/rsec"
"$@"
