package io.usso.keycloak.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Operations on sets of {@link UssoScope}s: lenient bulk parsing, collapsing implied scopes and narrowing a
 * request to what is held.
 */
public final class UssoScopes {

    /** Name of the role and user attribute that holds USSO scope strings. */
    public static final String ATTRIBUTE = "usso.scopes";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private UssoScopes() {
    }

    /**
     * Parses raw attribute values. Each value may hold several scopes separated by whitespace and/or commas.
     * Invalid entries are skipped and reported in {@link ParsedScopes#invalid()}; null values are ignored.
     *
     * @param raw raw values, may be null
     * @return valid scopes de-duplicated by canonical form and sorted, plus the rejected entries
     */
    public static ParsedScopes parseAll(Collection<String> raw) {
        Set<UssoScope> scopes = new TreeSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        if (raw != null) {
            for (String value : raw) {
                if (value == null) {
                    continue;
                }
                for (String entry : SEPARATORS.split(value.strip())) {
                    if (entry.isEmpty()) {
                        continue;
                    }
                    try {
                        scopes.add(UssoScope.parse(entry));
                    } catch (IllegalArgumentException e) {
                        invalid.add(entry);
                    }
                }
            }
        }
        return new ParsedScopes(new ArrayList<>(scopes), new ArrayList<>(invalid));
    }

    /**
     * Removes every scope that another scope of the set implies, keeping the stronger one. When two distinct
     * scopes imply each other, the one that sorts first is kept.
     *
     * @param scopes the scopes, may contain duplicates
     * @return the remaining scopes, sorted
     */
    public static List<UssoScope> collapse(Collection<UssoScope> scopes) {
        List<UssoScope> distinct = new ArrayList<>(new TreeSet<>(nonNull(scopes)));
        List<UssoScope> kept = new ArrayList<>();
        for (UssoScope candidate : distinct) {
            boolean redundant = false;
            for (UssoScope other : distinct) {
                if (other != candidate && other.implies(candidate)
                        && (!candidate.implies(other) || other.compareTo(candidate) < 0)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /**
     * The requested scopes that at least one held scope implies (for example to cap an API key's scopes by
     * its owner's scopes). Requested scopes are returned as requested, not widened to the held ones.
     *
     * @param held the scopes the principal holds
     * @param requested the scopes asked for
     * @return the granted subset of {@code requested}, de-duplicated and sorted
     */
    public static List<UssoScope> narrow(Collection<UssoScope> held, Collection<UssoScope> requested) {
        List<UssoScope> holding = new ArrayList<>(nonNull(held));
        return new TreeSet<>(nonNull(requested)).stream()
                .filter(r -> holding.stream().anyMatch(h -> h.implies(r)))
                .collect(Collectors.toList());
    }

    /**
     * @param scopes scopes
     * @return their canonical strings, in iteration order
     */
    public static List<String> toStrings(Collection<UssoScope> scopes) {
        return nonNull(scopes).stream().map(UssoScope::toString).collect(Collectors.toList());
    }

    /**
     * Narrows collected scopes to a limit (a session that may use only some scopes, e.g. a token obtained with an API
     * key): the limit's scopes that some collected scope implies. Invalid limit entries are
     * dropped; a blank limit leaves nothing.
     *
     * @param collected the scopes the session's user holds now
     * @param limit space separated scopes the session may use at most
     * @return the scopes to put in the token ({@link #narrow}: de-duplicated, sorted)
     */
    public static List<String> withinLimit(Collection<UssoScope> collected, String limit) {
        if (limit == null || limit.isBlank() || collected == null || collected.isEmpty()) {
            return List.of();
        }
        return toStrings(narrow(collected, parseAll(List.of(limit.strip().split(" +"))).scopes()));
    }

    private static List<UssoScope> nonNull(Collection<UssoScope> scopes) {
        if (scopes == null) {
            return List.of();
        }
        return scopes.stream().filter(Objects::nonNull).collect(Collectors.toList());
    }
}
