package io.usso.keycloak.apikeys.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyExpiry;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.ApiKeyScopes;
import io.usso.keycloak.apikeys.GeneratedApiKey;
import io.usso.keycloak.apikeys.rest.ApiKeyRequests;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.apikeys.store.ApiKeyStore;
import io.usso.keycloak.common.RoleScopes;
import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

/**
 * Creating, listing, rotating and revoking the keys of one owner in one tenant: the rules shared by the
 * self-service endpoints ({@code /realms/{realm}/api-keys}), the admin endpoints and the account page. Callers
 * authorise and emit events; this class enforces the key rules (scopes only from what the owner holds, expiry within
 * the tenant maximum, rotation grace clamped) and evicts changed keys from every node's verification cache.
 */
public final class ApiKeyService {

    /**
     * Most keys (not revoked; expired ones count until revoked) one owner may hold: a bound on what one account can
     * store, not a tenant setting. Rotation may go one over it while the old key's grace lasts.
     */
    public static final int MAX_KEYS_PER_OWNER = 100;

    /** A key just stored: its row and the key itself (shown once). */
    public record Issued(ApiKeyEntity entity, String key) {
    }

    /** A rotation: the new key, the old key's id and its remaining lifetime (null = revoked at once). */
    public record Rotated(Issued issued, String oldId, Long oldExpiresAt) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeyRuntime runtime;
    private final ApiKeyStore store;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param runtime the server's runtime (with a hasher)
     */
    public ApiKeyService(KeycloakSession session, RealmModel realm, ApiKeyRuntime runtime) {
        this.session = session;
        this.realm = realm;
        this.runtime = runtime;
        this.store = new ApiKeyStore(session);
    }

    /**
     * @param owner the key's owner (a user or service account of this realm)
     * @param request the validated request
     * @param config the tenant's settings
     * @param callerLimit the scopes of the calling token (a key never gets more), null when the caller is the owner
     *        in an interactive page session or an administrator
     * @return the new key
     * @throws ApiKeyRequestException when the owner or the caller's token lacks a requested scope, the expiry is not
     *         allowed or the owner already holds {@value #MAX_KEYS_PER_OWNER} keys
     */
    public Issued create(UserModel owner, ApiKeyRequests.CreateRequest request, ApiKeyConfig config,
            List<UssoScope> callerLimit) {
        if (store.countForUser(realm, owner.getId()) >= MAX_KEYS_PER_OWNER) {
            throw new ApiKeyRequestException(ApiKeyRequestException.TOO_MANY_KEYS, "An owner may hold at most "
                    + MAX_KEYS_PER_OWNER + " keys; revoke unused keys first");
        }
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        List<UssoScope> granted = ApiKeyScopes.grantable(RoleScopes.heldBy(owner), callerLimit, request.scopes())
                .requireComplete();
        ApiKeyExpiry expiry = ApiKeyExpiry.forNewKey(now,
                request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays()), config);
        return issue(config, owner, request.name(), granted, now, expiry);
    }

    /**
     * @param ownerId the owner
     * @return the owner's keys that are not revoked (expired ones included), oldest first
     */
    public List<ApiKeyEntity> list(String ownerId) {
        return store.listForUser(realm, ownerId);
    }

    /**
     * @param ownerId the owner the key must belong to
     * @param id the key id
     * @return the key of this owner that is not revoked, or null
     */
    public ApiKeyEntity find(String ownerId, String id) {
        ApiKeyEntity entity = store.findById(realm, id);
        return entity == null || entity.isRevoked() || !entity.getUserId().equals(ownerId) ? null : entity;
    }

    /**
     * Revokes a key of the owner (expired keys too, so that they leave the list).
     *
     * @param ownerId the owner the key must belong to
     * @param id the key id
     * @return the revoked key, or null when the owner has no such key (unknown, revoked, another owner's)
     */
    public ApiKeyEntity revoke(String ownerId, String id) {
        ApiKeyEntity entity = find(ownerId, id);
        if (entity == null) {
            return null;
        }
        store.revoke(entity, System.currentTimeMillis());
        runtime.invalidations().keyChanged(session, entity.getKeyHash());
        return entity;
    }

    /**
     * Replaces a key of the owner by a new one with the same name and the scopes the owner still holds; the old key
     * keeps working for the requested grace (clamped to the tenant maximum, never beyond its own expiry; none =
     * revoked at once). A key is rotated once: the rotated-out key (still working in its grace) cannot be rotated
     * again, and a rotation that keeps the old key for a grace counts against {@value #MAX_KEYS_PER_OWNER}.
     *
     * @param owner the owner
     * @param id the old key's id
     * @param graceSeconds the requested grace, null for none
     * @param config the tenant's settings
     * @param callerLimit the scopes of the calling token (the new key never gets more), null for none
     * @return the rotation, or null when the owner has no such usable key (unknown, revoked, expired)
     * @throws ApiKeyRequestException when the owner no longer holds any of the key's scopes, the key was rotated
     *         already, or a grace would take the owner over {@value #MAX_KEYS_PER_OWNER} keys
     */
    public Rotated rotate(UserModel owner, String id, Long graceSeconds, ApiKeyConfig config,
            List<UssoScope> callerLimit) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        ApiKeyEntity old = store.findByIdForUpdate(realm, id);
        if (old == null || old.isRevoked() || !owner.getId().equals(old.getUserId())
                || ApiKeyExpiry.at(instant(old.getExpiresAt())).isExpired(now)) {
            return null;
        }
        if (old.getReplacedBy() != null) {
            throw new ApiKeyRequestException(ApiKeyRequestException.ALREADY_ROTATED,
                    "This key was rotated already; rotate its replacement instead");
        }
        List<UssoScope> held = RoleScopes.heldBy(owner);
        List<UssoScope> scopes = stillHeld(ApiKeyScopes.parseStored(old.getScopes()),
                callerLimit == null ? held : UssoScopes.narrow(callerLimit, held));
        Long oldExpiresAt = rotatedOutExpiry(old.getExpiresAt(), now, graceSeconds, config);
        if (oldExpiresAt != null && store.countForUser(realm, owner.getId()) >= MAX_KEYS_PER_OWNER) {
            throw new ApiKeyRequestException(ApiKeyRequestException.TOO_MANY_KEYS, "An owner may hold at most "
                    + MAX_KEYS_PER_OWNER + " keys; rotate without a grace or revoke unused keys first");
        }
        Issued issued = issue(config, owner, old.getName(), scopes, now, ApiKeyExpiry.forNewKey(now, null, config));
        if (oldExpiresAt == null) {
            store.revoke(old, now.toEpochMilli());
        } else {
            store.shortenExpiry(old, oldExpiresAt);
        }
        store.markReplaced(old, issued.entity().getId());
        runtime.invalidations().keyChanged(session, old.getKeyHash());
        return new Rotated(issued, old.getId(), oldExpiresAt);
    }

    /**
     * The scopes a rotated key keeps: the old key's scopes its owner still holds (as at creation, never widened).
     *
     * @param keyScopes the old key's stored scopes
     * @param ownerScopes the owner's current scopes
     * @return the scopes for the new key, never empty
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_SCOPE}) when none remain
     */
    public static List<UssoScope> stillHeld(List<UssoScope> keyScopes, List<UssoScope> ownerScopes) {
        List<UssoScope> granted = keyScopes.isEmpty() ? List.of()
                : ApiKeyScopes.grantable(ownerScopes, keyScopes).granted();
        if (granted.isEmpty()) {
            throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                    "The key owner no longer holds any of this key's scopes");
        }
        return granted;
    }

    /**
     * The old key's expiry after a rotation ({@link ApiKeyExpiry#afterRotation}).
     *
     * @param currentExpiresAt the old key's expiry, epoch milliseconds, null for never
     * @param now the rotation time
     * @param graceSeconds the requested grace, null for none
     * @param config the tenant settings
     * @return the new expiry in epoch milliseconds, or null when the old key must be revoked now (no grace left)
     */
    public static Long rotatedOutExpiry(Long currentExpiresAt, Instant now, Long graceSeconds, ApiKeyConfig config) {
        ApiKeyExpiry after = ApiKeyExpiry.at(instant(currentExpiresAt)).afterRotation(now, graceSeconds, config);
        return after.isExpired(now) ? null : after.expiresAt().map(Instant::toEpochMilli).orElseThrow();
    }

    /** Generates, hashes and stores a new key of {@code owner}. */
    private Issued issue(ApiKeyConfig config, UserModel owner, String name, List<UssoScope> scopes, Instant now,
            ApiKeyExpiry expiry) {
        GeneratedApiKey key = runtime.format().generate(config.prefix());
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setUserId(owner.getId());
        entity.setName(name);
        entity.setDisplayPrefix(key.displayPrefix());
        entity.setKeyHash(runtime.hasher().hash(key.key()));
        entity.setScopes(String.join(" ", UssoScopes.toStrings(scopes)));
        entity.setCreatedAt(now.toEpochMilli());
        entity.setExpiresAt(expiry.expiresAt().map(Instant::toEpochMilli).orElse(null));
        entity.setUsageCount(0);
        store.create(entity);
        return new Issued(entity, key.key());
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
