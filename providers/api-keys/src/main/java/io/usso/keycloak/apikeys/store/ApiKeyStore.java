package io.usso.keycloak.apikeys.store;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.LookupIds;

/**
 * Database access for API keys, in the session's transaction. Every look-up but {@link #findByHash} is by realm;
 * callers of {@link #findByHash} must compare the row's realm with theirs.
 */
public final class ApiKeyStore {

    private final EntityManager em;

    /** @param session the request's session */
    public ApiKeyStore(KeycloakSession session) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** @param em the entity manager */
    public ApiKeyStore(EntityManager em) {
        this.em = em;
    }

    /**
     * @param entity a new key row (id, realm, user, hash, ... set)
     * @return the row
     */
    public ApiKeyEntity create(ApiKeyEntity entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }

    /**
     * @param keyHash the keyed hash of a presented key
     * @return the row with that hash in any realm, or null
     */
    public ApiKeyEntity findByHash(String keyHash) {
        List<ApiKeyEntity> rows = em.createNamedQuery(ApiKeyEntity.FIND_BY_HASH, ApiKeyEntity.class)
                .setParameter("keyHash", keyHash)
                .setMaxResults(1)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * @param realm the tenant
     * @param userId the owner
     * @return the owner's non-revoked keys in the realm, oldest first
     */
    public List<ApiKeyEntity> listForUser(RealmModel realm, String userId) {
        return em.createNamedQuery(ApiKeyEntity.LIST_FOR_USER, ApiKeyEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .getResultList();
    }

    /**
     * @param realm the tenant
     * @param userId the owner
     * @return how many of the owner's keys are not revoked (expired ones included)
     */
    public long countForUser(RealmModel realm, String userId) {
        return em.createNamedQuery(ApiKeyEntity.COUNT_FOR_USER, Long.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .getSingleResult();
    }

    /**
     * @param realm the tenant
     * @param id the key id
     * @return the key of that realm with that id (revoked or not), or null
     */
    public ApiKeyEntity findById(RealmModel realm, String id) {
        if (!LookupIds.plausible(id, ApiKeyEntity.ID_LENGTH)) {
            return null;
        }
        List<ApiKeyEntity> rows = em.createNamedQuery(ApiKeyEntity.FIND_BY_ID, ApiKeyEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("id", id)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Like {@link #findById}, but locks the row until the end of the transaction ({@code SELECT ... FOR UPDATE}),
     * so that concurrent changes of the same key (two rotations) run one after the other.
     *
     * @param realm the tenant
     * @param id the key id
     * @return the locked key of that realm with that id (revoked or not), or null
     */
    public ApiKeyEntity findByIdForUpdate(RealmModel realm, String id) {
        if (!LookupIds.plausible(id, ApiKeyEntity.ID_LENGTH)) {
            return null;
        }
        List<ApiKeyEntity> rows = em.createNamedQuery(ApiKeyEntity.FIND_BY_ID, ApiKeyEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Brings a key's expiry forward; never extends it (a later or equal instant, or one on a key that already
     * expires earlier, changes nothing).
     *
     * @param entity the key
     * @param expiresAtMillis the new expiry, epoch milliseconds
     */
    public void shortenExpiry(ApiKeyEntity entity, long expiresAtMillis) {
        if (entity.getExpiresAt() == null || expiresAtMillis < entity.getExpiresAt()) {
            entity.setExpiresAt(expiresAtMillis);
            em.flush();
        }
    }

    /**
     * Records that a key was rotated out, so that it is never rotated again.
     *
     * @param entity the old key
     * @param replacementId the new key's id
     */
    public void markReplaced(ApiKeyEntity entity, String replacementId) {
        entity.setReplacedBy(replacementId);
        em.flush();
    }

    /**
     * Marks a key revoked (idempotent: an already revoked key keeps its first revocation time).
     *
     * @param entity the key
     * @param nowMillis the revocation time
     */
    public void revoke(ApiKeyEntity entity, long nowMillis) {
        if (entity.getRevokedAt() == null) {
            entity.setRevokedAt(nowMillis);
            em.flush();
        }
    }

    /**
     * Adds uses with a single UPDATE (no read-modify-write race between nodes).
     *
     * @param id the key id
     * @param uses how many uses to add
     * @param nowMillis the time of the last use
     * @param ip the caller's address, may be null; cut to {@value ApiKeyEntity#IP_LENGTH} characters
     */
    public void addUses(String id, long uses, long nowMillis, String ip) {
        String cut = ip == null ? null : ip.length() > ApiKeyEntity.IP_LENGTH ? ip.substring(0, ApiKeyEntity.IP_LENGTH) : ip;
        em.createNamedQuery(ApiKeyEntity.RECORD_USE)
                .setParameter("id", id)
                .setParameter("uses", uses)
                .setParameter("now", nowMillis)
                .setParameter("ip", cut)
                .executeUpdate();
    }

    /** @param realm a realm being removed: deletes all its keys */
    public void deleteForRealm(RealmModel realm) {
        em.createNamedQuery(ApiKeyEntity.DELETE_FOR_REALM).setParameter("realmId", realm.getId()).executeUpdate();
    }

    /**
     * @param realm the user's realm
     * @param user a user being removed: deletes all their keys
     */
    public void deleteForUser(RealmModel realm, UserModel user) {
        em.createNamedQuery(ApiKeyEntity.DELETE_FOR_USER)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", user.getId())
                .executeUpdate();
    }
}
