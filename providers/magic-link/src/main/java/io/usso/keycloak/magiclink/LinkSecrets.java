package io.usso.keycloak.magiclink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import io.usso.keycloak.common.WindowCounter;

/**
 * The random values of a magic link: the link token (in the e-mail), the waiting handle (in the first window's page)
 * and the one-time reference / browser binding of a login that continues through the authorization endpoint. Each is
 * 32 bytes from {@link SecureRandom}, base64url without padding (43 characters); only their SHA-256 is ever stored.
 */
public final class LinkSecrets {

    /** Length of every secret as text. */
    public static final int LENGTH = 43;

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkSecrets() {
    }

    /** @return a fresh secret */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param value presented text, may be null
     * @return whether it has the shape of a secret (checked before any look-up)
     */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == LENGTH && FORMAT.matcher(value).matches();
    }

    /**
     * @param secret a secret
     * @return its SHA-256 in lower-case hex: the only form that is stored
     */
    public static String hash(String secret) {
        return WindowCounter.sha256Hex(secret);
    }

    /**
     * Constant-time comparison of two stored hashes (or other equal-length texts).
     *
     * @param a one value, may be null
     * @param b the other, may be null
     * @return true only when both are non-null and equal
     */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param address an e-mail address or user name as typed
     * @return the form used for counting and look-ups: stripped and lower case
     */
    public static String normalizeAddress(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }
}
