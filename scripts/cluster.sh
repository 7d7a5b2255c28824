#!/usr/bin/env bash
# Runs a two-node USSO cluster on this machine by hand: ./usso cluster
#   node a: http://localhost:8080 (management 9000, JGroups 127.0.0.1:7800)
#   node b: http://localhost:8081 (management 9001, JGroups 127.0.0.1:7801)
# Both run the tarball in production mode (start --optimized) on one PostgreSQL: the one in KC_DB_URL
# (with KC_DB_USERNAME / KC_DB_PASSWORD), or else a throw-away cluster started here (root + Debian's
# postgresql package). They find each other through the database (JDBC_PING) and replicate sessions over
# JGroups. Ctrl-C stops both (and the throw-away database).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARBALL=$1
WORK="${USSO_DATA_DIR:-$ROOT/data}/cluster"
# Every node must announce the same public URL (the token issuer): the load balancer's. Without a load
# balancer here, node a's URL stands in for it, so pages served by node b link to node a.
PUBLIC_URL="${USSO_PUBLIC_URL:-http://localhost:8080}"

if [[ -z "${KC_DB_URL:-}" ]]; then
  source "$ROOT/scripts/throwaway-postgres.sh"
  pg_throwaway_start
  KC_DB_URL=$USSO_TEST_DB_URL KC_DB_USERNAME=$USSO_TEST_DB_USERNAME KC_DB_PASSWORD=$USSO_TEST_DB_PASSWORD
fi
export KC_DB_URL KC_DB_USERNAME KC_DB_PASSWORD

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  sleep 5
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  declare -F pg_throwaway_stop >/dev/null && pg_throwaway_stop
}
trap cleanup EXIT INT TERM

creds="$WORK/admin-credentials"
mkdir -p "$WORK"
if [[ ! -f "$creds" ]]; then
  (umask 077; printf 'KC_BOOTSTRAP_ADMIN_USERNAME=admin\nKC_BOOTSTRAP_ADMIN_PASSWORD=%s\nKC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__PEPPER=hex:%s\n' \
    "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$creds")
fi

start_node() { # name http-port management-port jgroups-port
  local home="$WORK/node-$1"
  rm -rf "$home"; mkdir -p "$home"
  tar xzf "$TARBALL" -C "$home" --strip-components=1
  ( set -a; source "$creds"; set +a
    exec setsid "$home/bin/kc.sh" start --optimized --http-enabled=true --hostname="$PUBLIC_URL" \
      --http-port="$2" --http-management-port="$3" \
      --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$4" \
      --import-realm ) > "$home/server.log" 2>&1 &
  pids+=($!)
  echo "[cluster] node $1 starting (log: $home/server.log)"
  for _ in $(seq 1 180); do
    curl -sf "http://localhost:$3/health/ready" >/dev/null 2>&1 && { echo "[cluster] node $1 ready on http://localhost:$2"; return 0; }
    sleep 1
  done
  echo "[cluster] node $1 did not become ready"; tail -40 "$home/server.log"; exit 1
}

start_node a 8080 9000 7800   # first alone: it creates the schema, the bootstrap admin and the demo tenant
start_node b 8081 9001 7801
grep -h "ISPN000094" "$WORK"/node-*/server.log | tail -n 2
source "$creds"
cat <<MSG

  Two-node cluster up. Admin: $KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD
  node a  http://localhost:8080/admin/    node b  http://localhost:8081/admin/
  Sign in on one node and use the session on the other; kill one (kill -9) and the other carries on.
  Ctrl-C stops both.
MSG
wait
