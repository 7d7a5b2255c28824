package io.usso.keycloak.roleexpiry;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.usso.keycloak.roleexpiry.console.RoleExpiryMirror;
import io.usso.keycloak.roleexpiry.store.RoleExpiryEntity;
import io.usso.keycloak.roleexpiry.store.RoleExpiryStore;

/**
 * The one place that changes time-limited role assignments of one tenant, for the admin REST API, the admin console
 * page, the token mapper, the sign-in listener and the cleanup task: the expiry row, Keycloak's role mapping, the
 * console page's entry ({@link RoleExpiryMirror}) and the admin event always change together, in the caller's
 * transaction. Permission checks are the callers' (they differ: an administrator's request or no one's).
 */
public final class RoleExpiryService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RoleExpiryStore store;

    /**
     * @param session the request's (or task's) session
     * @param realm the tenant
     */
    public RoleExpiryService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new RoleExpiryStore(session, realm.getId());
    }

    /**
     * Grants the role until {@code expiresAt} (adds the mapping when missing) or moves the expiry of an existing
     * assignment.
     *
     * @param grantedBy the acting administrator's user id, may be null
     * @param events the administrator request's event builder
     * @param consoleEntryId id of the console page entry that asked for it (kept), or null
     * @return the row
     */
    public RoleExpiryEntity grant(UserModel user, RoleModel role, long expiresAt, String grantedBy, AdminEventBuilder events,
            String consoleEntryId) {
        if (!user.hasDirectRole(role)) {
            user.grantRole(role);
        }
        boolean moved = store.find(user.getId(), role.getId()) != null;
        RoleExpiryEntity entity = store.put(user.getId(), role.getId(), expiresAt, grantedBy, Time.currentTime());
        new RoleExpiryMirror(session, realm).put(user, role, expiresAt, consoleEntryId);
        RoleExpiryEvents.admin(events, moved ? OperationType.UPDATE : OperationType.CREATE, RoleExpiryEvents.GRANTED,
                user.getId(), role, expiresAt);
        return entity;
    }

    /**
     * Ends an assignment before its expiry: deletes the row and, unless {@code keepRole}, the role mapping.
     *
     * @return false when the mapping had no expiry (nothing changed)
     */
    public boolean revoke(UserModel user, RoleModel role, boolean keepRole, AdminEventBuilder events) {
        RoleExpiryEntity entity = store.find(user.getId(), role.getId());
        if (entity == null || !store.delete(entity)) {
            return false;
        }
        if (!keepRole && user.hasDirectRole(role)) {
            user.deleteRoleMapping(role);
        }
        new RoleExpiryMirror(session, realm).remove(user.getId(), role.getId());
        RoleExpiryEvents.admin(events, keepRole ? OperationType.UPDATE : OperationType.DELETE,
                keepRole ? RoleExpiryEvents.EXPIRY_REMOVED : RoleExpiryEvents.REVOKED, user.getId(), role,
                entity.getExpiresAt());
        return true;
    }

    /**
     * Deletes the user's expired assignments now (mapping, row, console entry; one {@value RoleExpiryEvents#EXPIRED}
     * event each). Two requests seeing the same row at once: one deletes it and sends the event, the other skips it.
     *
     * @param trigger what saw them expired ({@code RoleExpiryEvents.TRIGGER_*})
     * @return ids of the roles whose assignment was expired (also those another request removed meanwhile)
     */
    public Set<String> expireDue(UserModel user, String trigger) {
        List<RoleExpiryEntity> due = store.expiredForUser(user.getId(), Time.currentTime());
        Set<String> roleIds = new HashSet<>();
        for (RoleExpiryEntity row : due) {
            roleIds.add(row.getRoleId());
            expire(row, user, trigger);
        }
        return roleIds;
    }

    /** The cleanup task's removal of one expired row (its user may be gone). */
    public void expire(RoleExpiryEntity row, String trigger) {
        expire(row, session.users().getUserById(realm, row.getUserId()), trigger);
    }

    private void expire(RoleExpiryEntity row, UserModel user, String trigger) {
        String userId = row.getUserId();
        String roleId = row.getRoleId();
        long expiresAt = row.getExpiresAt();
        if (!store.delete(row)) {
            return;
        }
        new RoleExpiryMirror(session, realm).remove(userId, roleId);
        RoleModel role = session.roles().getRoleById(realm, roleId);
        if (user != null && role != null && user.hasDirectRole(role)) {
            user.deleteRoleMapping(role);
            RoleExpiryEvents.expired(session, realm, userId, role, expiresAt, trigger);
        }
    }

    /** A deleted user's rows and console entries. */
    public void userRemoved(String userId) {
        store.deleteUser(userId);
        new RoleExpiryMirror(session, realm).removeUser(userId);
    }

    /** A deleted role's rows and console entries. */
    public void roleRemoved(String roleId) {
        RoleExpiryStore.deleteRole(session, roleId);
        new RoleExpiryMirror(session, realm).removeRole(roleId);
    }
}
