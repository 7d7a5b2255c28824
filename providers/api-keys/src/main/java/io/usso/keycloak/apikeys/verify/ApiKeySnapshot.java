package io.usso.keycloak.apikeys.verify;

import java.util.List;

import io.usso.keycloak.apikeys.ApiKeyScopes;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.common.UssoScope;

/**
 * An immutable copy of the columns verification needs, safe to keep in the node-local {@link ApiKeyCache} (a JPA
 * entity is not). Holds the key's hash only as the cache key's twin, never the key.
 *
 * @param id key id
 * @param realmId tenant
 * @param userId owner
 * @param name label
 * @param displayPrefix first characters of the key
 * @param keyHash the keyed hash (to invalidate by hash)
 * @param scopes stored scopes, space separated, may be empty
 * @param createdAt epoch milliseconds
 * @param expiresAt epoch milliseconds, null = never
 * @param revokedAt epoch milliseconds, null = not revoked
 * @param parsedScopes {@code scopes} parsed once (invalid entries skipped)
 */
public record ApiKeySnapshot(String id, String realmId, String userId, String name, String displayPrefix,
        String keyHash, String scopes, long createdAt, Long expiresAt, Long revokedAt, List<UssoScope> parsedScopes) {

    /** A snapshot whose {@code parsedScopes} are parsed from {@code scopes}. */
    public ApiKeySnapshot(String id, String realmId, String userId, String name, String displayPrefix,
            String keyHash, String scopes, long createdAt, Long expiresAt, Long revokedAt) {
        this(id, realmId, userId, name, displayPrefix, keyHash, scopes, createdAt, expiresAt, revokedAt,
                List.copyOf(ApiKeyScopes.parseStored(scopes)));
    }

    /**
     * @param entity a row
     * @return its snapshot
     */
    public static ApiKeySnapshot of(ApiKeyEntity entity) {
        return new ApiKeySnapshot(entity.getId(), entity.getRealmId(), entity.getUserId(), entity.getName(),
                entity.getDisplayPrefix(), entity.getKeyHash(), entity.getScopes() == null ? "" : entity.getScopes(),
                entity.getCreatedAt(), entity.getExpiresAt(), entity.getRevokedAt());
    }

    /** @return whether the key was revoked */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * @param nowMillis current time
     * @return whether the key has expired at {@code nowMillis}
     */
    public boolean isExpired(long nowMillis) {
        return expiresAt != null && nowMillis >= expiresAt;
    }
}
