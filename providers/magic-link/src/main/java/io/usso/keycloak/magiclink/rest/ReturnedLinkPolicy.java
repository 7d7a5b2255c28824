package io.usso.keycloak.magiclink.rest;

import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.magiclink.MagicLinkConfig;
import io.usso.keycloak.magiclink.MagicLinkEvents;

/**
 * Who a back end may get a link for ({@code "send": false}): a returned link signs in as its user without that user
 * doing anything, so it is an impersonation right. Allowed only for the target clients the tenant lists
 * ({@link MagicLinkConfig#apiLinkClients()}, empty = none), and never for an account holding an administrative role:
 * any role of the realm's {@value Constants#REALM_MANAGEMENT_CLIENT_ID} client, the realm role {@value #ADMIN_ROLE}
 * (directly, through a group or a composite) or a role the tenant lists ({@link MagicLinkConfig#apiLinkDeniedRoles()}).
 */
final class ReturnedLinkPolicy {

    /** Realm role treated as administrative when the realm has one. */
    static final String ADMIN_ROLE = "admin";

    private ReturnedLinkPolicy() {
    }

    /**
     * @param config the target client's magic-link settings
     * @param client the target client
     * @return the refusal reason ({@link MagicLinkEvents}), or null when the client may receive links
     */
    static String clientRefusal(MagicLinkConfig config, ClientModel client) {
        return config.apiLinkClients().contains(client.getClientId()) ? null : MagicLinkEvents.REASON_CLIENT_NOT_ALLOWED;
    }

    /**
     * @param realm the tenant
     * @param config the target client's magic-link settings
     * @param user the account, may be null (a registration link: no roles yet)
     * @return the refusal reason, or null when a link may be returned for this account
     */
    static String userRefusal(RealmModel realm, MagicLinkConfig config, UserModel user) {
        if (user == null) {
            return null;
        }
        return isPrivileged(realm, config.apiLinkDeniedRoles(), user) ? MagicLinkEvents.REASON_PRIVILEGED_USER : null;
    }

    /**
     * @param realm the tenant
     * @param deniedRoles further roles the tenant marked ({@code role} or {@code client-id/role})
     * @param user the account
     * @return whether it holds an administrative or marked role (effective: groups and composites count)
     */
    static boolean isPrivileged(RealmModel realm, Set<String> deniedRoles, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management != null && management.getRolesStream().anyMatch(user::hasRole)) {
            return true;
        }
        RoleModel admin = realm.getRole(ADMIN_ROLE);
        if (admin != null && user.hasRole(admin)) {
            return true;
        }
        for (String name : deniedRoles) {
            RoleModel role = role(realm, name);
            if (role != null && user.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private static RoleModel role(RealmModel realm, String name) {
        int slash = name.indexOf('/');
        if (slash <= 0) {
            return realm.getRole(name);
        }
        ClientModel client = realm.getClientByClientId(name.substring(0, slash));
        return client == null ? null : client.getRole(name.substring(slash + 1));
    }
}
