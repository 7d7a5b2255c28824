#!/usr/bin/env bash
# Assembles the USSO distribution home from the pristine Keycloak tarball, our provider jars, the
# realm templates and our configuration, then runs Keycloak's build (augmentation) step on it.
# Called by Maven (exec-maven-plugin, prepare-package) with: TARGET_DIR DIST_NAME KEYCLOAK_VERSION
set -euo pipefail
target=$1 name=$2 kc_version=$3
here=$(cd "$(dirname "$0")/../.." && pwd)
home="$target/$name"

rm -rf "$home" "$target/unpack"
mkdir -p "$target/unpack"
tar xzf "$target/download/keycloak-quarkus-dist.tar.gz" -C "$target/unpack"
mv "$target/unpack/keycloak-$kc_version" "$home"
rm -rf "$target/unpack"

# Providers: our jars and their third-party runtime dependencies (already filtered by Maven).
cp "$target"/providers/*.jar "$home/providers/"

# Realm templates: the demo tenant is imported by `--import-realm`; the tenant template is kept beside it
# for tooling (it is not imported: it is a template, not a tenant).
mkdir -p "$home/data/import" "$home/data/usso/realm-templates"
cp "$target/templates/realm-templates/demo-tenant.json" "$home/data/import/"
cp "$target"/templates/realm-templates/*.json "$home/data/usso/realm-templates/"

# Configuration.
cp "$here/src/main/conf/keycloak.conf" "$home/conf/keycloak.conf"
cp "$here/src/main/conf/README-USSO.md" "$home/README-USSO.md"
{
  echo "usso=${name#usso-keycloak-}"
  echo "keycloak=$kc_version"
} > "$home/usso-version.txt"

# Augmentation with the build options of conf/keycloak.conf (db=postgres, health, metrics).
echo "[usso] running kc.sh build in $home"
(cd "$home" && JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-}" bin/kc.sh build)
rm -rf "$home/data/tmp" "$home/data/h2"
