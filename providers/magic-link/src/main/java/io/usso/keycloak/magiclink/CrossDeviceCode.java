package io.usso.keycloak.magiclink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The short number a cross-device confirmation needs: the waiting window shows it, the person types it on the device
 * where they opened the link. Two digits ({@value #MIN}..{@value #MAX}): someone who did not ask (and so sees no
 * number) guesses right once in 90, and a wrong number uses the link up, so there is one guess per link.
 * Western, Persian and Arabic-Indic digits are accepted.
 */
public final class CrossDeviceCode {

    /** Smallest code. */
    public static final int MIN = 10;
    /** Largest code. */
    public static final int MAX = 99;

    private static final SecureRandom RANDOM = new SecureRandom();

    private CrossDeviceCode() {
    }

    /** @return a fresh code, as text */
    public static String generate() {
        return Integer.toString(MIN + RANDOM.nextInt(MAX - MIN + 1));
    }

    /**
     * @param typed what the person typed, may be null
     * @return the code as two ASCII digits, or null when it is not a two-digit number
     */
    public static String normalize(String typed) {
        if (typed == null) {
            return null;
        }
        String stripped = typed.strip();
        if (stripped.length() != 2) {
            return null;
        }
        StringBuilder digits = new StringBuilder(2);
        for (int i = 0; i < stripped.length(); i++) {
            int digit = Character.digit(stripped.charAt(i), 10);
            if (digit < 0) {
                return null;
            }
            digits.append((char) ('0' + digit));
        }
        int value = Integer.parseInt(digits.toString());
        return value < MIN || value > MAX ? null : digits.toString();
    }

    /**
     * @param expected the code of the link, may be null
     * @param typed the normalised typed code, may be null
     * @return true only when both are present and equal (constant time)
     */
    public static boolean matches(String expected, String typed) {
        if (expected == null || typed == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                typed.getBytes(StandardCharsets.US_ASCII));
    }
}
