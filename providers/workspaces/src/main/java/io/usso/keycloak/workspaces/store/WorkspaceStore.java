package io.usso.keycloak.workspaces.store;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Database access for workspace roles, role assignments and the scope catalog, in the session's transaction. Every
 * query names the realm: a row of another tenant is never found.
 */
public final class WorkspaceStore {

    private final EntityManager em;
    private final String realmId;

    /**
     * @param session the request's session
     * @param realmId the tenant
     */
    public WorkspaceStore(KeycloakSession session, String realmId) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId);
    }

    /**
     * @param em the entity manager
     * @param realmId the tenant
     */
    public WorkspaceStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    // ------------------------------------------------------------------ roles

    /**
     * @param workspaceId the workspace
     * @return its role rows, by name
     */
    public List<WorkspaceRoleEntity> roles(String workspaceId) {
        return em.createNamedQuery(WorkspaceRoleEntity.LIST_FOR_WORKSPACE, WorkspaceRoleEntity.class)
                .setParameter("realmId", realmId).setParameter("workspaceId", workspaceId).getResultList();
    }

    /**
     * @param workspaceId the workspace
     * @param name the role name
     * @return the row, or null
     */
    public WorkspaceRoleEntity role(String workspaceId, String name) {
        return roles(workspaceId).stream().filter(r -> r.getName().equals(name)).findFirst().orElse(null);
    }

    /**
     * Creates or replaces a role row.
     *
     * @param workspaceId the workspace
     * @param name the role name
     * @param description the description, may be null
     * @param scopes canonical scopes, space-separated
     * @param now epoch seconds
     * @return the row
     */
    public WorkspaceRoleEntity saveRole(String workspaceId, String name, String description, String scopes, long now) {
        WorkspaceRoleEntity row = role(workspaceId, name);
        if (row == null) {
            row = new WorkspaceRoleEntity();
            row.setId(KeycloakModelUtils.generateId());
            row.setRealmId(realmId);
            row.setWorkspaceId(workspaceId);
            row.setName(name);
            row.setCreatedAt(now);
            row.setDescription(description);
            row.setScopes(scopes);
            em.persist(row);
        } else {
            if (description != null) {
                row.setDescription(description);
            }
            row.setScopes(scopes);
        }
        em.flush();
        return row;
    }

    /**
     * Deletes a role row and every assignment of it.
     *
     * @param workspaceId the workspace
     * @param name the role name
     */
    public void deleteRole(String workspaceId, String name) {
        WorkspaceRoleEntity row = role(workspaceId, name);
        if (row != null) {
            em.remove(row);
        }
        em.createNamedQuery(WorkspaceMemberRoleEntity.DELETE_FOR_ROLE).setParameter("realmId", realmId)
                .setParameter("workspaceId", workspaceId).setParameter("roleName", name).executeUpdate();
        em.flush();
    }

    // ------------------------------------------------------------------ assignments

    /**
     * @param workspaceId the workspace
     * @param userId the member
     * @return the member's rows (expired ones included), by role name
     */
    public List<WorkspaceMemberRoleEntity> assignments(String workspaceId, String userId) {
        return em.createNamedQuery(WorkspaceMemberRoleEntity.LIST_FOR_MEMBER, WorkspaceMemberRoleEntity.class)
                .setParameter("realmId", realmId).setParameter("workspaceId", workspaceId)
                .setParameter("userId", userId).getResultList();
    }

    /**
     * @param userId a user
     * @return the user's rows in every workspace of the realm (expired ones included), one query
     */
    public List<WorkspaceMemberRoleEntity> assignmentsOfUser(String userId) {
        return em.createNamedQuery(WorkspaceMemberRoleEntity.LIST_FOR_USER, WorkspaceMemberRoleEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /**
     * @param workspaceId the workspace
     * @return every row of the workspace (expired ones included)
     */
    public List<WorkspaceMemberRoleEntity> assignments(String workspaceId) {
        return em.createNamedQuery(WorkspaceMemberRoleEntity.LIST_FOR_WORKSPACE, WorkspaceMemberRoleEntity.class)
                .setParameter("realmId", realmId).setParameter("workspaceId", workspaceId).getResultList();
    }

    /**
     * @param workspaceId the workspace
     * @param roleName the role
     * @return the rows of that role (expired ones included)
     */
    public List<WorkspaceMemberRoleEntity> holders(String workspaceId, String roleName) {
        return em.createNamedQuery(WorkspaceMemberRoleEntity.LIST_FOR_ROLE, WorkspaceMemberRoleEntity.class)
                .setParameter("realmId", realmId).setParameter("workspaceId", workspaceId)
                .setParameter("roleName", roleName).getResultList();
    }

    /**
     * Gives a member a role, or changes the expiry of the role they hold.
     *
     * @param workspaceId the workspace
     * @param userId the member
     * @param roleName the role
     * @param expiresAt epoch seconds, or null for never
     * @param grantedBy the user who granted it, may be null
     * @param now epoch seconds
     * @return the row
     */
    public WorkspaceMemberRoleEntity assign(String workspaceId, String userId, String roleName, Long expiresAt,
            String grantedBy, long now) {
        WorkspaceMemberRoleEntity row = assignments(workspaceId, userId).stream()
                .filter(a -> a.getRoleName().equals(roleName)).findFirst().orElse(null);
        if (row == null) {
            row = new WorkspaceMemberRoleEntity();
            row.setId(KeycloakModelUtils.generateId());
            row.setRealmId(realmId);
            row.setWorkspaceId(workspaceId);
            row.setUserId(userId);
            row.setRoleName(roleName);
            row.setCreatedAt(now);
            row.setGrantedBy(grantedBy);
            row.setExpiresAt(expiresAt);
            em.persist(row);
        } else {
            row.setExpiresAt(expiresAt);
            row.setGrantedBy(grantedBy);
        }
        em.flush();
        return row;
    }

    /**
     * @param workspaceId the workspace
     * @param userId the member
     * @param roleName the role
     * @return whether a row was removed
     */
    public boolean unassign(String workspaceId, String userId, String roleName) {
        WorkspaceMemberRoleEntity row = assignments(workspaceId, userId).stream()
                .filter(a -> a.getRoleName().equals(roleName)).findFirst().orElse(null);
        if (row == null) {
            return false;
        }
        em.remove(row);
        em.flush();
        return true;
    }

    /**
     * @param userId a user
     * @param roleName a role
     * @return in how many workspaces of the realm the user holds it (expired rows included)
     */
    public long countHeld(String userId, String roleName) {
        return em.createNamedQuery(WorkspaceMemberRoleEntity.COUNT_FOR_USER_ROLE, Long.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("roleName", roleName)
                .getSingleResult();
    }

    /**
     * @param workspaceId the workspace
     * @param userId the member who left or was removed
     */
    public void deleteMember(String workspaceId, String userId) {
        em.createNamedQuery(WorkspaceMemberRoleEntity.DELETE_FOR_MEMBER).setParameter("realmId", realmId)
                .setParameter("workspaceId", workspaceId).setParameter("userId", userId).executeUpdate();
    }

    /** @param workspaceId a deleted workspace: its roles and assignments go too */
    public void deleteWorkspace(String workspaceId) {
        em.createNamedQuery(WorkspaceMemberRoleEntity.DELETE_FOR_WORKSPACE).setParameter("realmId", realmId)
                .setParameter("workspaceId", workspaceId).executeUpdate();
        em.createNamedQuery(WorkspaceRoleEntity.DELETE_FOR_WORKSPACE).setParameter("realmId", realmId)
                .setParameter("workspaceId", workspaceId).executeUpdate();
    }

    /** @param userId a deleted user: their assignments in every workspace of the realm go */
    public void deleteUser(String userId) {
        em.createNamedQuery(WorkspaceMemberRoleEntity.DELETE_FOR_USER).setParameter("realmId", realmId)
                .setParameter("userId", userId).executeUpdate();
    }

    /** The realm was deleted: every row of it goes. */
    public void deleteRealm() {
        em.createNamedQuery(WorkspaceMemberRoleEntity.DELETE_FOR_REALM).setParameter("realmId", realmId)
                .executeUpdate();
        em.createNamedQuery(WorkspaceRoleEntity.DELETE_FOR_REALM).setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery(ScopeCatalogEntity.DELETE_FOR_REALM).setParameter("realmId", realmId).executeUpdate();
    }

    /**
     * Removes expired assignments of every realm (the cleanup task; tokens ignore them already).
     *
     * @param em the entity manager
     * @param now epoch seconds
     * @return how many rows went
     */
    public static int deleteExpired(EntityManager em, long now) {
        return em.createNamedQuery(WorkspaceMemberRoleEntity.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    }

    // ------------------------------------------------------------------ scope catalog

    /** @return the realm's catalog entries, by service */
    public List<ScopeCatalogEntity> catalog() {
        return em.createNamedQuery(ScopeCatalogEntity.LIST_FOR_REALM, ScopeCatalogEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    /**
     * @param service the service name
     * @return its entry, or null
     */
    public ScopeCatalogEntity catalogEntry(String service) {
        List<ScopeCatalogEntity> rows = em.createNamedQuery(ScopeCatalogEntity.FIND, ScopeCatalogEntity.class)
                .setParameter("realmId", realmId).setParameter("service", service).setMaxResults(1)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Creates or replaces one service's entry.
     *
     * @param service the service name
     * @param scopes canonical scopes, space-separated
     * @param now epoch seconds
     * @return the row
     */
    public ScopeCatalogEntity saveCatalog(String service, String scopes, long now) {
        ScopeCatalogEntity row = catalogEntry(service);
        if (row == null) {
            row = new ScopeCatalogEntity();
            row.setId(KeycloakModelUtils.generateId());
            row.setRealmId(realmId);
            row.setService(service);
            row.setScopes(scopes);
            row.setUpdatedAt(now);
            em.persist(row);
        } else {
            row.setScopes(scopes);
            row.setUpdatedAt(now);
        }
        em.flush();
        return row;
    }
}
