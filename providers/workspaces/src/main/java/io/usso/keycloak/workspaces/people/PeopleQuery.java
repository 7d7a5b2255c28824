package io.usso.keycloak.workspaces.people;

import java.util.Locale;

import io.usso.keycloak.common.LookupIds;
import io.usso.keycloak.workspaces.WorkspaceInputException;

/**
 * A validated people search: {@code q} of {@value #MIN_TEXT} to {@value #MAX_TEXT} characters (required, so the
 * endpoint never dumps the directory), {@code first} from 0 to {@value #MAX_FIRST}, {@code max} from 1 (values above
 * {@value #MAX_PAGE} are capped, like member lists). Pure.
 *
 * @param text the search text, stripped
 * @param first offset
 * @param max page size
 */
public record PeopleQuery(String text, int first, int max) {

    /** Shortest search text. */
    public static final int MIN_TEXT = 2;
    /** Longest search text. */
    public static final int MAX_TEXT = 100;
    /** Largest page. */
    public static final int MAX_PAGE = 100;
    /** Default page. */
    public static final int DEFAULT_PAGE = 20;
    /** Furthest offset. */
    public static final int MAX_FIRST = 10_000;

    /**
     * @param q the {@code q} parameter
     * @param first the {@code first} parameter, may be null
     * @param max the {@code max} parameter, may be null
     * @return the query
     * @throws WorkspaceInputException 400 for anything else
     */
    public static PeopleQuery parse(String q, String first, String max) {
        String text = q == null ? "" : q.strip();
        if (text.length() < MIN_TEXT || text.length() > MAX_TEXT) {
            throw WorkspaceInputException.invalid("q must be " + MIN_TEXT + " to " + MAX_TEXT + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl) || !LookupIds.plausible(text, MAX_TEXT)) {
            throw WorkspaceInputException.invalid("q must be plain text");
        }
        int offset = number(first, 0, "first");
        if (offset > MAX_FIRST) {
            throw WorkspaceInputException.invalid("first must be at most " + MAX_FIRST);
        }
        int page = number(max, DEFAULT_PAGE, "max");
        if (page < 1) {
            throw WorkspaceInputException.invalid("max must be at least 1");
        }
        return new PeopleQuery(text, offset, Math.min(MAX_PAGE, page));
    }

    /** @return a LIKE pattern matching the text anywhere, lower case, with {@code !} escaping {@code ! % _} */
    public String likePattern() {
        String lower = text.toLowerCase(Locale.ROOT);
        return "%" + lower.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static int number(String raw, int fallback, String name) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String v = raw.strip();
        if (v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw WorkspaceInputException.invalid(name + " must be a whole number, not negative");
        }
        return Integer.parseInt(v);
    }
}
