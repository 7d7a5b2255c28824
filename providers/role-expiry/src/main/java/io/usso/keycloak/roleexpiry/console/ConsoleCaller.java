package io.usso.keycloak.roleexpiry.console;

import jakarta.ws.rs.ForbiddenException;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.AdminRoot;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

import io.usso.keycloak.common.JsonReply;

/**
 * The administrator behind a change of the console page (the components endpoint needs {@code manage-realm}; this
 * adds what the REST API needs: {@code manage-users} on the user, mapping roles to the user and mapping this role).
 */
final class ConsoleCaller {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAuth auth;

    private ConsoleCaller(KeycloakSession session, RealmModel realm, AdminAuth auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /** @return the caller of this admin request, or null when there is none (a realm import at startup) */
    static ConsoleCaller of(KeycloakSession session, RealmModel realm) {
        AdminAuth auth;
        try {
            if (session.getContext().getHttpRequest() == null) {
                return null;
            }
            auth = AdminRoot.authenticateRealmAdminRequest(session);
        } catch (RuntimeException e) {
            return null;
        }
        return auth == null ? null : new ConsoleCaller(session, realm, auth);
    }

    /** @throws ForbiddenException (403, USSO JSON error) unless the caller may give this user this role */
    void requireMayMap(UserModel user, RoleModel role) {
        AdminPermissionEvaluator permissions = AdminPermissions.evaluator(session, realm, auth);
        if (!permissions.users().canManage(user) || !permissions.users().canMapRoles(user)
                || !permissions.roles().canMapRole(role)) {
            throw new ForbiddenException(JsonReply.error(403, "forbidden",
                    "The caller may not map this role to this user (needs manage-users and the right to map it)")
                    .toResponse());
        }
    }

    /** @return the caller's user id */
    String userId() {
        return auth.getUser() == null ? null : auth.getUser().getId();
    }

    /** @return an admin event builder for this caller */
    AdminEventBuilder events() {
        return new AdminEventBuilder(realm, auth, session, session.getContext().getConnection());
    }
}
