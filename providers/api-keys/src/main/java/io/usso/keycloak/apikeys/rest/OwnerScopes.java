package io.usso.keycloak.apikeys.rest;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.keycloak.models.RoleModel;

/**
 * What the verify endpoint reports of a key owner besides the scopes: the owner's effective realm role names.
 * The owner's roles and current scopes come from {@link io.usso.keycloak.common.RoleScopes#effectiveRoles} and
 * {@link io.usso.keycloak.common.RoleScopes#heldBy}.
 */
public final class OwnerScopes {

    /** Name prefix of the realm default roles, left out of {@code roles}. */
    public static final String DEFAULT_ROLES_PREFIX = "default-roles-";

    private OwnerScopes() {
    }

    /**
     * @param roles effective roles
     * @return names of the realm roles among them, sorted, without {@code default-roles-*}
     */
    public static List<String> realmRoleNames(Collection<RoleModel> roles) {
        return roles.stream()
                .filter(r -> !r.isClientRole())
                .map(RoleModel::getName)
                .filter(n -> n != null && !n.startsWith(DEFAULT_ROLES_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.toList());
    }
}
