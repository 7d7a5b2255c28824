package io.usso.keycloak.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The action part of a USSO authorization string ({@code action:path}), ordered by rank.
 *
 * <p>A higher-ranked action implies every lower-ranked one:
 * {@code read(10) < create(20) < update(30) < delete(40) < manage(50) < admin(60) < owner(90) < superadmin(100)}.
 * The token {@code *} is an alias of {@link #OWNER}.
 */
public enum UssoAction {
    READ("read", 10),
    CREATE("create", 20),
    UPDATE("update", 30),
    DELETE("delete", 40),
    MANAGE("manage", 50),
    ADMIN("admin", 60),
    OWNER("owner", 90),
    SUPERADMIN("superadmin", 100);

    /** Alias accepted for {@link #OWNER}. */
    public static final String OWNER_ALIAS = "*";

    private final String token;
    private final int rank;

    UssoAction(String token, int rank) {
        this.token = token;
        this.rank = rank;
    }

    /** @return the canonical lower-case token, e.g. {@code read}; {@code *} is rendered as {@code owner} */
    public String token() {
        return token;
    }

    /** @return the numeric rank; higher implies lower */
    public int rank() {
        return rank;
    }

    /** @return whether this action is at least as strong as {@code other} */
    public boolean implies(UssoAction other) {
        return other != null && rank >= other.rank;
    }

    /**
     * Looks an action up by its token, case-insensitively; {@code *} maps to {@link #OWNER}.
     *
     * @param token the raw action token (not trimmed)
     * @return the action, or empty when the token is unknown or null
     */
    public static Optional<UssoAction> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        if (OWNER_ALIAS.equals(token)) {
            return Optional.of(OWNER);
        }
        String lower = token.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.token.equals(lower)).findFirst();
    }

    /** @return the accepted tokens, for error messages */
    static String acceptedTokens() {
        return Arrays.stream(values()).map(UssoAction::token).collect(Collectors.joining(", "))
                + ", " + OWNER_ALIAS;
    }
}
