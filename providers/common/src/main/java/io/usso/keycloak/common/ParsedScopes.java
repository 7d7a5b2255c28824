package io.usso.keycloak.common;

import java.util.List;

/**
 * Result of {@link UssoScopes#parseAll(java.util.Collection)}: the valid scopes and the rejected entries,
 * so that callers can log the rejects once instead of per entry.
 */
public final class ParsedScopes {

    private final List<UssoScope> scopes;
    private final List<String> invalid;

    ParsedScopes(List<UssoScope> scopes, List<String> invalid) {
        this.scopes = List.copyOf(scopes);
        this.invalid = List.copyOf(invalid);
    }

    /** @return the valid scopes, de-duplicated by canonical form and sorted */
    public List<UssoScope> scopes() {
        return scopes;
    }

    /** @return the rejected entries (trimmed, de-duplicated, in encounter order) */
    public List<String> invalid() {
        return invalid;
    }

    /** @return whether at least one entry was rejected */
    public boolean hasInvalid() {
        return !invalid.isEmpty();
    }

    @Override
    public String toString() {
        return "ParsedScopes{scopes=" + scopes + ", invalid=" + invalid.size() + "}";
    }
}
