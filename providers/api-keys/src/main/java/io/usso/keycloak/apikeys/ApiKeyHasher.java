package io.usso.keycloak.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an API key into the value stored in the database: {@code hex(HMAC-SHA-256(pepper, UTF-8(key)))},
 * {@value #HASH_HEX_LENGTH} lower-case hex characters, suitable for a unique index and an exact-match look-up.
 *
 * <p>Why a keyed hash: keys carry about 190 bits of entropy, so a slow password hash buys nothing, while the
 * pepper (kept outside the database) makes a leaked table useless for offline guessing or for recognising a key.
 *
 * <p>Thread-safe: each thread keeps its own initialised {@link Mac} ({@code Mac} instances are not thread-safe, and
 * looking up the provider and initialising the key on every call was a measurable share of a verification).
 */
public final class ApiKeyHasher {

    /** JCA name of the MAC. */
    public static final String ALGORITHM = "HmacSHA256";
    /** Length of {@link #hash(String)}'s result. */
    public static final int HASH_HEX_LENGTH = 64;

    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec macKey;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /**
     * @param pepper the server-side secret
     */
    public ApiKeyHasher(ApiKeyPepper pepper) {
        Objects.requireNonNull(pepper, "pepper");
        byte[] raw = pepper.bytes();
        try {
            this.macKey = new SecretKeySpec(raw, ALGORITHM);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * @param pepper the raw server-side secret, at least {@value ApiKeyPepper#MIN_LENGTH} bytes (copied)
     * @throws IllegalArgumentException when the pepper is too short or not random (see {@link ApiKeyPepper#of})
     */
    public ApiKeyHasher(byte[] pepper) {
        this(ApiKeyPepper.of(pepper));
    }

    /**
     * @param apiKey the full key (normally {@link ApiKeyParseResult.Valid#key()} or {@link GeneratedApiKey#key()})
     * @return {@value #HASH_HEX_LENGTH} lower-case hex characters
     * @throws NullPointerException when {@code apiKey} is null
     */
    public String hash(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        return HEX.formatHex(mac(apiKey));
    }

    /**
     * Whether {@code presented} hashes to {@code storedHash}. The comparison of the two MACs runs in time
     * independent of their content ({@link MessageDigest#isEqual}). Never throws.
     *
     * @param presented the presented key, may be null (no match)
     * @param storedHash a value produced by {@link #hash(String)} (hex, either case), may be null (no match)
     * @return whether they match
     */
    public boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null || storedHash.length() != HASH_HEX_LENGTH) {
            return false;
        }
        byte[] expected;
        try {
            expected = HEX.parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(presented), expected);
    }

    private byte[] mac(String apiKey) {
        // doFinal resets the Mac for its next use
        return macs.get().doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(macKey);
            return mac;
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory on every Java platform; the message carries no secret.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** @return the algorithm only, never the pepper */
    @Override
    public String toString() {
        return "ApiKeyHasher[" + ALGORITHM + "]";
    }
}
