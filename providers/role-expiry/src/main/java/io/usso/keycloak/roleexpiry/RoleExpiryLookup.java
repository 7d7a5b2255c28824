package io.usso.keycloak.roleexpiry;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.usso.keycloak.common.LookupIds;

/** Finds users and roles of one tenant only: another tenant's id is "not found". */
public final class RoleExpiryLookup {

    /** Longest user or role reference accepted from a form. */
    public static final int MAX_REFERENCE = 255;

    private RoleExpiryLookup() {
    }

    /** @return the realm or client role of this tenant with this id, or null */
    public static RoleModel roleById(KeycloakSession session, RealmModel realm, String roleId) {
        if (!LookupIds.plausible(roleId)) {
            return null;
        }
        return ofRealm(realm, session.roles().getRoleById(realm, roleId));
    }

    /** @return the role named {@code name} (realm role) or {@code clientId.name} (client role), or by id; or null */
    public static RoleModel roleByReference(KeycloakSession session, RealmModel realm, String reference) {
        if (!LookupIds.plausible(reference, MAX_REFERENCE)) {
            return null;
        }
        RoleModel byId = roleById(session, realm, reference);
        if (byId != null) {
            return byId;
        }
        return ofRealm(realm, KeycloakModelUtils.getRoleFromString(realm, reference.trim()));
    }

    /** @return the user with this id of this tenant, or null */
    public static UserModel userById(KeycloakSession session, RealmModel realm, String userId) {
        return LookupIds.plausible(userId) ? session.users().getUserById(realm, userId) : null;
    }

    /** @return the user with this id, username or e-mail address, or null */
    public static UserModel userByReference(KeycloakSession session, RealmModel realm, String reference) {
        if (!LookupIds.plausible(reference, MAX_REFERENCE)) {
            return null;
        }
        String value = reference.trim();
        UserModel user = userById(session, realm, value);
        if (user == null) {
            user = session.users().getUserByUsername(realm, value);
        }
        if (user == null && value.indexOf('@') > 0) {
            user = session.users().getUserByEmail(realm, value);
        }
        return user;
    }

    /** @return the Keycloak role reference: {@code name} or {@code clientId.name} */
    public static String reference(RoleModel role) {
        return role.isClientRole() && role.getContainer() instanceof ClientModel client
                ? client.getClientId() + "." + role.getName() : role.getName();
    }

    private static RoleModel ofRealm(RealmModel realm, RoleModel role) {
        if (role == null) {
            return null;
        }
        String owningRealm = role.getContainer() instanceof ClientModel client ? client.getRealm().getId()
                : role.getContainer() instanceof RealmModel r ? r.getId() : null;
        return realm.getId().equals(owningRealm) ? role : null;
    }
}
