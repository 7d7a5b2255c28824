package io.usso.keycloak.qrlogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import io.usso.keycloak.common.WindowCounter;

/**
 * The random values of the QR login and how they are kept: generated with {@link SecureRandom}, stored only as
 * SHA-256 hashes, compared in constant time, never logged.
 *
 * <ul>
 *   <li>QR code: {@value #CODE_BYTES} random bytes, base64url ({@value #CODE_BYTES}×8 = 160 bits).</li>
 *   <li>Desktop handle (status URL), phone ticket, CSRF token: {@value #TOKEN_BYTES} bytes, base64url.</li>
 *   <li>Short code: {@value #SHORT_CODE_LENGTH} characters of {@value #SHORT_CODE_ALPHABET} (31 symbols without 0/O, 1/I/L: about 39.6 bits),
 *       typed case-insensitively, with or without the dash shown in the middle.</li>
 * </ul>
 */
public final class QrSecrets {

    /** Random bytes of a QR code. */
    public static final int CODE_BYTES = 20;
    /** Random bytes of a handle, ticket or CSRF token. */
    public static final int TOKEN_BYTES = 32;
    /** Length of the short code. */
    public static final int SHORT_CODE_LENGTH = 8;
    /** The 31 unambiguous characters of short codes. */
    public static final String SHORT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{27}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private QrSecrets() {
    }

    /** @return a new QR code */
    public static String newCode() {
        return random(CODE_BYTES);
    }

    /** @return a new handle, ticket or CSRF token */
    public static String newToken() {
        return random(TOKEN_BYTES);
    }

    /** @return a new short code, e.g. {@code K7MQ2XPA} */
    public static String newShortCode() {
        StringBuilder code = new StringBuilder(SHORT_CODE_LENGTH);
        for (int i = 0; i < SHORT_CODE_LENGTH; i++) {
            code.append(SHORT_CODE_ALPHABET.charAt(RANDOM.nextInt(SHORT_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * @param shortCode a short code
     * @return it as shown to people: {@code K7MQ-2XPA}
     */
    public static String displayShortCode(String shortCode) {
        int half = shortCode.length() / 2;
        return shortCode.substring(0, half) + "-" + shortCode.substring(half);
    }

    /**
     * @param typed what a person typed, may be null
     * @return the short code (upper case, without spaces and dashes), or null when it cannot be one
     */
    public static String normalizeShortCode(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != SHORT_CODE_LENGTH) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (SHORT_CODE_ALPHABET.indexOf(code.charAt(i)) < 0) {
                return null;
            }
        }
        return code;
    }

    /**
     * @param code a candidate QR code from a URL
     * @return whether it has the shape of one (checked before any store look-up)
     */
    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /**
     * @param token a candidate handle, ticket or CSRF token
     * @return whether it has the shape of one
     */
    public static boolean isToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /**
     * @param secret any secret value
     * @return its SHA-256 in lower-case hex: what the store keeps
     */
    public static String hash(String secret) {
        return WindowCounter.sha256Hex(secret);
    }

    /**
     * @param presented a presented secret, may be null
     * @param storedHash the stored {@link #hash}, may be null
     * @return whether they match, compared in constant time
     */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param verifier a PKCE code verifier
     * @return its S256 code challenge (RFC 7636)
     */
    public static String s256(String verifier) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * @param bound exclusive upper bound
     * @return a uniformly random int in {@code [0, bound)}
     */
    static int nextInt(int bound) {
        return RANDOM.nextInt(bound);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return B64.encodeToString(value);
    }
}
