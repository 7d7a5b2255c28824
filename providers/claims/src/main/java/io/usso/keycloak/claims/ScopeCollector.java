package io.usso.keycloak.claims;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.usso.keycloak.common.ParsedScopes;
import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

/**
 * Gathers USSO scope strings from role attribute values and (optionally) the user's own attribute values.
 * Each value may hold several scopes separated by whitespace or commas; invalid entries are skipped and
 * counted per source. Pure: no Keycloak types, one instance per token being built.
 */
public final class ScopeCollector {

    private final boolean includeUserAttribute;
    private final boolean collapseImplied;
    private final Set<UssoScope> scopes = new TreeSet<>();
    private final Set<String> rolesWithInvalidEntries = new TreeSet<>();
    private int invalidCount;
    private boolean userAttributeInvalid;

    /**
     * @param includeUserAttribute whether {@link #addUserValues(Collection)} contributes
     * @param collapseImplied whether scopes implied by a stronger collected scope are dropped
     */
    public ScopeCollector(boolean includeUserAttribute, boolean collapseImplied) {
        this.includeUserAttribute = includeUserAttribute;
        this.collapseImplied = collapseImplied;
    }

    /**
     * @param roleName name of the role the values come from (used only to report invalid entries)
     * @param values the role's attribute values, may be null
     * @return this
     */
    public ScopeCollector addRoleValues(String roleName, Collection<String> values) {
        ParsedScopes parsed = UssoScopes.parseAll(values);
        scopes.addAll(parsed.scopes());
        if (parsed.hasInvalid()) {
            invalidCount += parsed.invalid().size();
            rolesWithInvalidEntries.add(roleName);
        }
        return this;
    }

    /**
     * @param values the user's attribute values, may be null; ignored unless the user attribute is included
     * @return this
     */
    public ScopeCollector addUserValues(Collection<String> values) {
        if (!includeUserAttribute) {
            return this;
        }
        ParsedScopes parsed = UssoScopes.parseAll(values);
        scopes.addAll(parsed.scopes());
        if (parsed.hasInvalid()) {
            invalidCount += parsed.invalid().size();
            userAttributeInvalid = true;
        }
        return this;
    }

    /** @return the collected scopes in canonical, sorted form, plus what was skipped */
    public Result result() {
        List<UssoScope> selected = collapseImplied ? UssoScopes.collapse(scopes) : List.copyOf(scopes);
        return new Result(UssoScopes.toStrings(selected), invalidCount, rolesWithInvalidEntries, userAttributeInvalid);
    }

    /** What {@link ScopeCollector} gathered. */
    public static final class Result {
        private final List<String> scopes;
        private final int invalidCount;
        private final Set<String> rolesWithInvalidEntries;
        private final boolean userAttributeInvalid;

        Result(List<String> scopes, int invalidCount, Set<String> rolesWithInvalidEntries,
                boolean userAttributeInvalid) {
            this.scopes = List.copyOf(scopes);
            this.invalidCount = invalidCount;
            this.rolesWithInvalidEntries = Set.copyOf(rolesWithInvalidEntries);
            this.userAttributeInvalid = userAttributeInvalid;
        }

        /** @return canonical scope strings, de-duplicated and sorted */
        public List<String> scopes() {
            return scopes;
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
