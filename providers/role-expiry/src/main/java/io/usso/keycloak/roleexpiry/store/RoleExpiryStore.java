package io.usso.keycloak.roleexpiry.store;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The rows of {@code USSO_ROLE_EXPIRY} of one realm (every lookup names the realm: tenant isolation). */
public final class RoleExpiryStore {

    private final EntityManager em;
    private final String realmId;

    /**
     * @param session the request's session
     * @param realmId the tenant's id
     */
    public RoleExpiryStore(KeycloakSession session, String realmId) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId);
    }

    RoleExpiryStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    /** @return the row of this user and role, or null */
    public RoleExpiryEntity find(String userId, String roleId) {
        return em.createNamedQuery(RoleExpiryEntity.FIND, RoleExpiryEntity.class).setParameter("realmId", realmId)
                .setParameter("userId", userId).setParameter("roleId", roleId).getResultStream().findFirst()
                .orElse(null);
    }

    /**
     * Records or moves the expiry of a mapping.
     *
     * @return the row
     */
    public RoleExpiryEntity put(String userId, String roleId, long expiresAt, String grantedBy, long now) {
        RoleExpiryEntity entity = find(userId, roleId);
        if (entity == null) {
            entity = new RoleExpiryEntity();
            entity.setId(KeycloakModelUtils.generateId());
            entity.setRealmId(realmId);
            entity.setUserId(userId);
            entity.setRoleId(roleId);
            entity.setCreatedAt(now);
            entity.setExpiresAt(expiresAt);
            entity.setGrantedBy(grantedBy);
            em.persist(entity);
        } else {
            entity.setExpiresAt(expiresAt);
            entity.setGrantedBy(grantedBy);
        }
        return entity;
    }

    /**
     * Deletes one row with a bulk delete (no entity state: two requests expiring the same row at once do not fail,
     * the second one deletes nothing).
     *
     * @return whether this call deleted it
     */
    public boolean delete(RoleExpiryEntity entity) {
        if (em.contains(entity)) {
            em.detach(entity);
        }
        return em.createNamedQuery(RoleExpiryEntity.DELETE_BY_ID).setParameter("id", entity.getId())
                .executeUpdate() > 0;
    }

    /** @return a user's rows, soonest first */
    public List<RoleExpiryEntity> forUser(String userId) {
        return em.createNamedQuery(RoleExpiryEntity.LIST_FOR_USER, RoleExpiryEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /** @return the user's rows whose expiry is at or before {@code now} (one indexed query) */
    public List<RoleExpiryEntity> expiredForUser(String userId, long now) {
        return em.createNamedQuery(RoleExpiryEntity.EXPIRED_FOR_USER, RoleExpiryEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("now", now)
                .getResultList();
    }

    /** @return a page of the realm's rows, soonest first */
    public List<RoleExpiryEntity> page(int first, int max) {
        return em.createNamedQuery(RoleExpiryEntity.LIST_FOR_REALM, RoleExpiryEntity.class)
                .setParameter("realmId", realmId).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** Removes a deleted user's rows. */
    public void deleteUser(String userId) {
        em.createNamedQuery(RoleExpiryEntity.DELETE_FOR_USER).setParameter("realmId", realmId)
                .setParameter("userId", userId).executeUpdate();
    }

    /** Removes a deleted realm's rows. */
    public void deleteRealm() {
        em.createNamedQuery(RoleExpiryEntity.DELETE_FOR_REALM).setParameter("realmId", realmId).executeUpdate();
    }

    /** Removes a deleted role's rows (role ids are unique across realms). */
    public static void deleteRole(KeycloakSession session, String roleId) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNamedQuery(RoleExpiryEntity.DELETE_FOR_ROLE).setParameter("roleId", roleId).executeUpdate();
    }

    /** @return up to {@code max} expired rows of all realms, soonest first (the cleanup task) */
    public static List<RoleExpiryEntity> expired(KeycloakSession session, long now, int max) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNamedQuery(RoleExpiryEntity.LIST_EXPIRED, RoleExpiryEntity.class).setParameter("now", now)
                .setMaxResults(max).getResultList();
    }
}
