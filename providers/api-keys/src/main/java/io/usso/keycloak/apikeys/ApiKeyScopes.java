package io.usso.keycloak.apikeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.usso.keycloak.apikeys.rest.ApiKeyJson;
import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

/**
 * The scope rules of API keys: a key carries only scopes its owner holds when it is created, and at use time it
 * loses those its owner no longer holds.
 *
 * <ul>
 *   <li><b>Explicit scopes.</b> As in USSO, a key lists its {@code scopes} explicitly: an empty request is
 *       refused ("name at least one scope") instead of silently copying the owner's current scopes, which would
 *       turn every key into a full impersonation of its owner.</li>
 *   <li><b>Creation</b> ({@link #grantable}): a requested scope is granted when one of the owner's scopes
 *       {@linkplain UssoScope#implies implies} it; it is stored as requested, never widened to the owner's
 *       scope.</li>
 *   <li><b>Use</b> ({@link #effective}): the key's scopes still implied by the owner's current scopes. A key
 *       never gains a scope it was not created with, and a scope that is now only partly covered (the owner went
 *       from {@code read:media} to {@code read:media?workspace_id=w1}) is dropped, not narrowed.</li>
 * </ul>
 *
 * All methods are pure; the owner's scopes are computed by the caller (role attributes {@code usso.scopes}).
 */
public final class ApiKeyScopes {

    /** Most scopes one key may carry (bounds the quadratic implication checks). */
    public static final int MAX_SCOPES = 100;

    private static final int MAX_REPORTED_ERRORS = 5;

    private ApiKeyScopes() {
    }

    /**
     * Parses the {@code scopes} array of a request strictly: one scope per element, grammar of
     * {@link UssoScope#parse(String)}.
     *
     * @param raw the requested scope strings, may be null
     * @return the parsed scopes in request order (duplicates kept; {@link #grantable} removes them)
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_SCOPE}) when the list is empty,
     *         longer than {@value #MAX_SCOPES} or holds an invalid element (the first few are described)
     */
    public static List<UssoScope> parseRequested(Collection<String> raw) {
        Collection<String> values = raw == null ? List.of() : raw;
        requireCount(values.size());
        List<UssoScope> parsed = new ArrayList<>(values.size());
        List<String> errors = new ArrayList<>();
        int invalid = 0;
        int index = 0;
        for (String value : values) {
            try {
                if (value == null) {
                    throw new IllegalArgumentException("USSO scope must not be null");
                }
                parsed.add(UssoScope.parse(value));
            } catch (IllegalArgumentException e) {
                invalid++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add("scopes[" + index + "]: " + e.getMessage());
                }
            }
            index++;
        }
        if (invalid > 0) {
            String more = invalid > errors.size() ? " (and " + (invalid - errors.size()) + " more)" : "";
            throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                    invalid + " invalid scope" + (invalid == 1 ? "" : "s") + ": " + String.join("; ", errors) + more);
        }
        return parsed;
    }

    /**
     * Splits a creation request into the scopes the owner may put on the key and those it may not.
     *
     * @param ownerScopes the owner's scopes at creation time, may be null (holds nothing)
     * @param requested the requested scopes (see {@link #parseRequested})
     * @return granted and refused scopes, each de-duplicated and sorted
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_SCOPE}) when {@code requested} is
     *         empty or longer than {@value #MAX_SCOPES}
     */
    public static Grant grantable(Collection<UssoScope> ownerScopes, Collection<UssoScope> requested) {
        Collection<UssoScope> wanted = requested == null ? List.of() : requested;
        requireCount((int) wanted.stream().filter(Objects::nonNull).count());
        List<UssoScope> granted = UssoScopes.narrow(ownerScopes, wanted);
        TreeSet<UssoScope> refused = new TreeSet<>();
        for (UssoScope scope : wanted) {
            if (scope != null) {
                refused.add(scope);
            }
        }
        refused.removeAll(granted);
        return new Grant(granted, new ArrayList<>(refused));
    }

    /**
     * {@link #grantable(Collection, Collection)} within a caller's limit as well: a scope is granted only when both an
     * owner scope and a limit scope imply it (a token carrying narrow scopes never mints a wider key).
     *
     * @param ownerScopes the owner's scopes, may be null
     * @param limit the calling token's scopes, null for no limit beyond the owner's (an interactive page session)
     * @param requested the requested scopes
     * @return granted and refused scopes
     */
    public static Grant grantable(Collection<UssoScope> ownerScopes, Collection<UssoScope> limit,
            Collection<UssoScope> requested) {
        Grant byOwner = grantable(ownerScopes, requested);
        if (limit == null) {
            return byOwner;
        }
        List<UssoScope> granted = UssoScopes.narrow(limit, byOwner.granted());
        TreeSet<UssoScope> refused = new TreeSet<>(byOwner.refused());
        refused.addAll(byOwner.granted());
        refused.removeAll(granted);
        return new Grant(granted, new ArrayList<>(refused));
    }

    /**
     * @param stored a key's stored scopes (space separated, may be null or empty)
     * @return them parsed, invalid entries skipped
     */
    public static List<UssoScope> parseStored(String stored) {
        return UssoScopes.parseAll(ApiKeyJson.splitScopes(stored)).scopes();
    }

    /**
     * The scopes a key carries right now.
     *
     * @param keyScopes the scopes stored on the key, may be null
     * @param ownerScopesNow the owner's current scopes, may be null (holds nothing)
     * @return the key's scopes that a current owner scope implies, de-duplicated and sorted; never a scope that
     *         is not on the key
     */
    public static List<UssoScope> effective(Collection<UssoScope> keyScopes, Collection<UssoScope> ownerScopesNow) {
        return UssoScopes.narrow(ownerScopesNow, keyScopes);
    }

    private static void requireCount(int count) {
        if (count == 0) {
            throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                    "Name at least one scope for the API key");
        }
        if (count > MAX_SCOPES) {
            throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                    "An API key can carry at most " + MAX_SCOPES + " scopes");
        }
    }

    /**
     * The outcome of {@link #grantable}.
     *
     * @param granted requested scopes the owner holds (de-duplicated, sorted)
     * @param refused requested scopes the owner does not hold (de-duplicated, sorted)
     */
    public record Grant(List<UssoScope> granted, List<UssoScope> refused) {

        /**
         * @param granted granted scopes
         * @param refused refused scopes
         */
        public Grant {
            granted = List.copyOf(granted);
            refused = List.copyOf(refused);
        }

        /** @return whether every requested scope was granted */
        public boolean isComplete() {
            return refused.isEmpty();
        }

        /**
         * The all-or-nothing rule for key creation.
         *
         * @return {@link #granted()} when nothing was refused
         * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_SCOPE}) naming the refused scopes
         */
        public List<UssoScope> requireComplete() {
            if (!isComplete()) {
                throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                        "The key owner does not hold these scopes: "
                                + String.join(", ", UssoScopes.toStrings(refused)));
            }
            return granted;
        }
    }
}
