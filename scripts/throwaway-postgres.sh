# Source this file, then `pg_throwaway_start` starts a private PostgreSQL cluster on 127.0.0.1 (a free
# port, a temp dir, a random password) and exports USSO_TEST_DB_URL, USSO_TEST_DB_USERNAME and
# USSO_TEST_DB_PASSWORD; `pg_throwaway_stop` stops and deletes it. Needs root (it runs the server as the
# postgres user) and Debian's postgresql package. Used by .ci/run and bench/run.sh.

pg_throwaway_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -x "$PG_BIN/initdb" ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/usso-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  chown postgres: "$PG_DIR"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres" >/dev/null
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w \
    -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200' start" >/dev/null
  local pw; pw=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  su postgres -s /bin/sh -c "psql -h $PG_DIR -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 -q \
    -c \"CREATE ROLE usso LOGIN PASSWORD '$pw'\" -c 'CREATE DATABASE usso_test OWNER usso'" >/dev/null
  export USSO_TEST_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/usso_test"
  export USSO_TEST_DB_USERNAME=usso USSO_TEST_DB_PASSWORD="$pw"
  echo "PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_throwaway_stop() {
  [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]] || return 0
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
