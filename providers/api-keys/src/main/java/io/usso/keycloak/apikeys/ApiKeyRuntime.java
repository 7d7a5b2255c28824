package io.usso.keycloak.apikeys;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.apikeys.rest.ApiKeyResourceProviderFactory;
import io.usso.keycloak.apikeys.verify.ApiKeyCache;
import io.usso.keycloak.apikeys.verify.ApiKeyInvalidations;
import io.usso.keycloak.apikeys.verify.UsageBuffer;
import io.usso.keycloak.apikeys.verify.VerifierCallers;

/**
 * What every API-key endpoint of one server shares: the hasher (null without a valid pepper), the key generator,
 * this node's verification cache with its cluster invalidation, and the write-behind usage counter. Created by
 * {@link ApiKeyResourceProviderFactory} (one per server) and found by the other providers of this module (admin
 * resource, OAuth grant) through {@link #of(KeycloakSession)}.
 *
 * @param hasher the keyed hasher, null when the server has no valid pepper
 * @param format the key generator
 * @param cache this node's verification cache
 * @param invalidations evicts changed keys on every node
 * @param usage write-behind usage counter
 * @param configs parsed tenant settings
 * @param verifierCallers bearer tokens of verify callers checked recently on this node
 */
public record ApiKeyRuntime(ApiKeyHasher hasher, ApiKeyFormat format, ApiKeyCache cache,
        ApiKeyInvalidations invalidations, UsageBuffer usage, ApiKeyConfigCache configs,
        VerifierCallers verifierCallers) {

    /**
     * A runtime without caching or buffering (every verification reads and writes the database): for tests.
     *
     * @param hasher the hasher, may be null
     * @return the runtime
     */
    public static ApiKeyRuntime uncached(ApiKeyHasher hasher) {
        ApiKeyCache cache = new ApiKeyCache(0, 1, System::currentTimeMillis);
        return new ApiKeyRuntime(hasher, new ApiKeyFormat(), cache, new ApiKeyInvalidations(cache), new UsageBuffer(0),
                new ApiKeyConfigCache(), new VerifierCallers(System::currentTimeMillis));
    }

    /**
     * @param session any session of the server
     * @return the server's runtime
     * @throws IllegalStateException when the API-key provider is not deployed
     */
    public static ApiKeyRuntime of(KeycloakSession session) {
        Object factory = session.getKeycloakSessionFactory()
                .getProviderFactory(RealmResourceProvider.class, ApiKeyResourceProviderFactory.ID);
        if (factory instanceof ApiKeyResourceProviderFactory keys) {
            return keys.runtime();
        }
        throw new IllegalStateException("The " + ApiKeyResourceProviderFactory.ID + " provider is not deployed");
    }
}
