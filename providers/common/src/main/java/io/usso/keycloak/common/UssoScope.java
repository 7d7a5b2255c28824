package io.usso.keycloak.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An immutable USSO authorization string of the form {@code action:path/segments?filter=value&f2=v2},
 * for example {@code read:media/files} or {@code manage:billing?workspace_id=w1}.
 *
 * <h2>Grammar (strict)</h2>
 * <ul>
 *   <li>Surrounding whitespace is trimmed; the trimmed value is at most {@value #MAX_LENGTH} characters.</li>
 *   <li>{@code action} is one of {@code read, create, update, delete, manage, admin, owner, superadmin}
 *       or {@code *} (= {@code owner}); case-insensitive, normalised to lower case.</li>
 *   <li>{@code path} is one or more non-empty segments separated by {@code /}; each segment uses
 *       {@code [A-Za-z0-9_.*-]}. A {@code *} in a segment is a wildcard (runs of {@code *} are collapsed).</li>
 *   <li>Optional filters after {@code ?}: {@code key=value} pairs separated by {@code &}; keys use
 *       {@code [A-Za-z0-9_.-]}, values {@code [A-Za-z0-9_.:@-]}; duplicate keys are rejected.</li>
 * </ul>
 * Anything else is rejected by {@link #parse(String)} with an {@link IllegalArgumentException}.
 *
 * <h2>Canonical form</h2>
 * {@link #toString()} renders {@code action:path} plus filters sorted by key; {@code *} is rendered as
 * {@code owner}. Equality and hash code are defined on the canonical form.
 *
 * <h2>Implication</h2>
 * See {@link #implies(UssoScope)}.
 */
public final class UssoScope implements Comparable<UssoScope> {

    /** Maximum length of a (trimmed) scope string. */
    public static final int MAX_LENGTH = 512;

    /** The wildcard character usable in path segments. */
    public static final String WILDCARD = "*";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.*-]+");
    private static final Pattern FILTER_KEY = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern FILTER_VALUE = Pattern.compile("[A-Za-z0-9_.:@-]+");
    private static final Pattern WILDCARD_RUN = Pattern.compile("\\*{2,}");
    private static final int MAX_ECHO = 64;
    /**
     * Parsed scopes by their text: a pure-function memo (a tenant uses a small vocabulary of scopes, parsed again
     * for every token and every key verification otherwise). Derived data only, so one per node is right; bounded.
     */
    private static final Map<String, UssoScope> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 4096;

    private final UssoAction action;
    private final List<String> segments;
    private final SortedMap<String, String> filters;
    private final String canonical;

    private UssoScope(UssoAction action, List<String> segments, SortedMap<String, String> filters) {
        this.action = action;
        this.segments = Collections.unmodifiableList(segments);
        this.filters = Collections.unmodifiableSortedMap(filters);
        this.canonical = render(action, segments, filters);
    }

    /**
     * Parses a scope string strictly.
     *
     * @param raw the scope string, e.g. {@code read:media/files?workspace_id=w1}
     * @return the parsed scope
     * @throws IllegalArgumentException when {@code raw} is null or does not follow the grammar
     */
    public static UssoScope parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("USSO scope must not be null");
        }
        UssoScope known = PARSED.get(raw);
        if (known != null) {
            return known;
        }
        UssoScope parsed = parseUncached(raw);
        if (PARSED.size() < MAX_PARSED) {
            PARSED.put(raw, parsed);
        }
        return parsed;
    }

    private static UssoScope parseUncached(String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("USSO scope must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(value, "longer than " + MAX_LENGTH + " characters");
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw invalid(value, "missing ':' between action and path");
        }
        String actionToken = value.substring(0, colon);
        UssoAction action = UssoAction.fromToken(actionToken).orElseThrow(() -> invalid(value,
                "unknown action '" + echo(actionToken) + "' (expected one of " + UssoAction.acceptedTokens() + ")"));

        String rest = value.substring(colon + 1);
        int question = rest.indexOf('?');
        String pathPart = question < 0 ? rest : rest.substring(0, question);
        List<String> segments = parsePath(value, pathPart);
        SortedMap<String, String> filters = question < 0
                ? new TreeMap<>()
                : parseFilters(value, rest.substring(question + 1));
        return new UssoScope(action, segments, filters);
    }

    private static List<String> parsePath(String value, String pathPart) {
        if (pathPart.isEmpty()) {
            throw invalid(value, "path is empty");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : pathPart.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(value, "empty path segment (leading, trailing or double '/')");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw invalid(value, "path segment '" + echo(segment) + "' contains a character outside [A-Za-z0-9_.*-]");
            }
            segments.add(WILDCARD_RUN.matcher(segment).replaceAll(WILDCARD));
        }
        return segments;
    }

    private static SortedMap<String, String> parseFilters(String value, String filterPart) {
        if (filterPart.isEmpty()) {
            throw invalid(value, "empty filter list after '?'");
        }
        SortedMap<String, String> filters = new TreeMap<>();
        for (String pair : filterPart.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid(value, "filter '" + echo(pair) + "' is not of the form key=value");
            }
            String key = pair.substring(0, eq);
            String filterValue = pair.substring(eq + 1);
            if (!FILTER_KEY.matcher(key).matches()) {
                throw invalid(value, "filter key '" + echo(key) + "' contains a character outside [A-Za-z0-9_.-]");
            }
            if (!FILTER_VALUE.matcher(filterValue).matches()) {
                throw invalid(value, "value of filter '" + key + "' is empty or contains a character outside [A-Za-z0-9_.:@-]");
            }
            if (filters.putIfAbsent(key, filterValue) != null) {
                throw invalid(value, "duplicate filter key '" + key + "'");
            }
        }
        return filters;
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        return new IllegalArgumentException("Invalid USSO scope '" + echo(value) + "': " + reason);
    }

    private static String echo(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }

    private static String render(UssoAction action, List<String> segments, SortedMap<String, String> filters) {
        StringBuilder sb = new StringBuilder(action.token()).append(':').append(String.join("/", segments));
        if (!filters.isEmpty()) {
            sb.append('?').append(filters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&")));
        }
        return sb.toString();
    }

    /** @return the action */
    public UssoAction action() {
        return action;
    }

    /** @return the path segments (unmodifiable, wildcards kept) */
    public List<String> pathSegments() {
        return segments;
    }

    /** @return the path, segments joined with {@code /} */
    public String path() {
        return String.join("/", segments);
    }

    /** @return the filters sorted by key (unmodifiable) */
    public Map<String, String> filters() {
        return filters;
    }

    /**
     * Whether holding this scope grants {@code other}. All of the following must hold:
     * <ol>
     *   <li>{@code this.action.rank >= other.action.rank};</li>
     *   <li>this path, read as a pattern, matches the other path segment by segment: segment counts must be
     *       equal, a {@code *} inside a segment matches any characters of that one segment, a whole {@code *}
     *       segment matches exactly one segment, except as the <em>last</em> segment where it matches one or more
     *       remaining segments (so {@code media/*} covers {@code media/files/images}). A {@code *} in
     *       {@code other} is a literal, so {@code read:media/files} does not imply {@code read:media/*};</li>
     *   <li>every filter of this scope is present with the same value in {@code other}: an unfiltered scope
     *       implies a filtered one, a filtered scope never implies an unfiltered one.</li>
     * </ol>
     *
     * @param other the scope being checked, may be null (never implied)
     * @return whether this scope implies {@code other}
     */
    public boolean implies(UssoScope other) {
        if (other == null || !action.implies(other.action) || !pathImplies(segments, other.segments)) {
            return false;
        }
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!filter.getValue().equals(other.filters.get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean pathImplies(List<String> pattern, List<String> target) {
        int last = pattern.size() - 1;
        for (int i = 0; i <= last; i++) {
            String segment = pattern.get(i);
            if (i == last && WILDCARD.equals(segment)) {
                return target.size() >= pattern.size();
            }
            if (i >= target.size() || !Glob.matches(segment, target.get(i))) {
                return false;
            }
        }
        return pattern.size() == target.size();
    }

    /** Orders by canonical form. */
    @Override
    public int compareTo(UssoScope o) {
        return canonical.compareTo(o.canonical);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof UssoScope && canonical.equals(((UssoScope) o).canonical));
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** @return the canonical form, e.g. {@code manage:billing?a=1&workspace_id=w1} */
    @Override
    public String toString() {
        return canonical;
    }

    /** fnmatch-style matching restricted to the {@code *} wildcard, within one path segment. */
    private static final class Glob {
        private Glob() {
        }

        static boolean matches(String pattern, String text) {
            int p = 0;
            int t = 0;
            int star = -1;
            int mark = 0;
            while (t < text.length()) {
                if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                    p++;
                    t++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    mark = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }
}
