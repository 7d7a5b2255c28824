package io.usso.keycloak.otp;

import java.security.SecureRandom;

/**
 * Generates one-time codes: {@code length} decimal digits, each drawn uniformly with {@link SecureRandom}
 * ({@link SecureRandom#nextInt(int)} rejects biased draws, so every code of the given length is equally likely,
 * leading zeros included). Thread-safe.
 */
public final class OtpCodeGenerator {

    /** Shortest code we generate. */
    public static final int MIN_LENGTH = 4;
    /** Longest code we generate. */
    public static final int MAX_LENGTH = 10;

    private final SecureRandom random;

    /** A generator over a fresh {@link SecureRandom}. */
    public OtpCodeGenerator() {
        this(new SecureRandom());
    }

    /**
     * @param random the source of randomness (tests pass a seeded one)
     */
    public OtpCodeGenerator(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param length number of digits, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
     * @return a code of exactly {@code length} ASCII digits
     */
    public String generate(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("code length must be between " + MIN_LENGTH + " and " + MAX_LENGTH);
        }
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
