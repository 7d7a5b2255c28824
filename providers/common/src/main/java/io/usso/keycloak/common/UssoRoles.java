package io.usso.keycloak.common;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * USSO's {@code roles}: the realm role names of a role set, sorted, without the realm's composite default role
 * ({@code default-roles-<realm>}) itself, whose member roles stay. One rule for the token claim and for the
 * API-key verify answer, so that both show the same roles for the same user.
 */
public final class UssoRoles {

    private UssoRoles() {
    }

    /**
     * @param roles a role set (client roles are skipped)
     * @param realm the tenant, for its default role; may be null
     * @return the realm role names, sorted and de-duplicated, without the default role
     */
    public static List<String> realmRoleNames(Collection<RoleModel> roles, RealmModel realm) {
        TreeSet<String> names = new TreeSet<>();
        for (RoleModel role : roles) {
            if (!role.isClientRole() && role.getName() != null && !isDefaultRole(role, realm)) {
                names.add(role.getName());
            }
        }
        return List.copyOf(names);
    }

    /**
     * @return whether {@code role} is the realm's composite default role: by id when the realm knows it, else by
     *         Keycloak's naming rule {@code default-roles-<realm name in lower case>}
     */
    public static boolean isDefaultRole(RoleModel role, RealmModel realm) {
        if (realm == null) {
            return false;
        }
        RoleModel defaultRole = realm.getDefaultRole();
        if (defaultRole != null && defaultRole.getId() != null) {
            return defaultRole.getId().equals(role.getId());
        }
        return realm.getName() != null
                && (Constants.DEFAULT_ROLES_ROLE_PREFIX + "-" + realm.getName().toLowerCase(Locale.ROOT))
                        .equals(role.getName());
    }
}
