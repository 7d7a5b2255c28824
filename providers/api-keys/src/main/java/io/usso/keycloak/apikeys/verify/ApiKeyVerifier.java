package io.usso.keycloak.apikeys.verify;

import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyParseResult;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.ApiKeyScopes;
import io.usso.keycloak.apikeys.FailureCounter;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.apikeys.store.ApiKeyStore;
import io.usso.keycloak.common.RoleScopes;
import io.usso.keycloak.common.UssoScope;

/**
 * Checks a presented key for one tenant; shared by the verify endpoint and the OAuth grant. Order: offline parse
 * (prefix, length, checksum: no hashing, no database), the keyed hash, this node's {@link ApiKeyCache}; a cached row
 * that passes the rules of {@link #check} (tenant, revoked, expired, owner present and enabled) is a success at once.
 * Everything else passes the failure limits ({@link FailureCounter}, which stand in front of the database) before
 * the row is read. The owner comes from Keycloak's user cache on every call, so a disabled owner takes effect at
 * once, and the owner's roles are read when the key's scopes are asked for, so a lost role does too. A success counts
 * one use ({@link UsageBuffer}); a failure counts against the limits. Callers emit the events.
 */
public final class ApiKeyVerifier {

    private static final Logger LOG = Logger.getLogger(ApiKeyVerifier.class);

    /** The result of one verification. */
    public sealed interface Outcome permits Verified, Rejected, Limited {
    }

    /**
     * The key works. The owner's roles and the key's effective scopes are worked out on first use only (the OAuth
     * grant leaves that to the token's mappers, which read the same roles).
     */
    public static final class Verified implements Outcome {

        private final ApiKeySnapshot key;
        private final UserModel owner;
        private Set<RoleModel> roles;
        private List<UssoScope> scopes;

        Verified(ApiKeySnapshot key, UserModel owner) {
            this.key = key;
            this.owner = owner;
        }

        /** @return the key's row */
        public ApiKeySnapshot key() {
            return key;
        }

        /** @return the owner */
        public UserModel owner() {
            return owner;
        }

        /** @return the owner's effective roles now */
        public Set<RoleModel> roles() {
            if (roles == null) {
                roles = RoleScopes.effectiveRoles(owner);
            }
            return roles;
        }

        /** @return the key's scopes the owner still holds */
        public List<UssoScope> scopes() {
            if (scopes == null) {
                scopes = ApiKeyScopes.effective(key.parsedScopes(), RoleScopes.heldBy(owner, roles()));
            }
            return scopes;
        }
    }

    /**
     * The key does not work (counted against the failure limits).
     *
     * @param reason why (events only)
     * @param key the row when one was found in this tenant, else null
     * @param owner the owner when found, else null
     */
    public record Rejected(FailureReason reason, ApiKeySnapshot key, UserModel owner) implements Outcome {
    }

    /**
     * A failure limit was reached before the key was looked at (not counted again).
     *
     * @param limit which limit and for how long
     */
    public record Limited(FailureCounter.Limited limit) implements Outcome {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeyRuntime runtime;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param runtime the server's API-key runtime (with a hasher)
     */
    public ApiKeyVerifier(KeycloakSession session, RealmModel realm, ApiKeyRuntime runtime) {
        this.session = session;
        this.realm = realm;
        this.runtime = runtime;
    }

    /**
     * @param presented the key as sent
     * @param ip the caller's address, may be null
     * @param config the tenant's settings
     * @return the outcome
     */
    public Outcome verify(String presented, String ip, ApiKeyConfig config) {
        ApiKeyParseResult parsed = ApiKeyFormat.parse(presented, config.prefix());
        String keyHash = null;
        ApiKeySnapshot cached = null;
        if (parsed instanceof ApiKeyParseResult.Valid valid) {
            keyHash = runtime.hasher().hash(valid.key());
            cached = runtime.cache().get(keyHash);
            if (cached != null) {
                // a key this node has already verified costs no database work: the failure limits, which stand in
                // front of the database, are not consulted for it (someone else failing from the same address or
                // against the same prefix does not lock a working key out)
                long now = System.currentTimeMillis();
                UserModel owner = ownerOf(cached);
                if (check(cached, realm.getId(), now, owner) == null) {
                    countUse(cached, now, ip);
                    return new Verified(cached, owner);
                }
            }
        }

        String displayPrefix = parsed instanceof ApiKeyParseResult.Valid v ? v.displayPrefix() : null;
        FailureCounter counter = FailureCounter.forVerify(session.singleUseObjects(), realm.getId(), config);
        FailureCounter.Limited limited = counter.check(ip, displayPrefix, System.currentTimeMillis() / 1000);
        if (limited != null && (limited.dimension() != FailureCounter.Dimension.KEY || keyHash == null)) {
            return new Limited(limited);
        }
        if (limited != null) {
            // the display prefix is public: failures against it must not lock the real key out, so a key whose
            // prefix is limited is still checked, and only a failing one is refused as limited (not counted again)
            ApiKeySnapshot key = cached != null ? cached : load(keyHash);
            long now = System.currentTimeMillis();
            UserModel owner = ownerOf(key);
            if (check(key, realm.getId(), now, owner) != null) {
                return new Limited(limited);
            }
            countUse(key, now, ip);
            return new Verified(key, owner);
        }
        if (keyHash == null) {
            counter.recordFailure(ip, null, System.currentTimeMillis() / 1000);
            return new Rejected(parsed.status() == ApiKeyParseResult.Status.WRONG_PREFIX
                    ? FailureReason.WRONG_PREFIX : FailureReason.MALFORMED, null, null);
        }

        ApiKeySnapshot key = cached != null ? cached : load(keyHash);
        long now = System.currentTimeMillis();
        UserModel owner = ownerOf(key);
        FailureReason reason = check(key, realm.getId(), now, owner);
        if (reason != null) {
            counter.recordFailure(ip, displayPrefix, System.currentTimeMillis() / 1000);
            return new Rejected(reason, reason == FailureReason.UNKNOWN ? null : key, owner);
        }
        countUse(key, now, ip);
        return new Verified(key, owner);
    }

    /** The owner of a row of this realm (Keycloak's user cache), else null. */
    private UserModel ownerOf(ApiKeySnapshot key) {
        return key != null && realm.getId().equals(key.realmId())
                ? session.users().getUserById(realm, key.userId()) : null;
    }

    /**
     * The verification rules after the hash look-up.
     *
     * @param key the row found by hash, may be null
     * @param realmId this realm
     * @param nowMillis current time
     * @param owner the owner looked up in this realm, may be null
     * @return why the key does not work, or null when it does
     */
    public static FailureReason check(ApiKeySnapshot key, String realmId, long nowMillis, UserModel owner) {
        if (key == null || !realmId.equals(key.realmId())) {
            return FailureReason.UNKNOWN;
        }
        if (key.isRevoked()) {
            return FailureReason.REVOKED;
        }
        if (key.isExpired(nowMillis)) {
            return FailureReason.EXPIRED;
        }
        if (owner == null || !owner.isEnabled() || !key.userId().equals(owner.getId())) {
            return FailureReason.OWNER_DISABLED;
        }
        return null;
    }

    /** The row by hash: this node's cache, else the database (then cached). Unknown hashes are not cached. */
    private ApiKeySnapshot load(String keyHash) {
        ApiKeyCache cache = runtime.cache();
        ApiKeySnapshot cached = cache.get(keyHash);
        if (cached != null) {
            return cached;
        }
        long readStart = System.currentTimeMillis();
        ApiKeyEntity entity = new ApiKeyStore(session).findByHash(keyHash);
        if (entity == null) {
            return null;
        }
        ApiKeySnapshot snapshot = ApiKeySnapshot.of(entity);
        cache.put(snapshot, readStart);
        return snapshot;
    }

    private void countUse(ApiKeySnapshot key, long now, String ip) {
        UsageBuffer.Flush due = runtime.usage().recordUse(key.id(), now, ip);
        if (due == null) {
            return;
        }
        try {
            new ApiKeyStore(session).addUses(due.keyId(), due.uses(), due.lastUsedAt(), due.lastUsedIp());
        } catch (RuntimeException e) {
            runtime.usage().restore(due);
            LOG.debugf("API keys: usage of a key not written now, kept for the next flush: %s",
                    e.getClass().getSimpleName());
        }
    }

}
