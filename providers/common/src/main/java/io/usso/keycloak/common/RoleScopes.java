package io.usso.keycloak.common;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

/**
 * Gathers the USSO scopes that roles and a user hold: the values of the attribute {@value UssoScopes#ATTRIBUTE}
 * of each role added and (optionally) of the user. An attribute may hold several values, each value several
 * scopes separated by whitespace or commas; invalid entries are skipped and counted per source, and the roles
 * that held them are named for reporting. One instance per result (a token, a key check); not thread-safe.
 *
 * <p>Which roles count is the caller's choice: a token mapper adds the roles in the client's scope
 * ({@code ClientSessionContext#getRolesStream()}), an API key check all of the owner's
 * {@link #effectiveRoles(UserModel) effective roles} ({@link #heldBy(UserModel)}).
 */
public final class RoleScopes {

    private final boolean includeUserAttribute;
    private final boolean collapseImplied;
    private final Set<UssoScope> scopes = new TreeSet<>();
    private final Set<String> rolesWithInvalidEntries = new TreeSet<>();
    private int invalidCount;
    private boolean userAttributeInvalid;

    /**
     * @param includeUserAttribute whether {@link #addUser(UserModel)} and {@link #addUserValues(Collection)}
     *        contribute
     * @param collapseImplied whether scopes implied by a stronger collected scope are dropped
     */
    public RoleScopes(boolean includeUserAttribute, boolean collapseImplied) {
        this.includeUserAttribute = includeUserAttribute;
        this.collapseImplied = collapseImplied;
    }

    /**
     * @param user a user
     * @return the user's effective roles: realm and client role mappings, direct and through groups (parent
     *         groups included), composites expanded; not limited by any client's scope
     */
    public static Set<RoleModel> effectiveRoles(UserModel user) {
        // direct and group mappings, composites expanded (one pass: it already covers the direct mappings)
        return RoleUtils.getDeepUserRoleMappings(user);
    }

    /**
     * @param user a user
     * @return the scopes of the user's {@link #effectiveRoles(UserModel) effective roles} and of the user's own
     *         attribute, de-duplicated and sorted, invalid entries skipped, implied scopes kept
     */
    public static List<UssoScope> heldBy(UserModel user) {
        return heldBy(user, effectiveRoles(user));
    }

    /**
     * @param user the user (for the user attribute)
     * @param roles the roles to read, e.g. the user's {@link #effectiveRoles(UserModel) effective roles}
     * @return the scopes of the roles and of the user's own attribute, de-duplicated and sorted, invalid entries
     *         skipped, implied scopes kept
     */
    public static List<UssoScope> heldBy(UserModel user, Collection<RoleModel> roles) {
        RoleScopes collector = new RoleScopes(true, false);
        roles.forEach(collector::addRole);
        return collector.addUser(user).result().ussoScopes();
    }

    /**
     * Adds the scopes of a role's attribute; invalid entries are reported under the role's name, as
     * {@code clientId:roleName} for a client role.
     *
     * @param role the role
     * @return this
     */
    public RoleScopes addRole(RoleModel role) {
        return addRoleValues(label(role), attributeValues(role.getAttributeStream(UssoScopes.ATTRIBUTE)));
    }

    /**
     * @param roleName name of the role the values come from (used only to report invalid entries)
     * @param values the role's attribute values, may be null
     * @return this
     */
    public RoleScopes addRoleValues(String roleName, Collection<String> values) {
        if (add(values)) {
            rolesWithInvalidEntries.add(roleName);
        }
        return this;
    }

    /**
     * @param user the user, may be null; ignored (its attribute not even read) unless the user attribute is
     *        included
     * @return this
     */
    public RoleScopes addUser(UserModel user) {
        if (!includeUserAttribute || user == null) {
            return this;
        }
        return addUserValues(attributeValues(user.getAttributeStream(UssoScopes.ATTRIBUTE)));
    }

    /**
     * @param values the user's attribute values, may be null; ignored unless the user attribute is included
     * @return this
     */
    public RoleScopes addUserValues(Collection<String> values) {
        if (includeUserAttribute && add(values)) {
            userAttributeInvalid = true;
        }
        return this;
    }

    /** @return the collected scopes in canonical, sorted form, plus what was skipped */
    public Result result() {
        List<UssoScope> selected = collapseImplied ? UssoScopes.collapse(scopes) : List.copyOf(scopes);
        return new Result(selected, invalidCount, rolesWithInvalidEntries, userAttributeInvalid);
    }

    /** @return whether the values held invalid entries */
    private boolean add(Collection<String> values) {
        ParsedScopes parsed = UssoScopes.parseAll(values);
        scopes.addAll(parsed.scopes());
        invalidCount += parsed.invalid().size();
        return parsed.hasInvalid();
    }

    private static List<String> attributeValues(Stream<String> values) {
        return values.collect(Collectors.toList());
    }

    private static String label(RoleModel role) {
        RoleContainerModel container = role.getContainer();
        if (role.isClientRole() && container instanceof ClientModel) {
            return ((ClientModel) container).getClientId() + ":" + role.getName();
        }
        return role.getName();
    }

    /** What a {@link RoleScopes} gathered. */
    public static final class Result {
        private final List<UssoScope> scopes;
        private final List<String> canonical;
        private final int invalidCount;
        private final Set<String> rolesWithInvalidEntries;
        private final boolean userAttributeInvalid;

        Result(List<UssoScope> scopes, int invalidCount, Set<String> rolesWithInvalidEntries,
                boolean userAttributeInvalid) {
            this.scopes = List.copyOf(scopes);
            this.canonical = List.copyOf(UssoScopes.toStrings(scopes));
            this.invalidCount = invalidCount;
            this.rolesWithInvalidEntries = Set.copyOf(rolesWithInvalidEntries);
            this.userAttributeInvalid = userAttributeInvalid;
        }

        /** @return the scopes, de-duplicated and sorted by canonical form */
        public List<UssoScope> ussoScopes() {
            return scopes;
        }

        /** @return canonical scope strings, de-duplicated and sorted */
        public List<String> scopes() {
            return canonical;
        }

        /** @return number of skipped entries (per source, after de-duplication within a source) */
        public int invalidCount() {
            return invalidCount;
        }

        /** @return names of roles that held invalid entries, sorted */
        public Set<String> rolesWithInvalidEntries() {
            return new TreeSet<>(rolesWithInvalidEntries);
        }

        /** @return whether the user attribute held invalid entries */
        public boolean userAttributeInvalid() {
            return userAttributeInvalid;
        }

        /** @return whether anything was skipped */
        public boolean hasInvalid() {
            return invalidCount > 0;
        }
    }
}
