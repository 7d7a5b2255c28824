#!/usr/bin/env bash
# Benchmarks of the USSO distribution (not part of the test suite). Usage:
#   ./usso bench [foundation|cluster|api-keys|api-keys-table|qr|long-poll|passwordless|workspaces] [--db h2|postgres] [--seconds N] [--connections N]
# api-keys: verify vs introspection, API-key grant vs client_credentials, p99 at 200/s (--keys N, default 1000)
# qr: QR approval-to-desktop latency (50 logins), status endpoint requests/s, heap of 10,000 pending attempts
# long-poll: discovery throughput while --waiters (default 2000) QR status requests wait, against idle
# passwordless: server CPU per magic-link login vs password grant; link requests/s with every e-mail counted
# workspaces: token issuance for a member of 5 workspaces vs none, GET /workspaces p99 (member of 5 and of 200), in a
#   tenant filled to --workspaces (10,000) and --memberships (100,000); PostgreSQL only
# api-keys-table: verify with the cache off, the keys table at --keys rows and then at --rows (default 1,000,000)
# --db postgres (the default when this machine has PostgreSQL server binaries) starts a throw-away
# PostgreSQL on loopback unless USSO_TEST_DB_URL points at one. Results: bench/results/*.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
db=""
args=()
main=io.usso.keycloak.bench.FoundationBench
case "${1:-}" in
  foundation) shift ;;
  cluster) main=io.usso.keycloak.bench.ClusterBench; shift ;;
  api-keys) main=io.usso.keycloak.bench.ApiKeyBench; shift ;;
  qr) main=io.usso.keycloak.it.qr.QrBench; shift ;;
  long-poll) main=io.usso.keycloak.it.qr.LongPollBench; shift
    # every waiter of the benchmark comes from loopback: lift the per-address cap above the waiter count
    export KC_SPI_REALM_RESTAPI_EXTENSION__QR_LOGIN__MAX_WAITERS_PER_ADDRESS=100000
    export KC_SPI_REALM_RESTAPI_EXTENSION__QR_LOGIN__LONG_POLL_SECONDS=30 ;;
  passwordless) main=io.usso.keycloak.it.magiclink.PasswordlessBench; shift ;;
  workspaces) main=io.usso.keycloak.bench.WorkspaceBench; shift ;;
  api-keys-table) main=io.usso.keycloak.bench.ApiKeyBench; shift; args+=(--table)
    export KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__CACHE_TTL_SECONDS=0 ;;
esac
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --db=*) db="${1#--db=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [[ -z "$db" ]]; then
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then db=postgres; else db=h2; fi
fi

if ! command -v wrk >/dev/null; then
  echo "[bench] installing wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

if [[ "$db" == postgres && -z "${USSO_TEST_DB_URL:-}" ]]; then
  source scripts/throwaway-postgres.sh
  trap pg_throwaway_stop EXIT
  pg_throwaway_start
fi

echo "[bench] building (the distribution is re-augmented only when its inputs changed)"
mvn -B -ntp -q -DskipTests -DskipITs install -pl bench -am
echo "[bench] running on $db"
USSO_TEST_DB="$db" mvn -B -ntp -q -pl bench exec:java -Dbench.main="$main" -Dbench.args="${args[*]:-}"
