package io.usso.keycloak.apikeys;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.RealmModel;

/**
 * The parsed {@link ApiKeyConfig} of each tenant on this node, so that the per-request paths (verify, the grant)
 * neither re-parse the settings nor repeat their warnings on every call. An entry is reused while the tenant's
 * {@code usso.api-keys.*} attributes read the same (one cached-realm lookup per setting); any change re-parses at
 * the next request, so no invalidation is needed across nodes. Holds derived data only, one entry per realm.
 */
public final class ApiKeyConfigCache {

    private record Entry(String fingerprint, ApiKeyConfig config) {
    }

    private final Map<String, Entry> byRealm = new ConcurrentHashMap<>();

    /**
     * @param realm the tenant
     * @return its settings, parsed again only when one of them changed
     */
    public ApiKeyConfig config(RealmModel realm) {
        StringBuilder fingerprint = new StringBuilder();
        for (String name : ApiKeyConfig.SETTINGS) {
            fingerprint.append(realm.getAttribute(name)).append('\u0000');
        }
        String key = fingerprint.toString();
        Entry entry = byRealm.get(realm.getId());
        if (entry != null && entry.fingerprint().equals(key)) {
            return entry.config();
        }
        ApiKeyConfig parsed = ApiKeyConfig.fromRealm(realm);
        byRealm.put(realm.getId(), new Entry(key, parsed));
        return parsed;
    }

    /** @param realmId a removed tenant */
    public void forget(String realmId) {
        byRealm.remove(realmId);
    }
}
