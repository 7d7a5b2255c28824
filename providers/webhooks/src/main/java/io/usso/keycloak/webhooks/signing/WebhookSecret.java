package io.usso.keycloak.webhooks.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks signing secrets: {@code whsec_} + base64 of {@value #BYTES} random bytes from
 * {@link SecureRandom}. The HMAC key is the decoded bytes after the prefix.
 */
public final class WebhookSecret {

    /** Prefix of every secret. */
    public static final String PREFIX = "whsec_";
    /** Random bytes of a new secret (the specification asks for 24 to 64). */
    public static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    /** @return a new secret */
    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @param secret a secret as issued ({@code whsec_...})
     * @return the HMAC key
     * @throws IllegalArgumentException when it is not a secret of this form
     */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
