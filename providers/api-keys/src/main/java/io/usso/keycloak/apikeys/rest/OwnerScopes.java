package io.usso.keycloak.apikeys.rest;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

/**
 * What a key owner holds now: USSO scopes from the attribute {@value UssoScopes#ATTRIBUTE} of the owner's
 * effective roles (realm and client roles, composites expanded, group roles included) plus the owner's own
 * attribute; and the owner's effective realm role names. Invalid scope entries are skipped.
 */
public final class OwnerScopes {

    /** Name prefix of the realm default roles, left out of {@code roles}. */
    public static final String DEFAULT_ROLES_PREFIX = "default-roles-";

    private OwnerScopes() {
    }

    /**
     * @param user the owner
     * @return the owner's effective roles: direct mappings and group roles, composites expanded
     */
    public static Set<RoleModel> effectiveRoles(UserModel user) {
        Set<RoleModel> roles = new HashSet<>(RoleUtils.expandCompositeRoles(
                user.getRoleMappingsStream().collect(Collectors.toSet())));
        roles.addAll(RoleUtils.getDeepUserRoleMappings(user));
        return roles;
    }

    /**
     * @param user the owner
     * @return the owner's current scopes, de-duplicated and sorted
     */
    public static List<UssoScope> of(UserModel user) {
        return of(user, effectiveRoles(user));
    }

    /**
     * @param user the owner (for the user attribute)
     * @param roles the owner's effective roles
     * @return the scopes of the roles and the user attribute, de-duplicated and sorted
     */
    public static List<UssoScope> of(UserModel user, Collection<RoleModel> roles) {
        Set<UssoScope> scopes = new TreeSet<>();
        for (RoleModel role : roles) {
            scopes.addAll(UssoScopes.parseAll(role.getAttributeStream(UssoScopes.ATTRIBUTE)
                    .collect(Collectors.toList())).scopes());
        }
        scopes.addAll(UssoScopes.parseAll(user.getAttributeStream(UssoScopes.ATTRIBUTE)
                .collect(Collectors.toList())).scopes());
        return List.copyOf(scopes);
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
