package io.usso.keycloak.apikeys.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.keycloak.models.RoleModel;

/**
 * Which realm roles a caller may give a new agent's service account: no privilege escalation. A role may be given
 * when the caller holds it (directly, through a group or a composite), or when Keycloak's admin permissions let
 * the caller map it ({@code manage-users}, or a fine-grained "map-roles" permission) — except that a role that is,
 * or contains, an admin role of {@code realm-management} needs the caller to hold it, since Keycloak's own check
 * does not look inside composites.
 */
public final class AgentRoleGrants {

    /** What the caller can do with a role; implemented over the caller's user and permission evaluator. */
    public interface Authority {

        /**
         * @param role a realm role
         * @return whether the caller holds it (effective role mapping)
         */
        boolean holds(RoleModel role);

        /**
         * @param role a realm role
         * @return whether admin permissions let the caller map it to users
         */
        boolean mayMap(RoleModel role);

        /**
         * @param role a realm role
         * @return whether it is an admin role or a composite that contains one
         */
        boolean isAdministrative(RoleModel role);
    }

    /**
     * The verdict: either every role resolved and allowed, or the first role the caller may not give.
     *
     * @param granted the roles to grant, in request order (empty when denied)
     * @param denied the name of the first role refused, or null
     */
    public record Verdict(List<RoleModel> granted, String denied) {

        /** Copies the list. */
        public Verdict {
            granted = List.copyOf(granted);
        }

        /** @return whether every role may be given */
        public boolean allowed() {
            return denied == null;
        }
    }

    private AgentRoleGrants() {
    }

    /**
     * @param names the requested realm role names
     * @param lookup finds a realm role of this tenant by name, null when missing
     * @param authority the caller
     * @return the verdict
     * @throws AgentRequestException when a role does not exist in this tenant
     */
    public static Verdict decide(List<String> names, Function<String, RoleModel> lookup, Authority authority) {
        List<RoleModel> roles = new ArrayList<>();
        for (String name : names) {
            RoleModel role = lookup.apply(name);
            if (role == null) {
                throw new AgentRequestException("Role \"" + name + "\" does not exist in this tenant");
            }
            roles.add(role);
        }
        for (RoleModel role : roles) {
            if (!mayGive(role, authority)) {
                return new Verdict(List.of(), role.getName());
            }
        }
        return new Verdict(roles, null);
    }

    private static boolean mayGive(RoleModel role, Authority authority) {
        if (authority.holds(role)) {
            return true;
        }
        if (authority.isAdministrative(role)) {
            return false;
        }
        return authority.mayMap(role);
    }
}
