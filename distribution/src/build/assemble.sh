#!/usr/bin/env bash
# Assembles the USSO distribution home from the pristine Keycloak tarball, our provider jars, the
# realm templates and our configuration, then runs Keycloak's build (augmentation) step on it.
# Called by Maven (exec-maven-plugin, prepare-package) with: TARGET_DIR DIST_NAME KEYCLOAK_VERSION
set -euo pipefail
target=$1 name=$2 kc_version=$3
here=$(cd "$(dirname "$0")/../.." && pwd)
home="$target/$name"

# Skip the whole step (and its 30-45 s augmentation) when nothing that goes into the home has changed.
inputs=$( { sha256sum "$target/download/keycloak-quarkus-dist.tar.gz" "$target"/providers/*.jar \
              "$target"/templates/realm-templates/*.json "$here"/src/main/conf/* "$0"; } | sha256sum | cut -d' ' -f1)
if [[ -f "$home/.usso-inputs" && $(cat "$home/.usso-inputs") == "$inputs" ]]; then
  echo "[usso] $name is up to date (inputs unchanged): skipping assembly and kc.sh build"
  exit 0
fi

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
echo "$inputs" > "$home/.usso-inputs"
