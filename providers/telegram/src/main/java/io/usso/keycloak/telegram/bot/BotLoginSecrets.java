package io.usso.keycloak.telegram.bot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secrets of the bot-confirmed login: the one-time start token of the deep link, the waiting page's status
 * handle and the id behind the chat's buttons. 32 random bytes from {@link SecureRandom}, base64url without padding
 * (43 characters, within Telegram's 64-character {@code start} parameter alphabet {@code [A-Za-z0-9_-]}). Stored only
 * as SHA-256 hex.
 */
public final class BotLoginSecrets {

    /** Random bytes per secret. */
    public static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private BotLoginSecrets() {
    }

    /** @return a new secret */
    public static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param value a candidate, may be null
     * @return whether it has the shape of a secret issued here (checked before any store lookup)
     */
    public static boolean isToken(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    /**
     * @param secret a secret
     * @return its SHA-256, hex
     */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
