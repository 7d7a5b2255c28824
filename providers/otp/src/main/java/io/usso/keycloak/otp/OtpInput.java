package io.usso.keycloak.otp;

import java.util.Optional;

/**
 * Cleans what a person typed into the code field: Persian (U+06F0..U+06F9), Arabic-Indic (U+0660..U+0669) and
 * full-width digits become ASCII, spaces, dashes and dots are dropped (codes are often read out in groups), anything
 * else makes the input invalid. No regular expressions; inputs longer than {@value #MAX_INPUT} characters are
 * rejected before they are looked at.
 */
public final class OtpInput {

    /** Longest raw input looked at. */
    public static final int MAX_INPUT = 64;

    private OtpInput() {
    }

    /**
     * @param raw the form value, may be null
     * @param length the expected number of digits
     * @return the ASCII digits when the input is exactly {@code length} digits after cleaning, else empty
     */
    public static Optional<String> normalise(String raw, int length) {
        if (raw == null || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int digit = asciiDigit(c);
            if (digit >= 0) {
                digits.append((char) ('0' + digit));
            } else if (!isSeparator(c)) {
                return Optional.empty();
            }
        }
        return digits.length() == length ? Optional.of(digits.toString()) : Optional.empty();
    }

    /**
     * @param c a character
     * @return its value 0..9 when it is an ASCII, Persian, Arabic-Indic or full-width digit, else -1
     */
    public static int asciiDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '\u06F0' && c <= '\u06F9') {
            return c - '\u06F0';
        }
        if (c >= '\u0660' && c <= '\u0669') {
            return c - '\u0660';
        }
        if (c >= '\uFF10' && c <= '\uFF19') {
            return c - '\uFF10';
        }
        return -1;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '\u00A0' || c == '\t' || c == '\u200C';
    }
}
