package io.usso.keycloak.roleexpiry.token;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

import io.usso.keycloak.roleexpiry.RoleExpiryService;

/**
 * Which of a user's roles no longer count: one indexed query for the user's expired rows, which are deleted at once
 * (mapping, row, event: {@link RoleExpiryService#expireDue}); their role ids are remembered for the rest of the request
 * (a token request runs the mapper for several tokens, whose role set Keycloak computed before). The user still holds what the
 * remaining direct mappings, the groups and their composites give, so a role that also comes from a group or from
 * another (unexpired) composite stays.
 */
public final class ExpiredRoles {

    private static final String CACHE_PREFIX = "usso-role-expiry.expired:";

    private ExpiredRoles() {
    }

    /**
     * Deletes the user's expired assignments (once per request) and returns their role ids.
     *
     * @param trigger what saw them ({@code RoleExpiryEvents.TRIGGER_*})
     * @return the ids of the user's expired role mappings (empty when none; never a second query per request)
     */
    @SuppressWarnings("unchecked")
    public static Set<String> expiredIds(KeycloakSession session, RealmModel realm, UserModel user, String trigger) {
        String key = CACHE_PREFIX + realm.getId() + ":" + user.getId();
        Object cached = session.getAttribute(key);
        if (cached instanceof Set<?> set) {
            return (Set<String>) set;
        }
        Set<String> result = Set.copyOf(new RoleExpiryService(session, realm).expireDue(user, trigger));
        session.setAttribute(key, result);
        return result;
    }

    /**
     * @param user the user
     * @param expiredIds ids of the user's expired direct mappings
     * @return the user's effective roles without the expired direct mappings (groups and composites expanded)
     */
    public static Set<RoleModel> stillHeld(UserModel user, Set<String> expiredIds) {
        Set<RoleModel> base = user.getRoleMappingsStream().filter(role -> !expiredIds.contains(role.getId()))
                .collect(Collectors.toCollection(HashSet::new));
        user.getGroupsStream().forEach(group -> {
            for (GroupModel g = group; g != null; g = g.getParent()) {
                g.getRoleMappingsStream().forEach(base::add);
            }
        });
        return RoleUtils.expandCompositeRoles(base);
    }

    /** @return the ids of a role set */
    public static Set<String> ids(Set<RoleModel> roles) {
        return roles.stream().map(RoleModel::getId).collect(Collectors.toSet());
    }
}
