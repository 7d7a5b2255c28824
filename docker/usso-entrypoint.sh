#!/bin/bash
# USSO image entrypoint: Keycloak's kc.sh, with the demo tenant imported only when asked for.
# The demo tenant has fixed, published passwords: USSO_IMPORT_DEMO=true is for trying the image out, never for
# production. Your own tenants: mount their realm JSON into /opt/keycloak/data/import/.
set -euo pipefail
if [ "${USSO_IMPORT_DEMO:-false}" = "true" ]; then
  cp /opt/keycloak/data/usso/demo/*.json /opt/keycloak/data/import/
fi
exec /opt/keycloak/bin/kc.sh "$@"
