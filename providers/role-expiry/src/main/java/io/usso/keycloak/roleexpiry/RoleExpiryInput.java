package io.usso.keycloak.roleexpiry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a grant: {@code {"expires_at": epochSeconds}} or {@code {"expires_in": seconds}} (exactly one), in the
 * future and at most {@value #MAX_SECONDS} seconds (10 years) ahead. Failures are an
 * {@link IllegalArgumentException} whose message is safe to show the caller.
 */
public final class RoleExpiryInput {

    /** Longest accepted lifetime: 10 years. */
    public static final long MAX_SECONDS = 10L * 366 * 24 * 3600;

    private RoleExpiryInput() {
    }

    /**
     * @param body the JSON object
     * @param now the current epoch second
     * @return the expiry in epoch seconds
     */
    public static long expiresAt(JsonNode body, long now) {
        JsonNode at = body.get("expires_at");
        JsonNode in = body.get("expires_in");
        boolean hasAt = at != null && !at.isNull();
        boolean hasIn = in != null && !in.isNull();
        if (hasAt == hasIn) {
            throw new IllegalArgumentException("Give exactly one of expires_at (epoch seconds) and expires_in (seconds)");
        }
        long value = integer(hasAt ? at : in, hasAt ? "expires_at" : "expires_in");
        return hasAt ? checked(value, now) : afterSeconds(value, now);
    }

    /**
     * @param seconds a lifetime
     * @param now the current epoch second
     * @return the expiry {@code now + seconds}
     */
    public static long afterSeconds(long seconds, long now) {
        if (seconds <= 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("expires_in must be between 1 and " + MAX_SECONDS + " seconds");
        }
        return checked(now + seconds, now);
    }

    /**
     * @param expiresAt an expiry in epoch seconds
     * @param now the current epoch second
     * @return the expiry, when in the future and at most 10 years ahead
     */
    public static long checked(long expiresAt, long now) {
        if (expiresAt <= now) {
            throw new IllegalArgumentException("expires_at must be in the future");
        }
        if (expiresAt - now > MAX_SECONDS) {
            throw new IllegalArgumentException("expires_at may be at most 10 years ahead");
        }
        return expiresAt;
    }

    private static long integer(JsonNode node, String name) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return node.longValue();
    }

    /**
     * @param value a {@code first} or {@code max} query parameter, may be null
     * @param fallback the value when absent
     * @param min smallest accepted
     * @param max largest accepted
     * @return the number
     */
    public static int paging(String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("first and max must be small non-negative whole numbers");
        }
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
            throw new IllegalArgumentException("first and max must be between " + min + " and " + max);
        }
        return n;
    }
}
