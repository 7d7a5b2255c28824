package io.usso.keycloak.otp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the authentication session stores instead of a code: {@code hex(HMAC-SHA-256(salt, purpose + ":" + code))}
 * with a fresh 16-byte random salt per code. The purpose (e.g. {@code email:login}) binds a hash to what it was
 * issued for. Comparison is constant-time ({@link MessageDigest#isEqual}). Thread-safe.
 *
 * <p>A 6-digit code has only 10^6 values: the hash keeps codes out of cache dumps and logs, it does not make a
 * stolen hash unguessable offline. The real protection is the short lifetime and the attempt limit.
 */
public final class OtpHasher {

    /** Salt length in bytes. */
    public static final int SALT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random;

    /** A hasher over a fresh {@link SecureRandom}. */
    public OtpHasher() {
        this(new SecureRandom());
    }

    /**
     * @param random source of salts
     */
    public OtpHasher(SecureRandom random) {
        this.random = random;
    }

    /** @return a new random salt, hex encoded */
    public String newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return HEX.formatHex(salt);
    }

    /**
     * @param purpose what the code is for, e.g. {@code email:login}
     * @param code the code
     * @param saltHex the salt from {@link #newSalt()}
     * @return the hash, 64 lower-case hex characters
     */
    public String hash(String purpose, String code, String saltHex) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(HEX.parseHex(saltHex), ALGORITHM));
            return HEX.formatHex(mac.doFinal((purpose + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /**
     * @param purpose what the code is for
     * @param presented the code the person typed (already normalised)
     * @param saltHex the stored salt
     * @param storedHash the stored hash; empty or null never matches (decoy state)
     * @return whether the code is the one the hash was made from, compared in constant time
     */
    public boolean matches(String purpose, String presented, String saltHex, String storedHash) {
        if (presented == null || saltHex == null || saltHex.isEmpty() || storedHash == null || storedHash.isEmpty()) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual;
        try {
            actual = hash(purpose, presented, saltHex).getBytes(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return false; // corrupt salt
        }
        return MessageDigest.isEqual(expected, actual);
    }
}
