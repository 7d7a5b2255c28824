package io.usso.keycloak.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The textual format of USSO API keys: {@code <prefix><secret><checksum>}, e.g.
 * {@code uss_Ab3dE9x0...(32 characters)...0bVx2Q}.
 *
 * <ul>
 *   <li><b>prefix</b>: per tenant, default {@value #DEFAULT_PREFIX}; grammar {@code [a-z][a-z0-9]{1,11}_}
 *       ({@value #MIN_PREFIX_LENGTH} to {@value #MAX_PREFIX_LENGTH} characters, the {@code _} only at the end),
 *       see {@link #isValidPrefix(String)}.</li>
 *   <li><b>secret</b>: {@value #SECRET_LENGTH} uniformly random base62 characters from a {@link SecureRandom},
 *       {@code 32 * log2(62)} &asymp; 190.5 bits.</li>
 *   <li><b>checksum</b>: CRC32 of the UTF-8 bytes of {@code prefix + secret}, as exactly
 *       {@value #CHECKSUM_LENGTH} base62 characters left-padded with {@code '0'} (62^6 &gt; 2^32). Secret
 *       scanners can recognise keys, and typos are rejected without a database look-up. The checksum is not
 *       a security measure: anyone can compute it.</li>
 * </ul>
 *
 * <p>The <b>display prefix</b> is the tenant prefix plus the first {@value #DISPLAY_SECRET_LENGTH} secret
 * characters ({@code uss_Ab3dE9}); it is stored in clear to let owners recognise their keys
 * ({@code uss_Ab3dE9…}). Revealing it leaves 26 unknown secret characters, about 154.8 bits.
 *
 * <p>Instances are thread-safe ({@link SecureRandom} is) and meant to be shared.
 */
public final class ApiKeyFormat {

    /** Default tenant prefix, as in USSO. */
    public static final String DEFAULT_PREFIX = "uss_";
    /** Shortest valid prefix, {@code _} included. */
    public static final int MIN_PREFIX_LENGTH = 3;
    /** Longest valid prefix, {@code _} included. */
    public static final int MAX_PREFIX_LENGTH = 13;
    /** Number of random base62 characters. */
    public static final int SECRET_LENGTH = 32;
    /** Number of base62 checksum characters. */
    public static final int CHECKSUM_LENGTH = 6;
    /** Number of secret characters that are part of the display prefix. */
    public static final int DISPLAY_SECRET_LENGTH = 6;
    /** Presented values longer than this are rejected before any other work. */
    public static final int MAX_PRESENTED_LENGTH = 128;
    /** Appended to a display prefix to show that the key goes on. */
    public static final String MASK = "…";

    private static final int BODY_LENGTH = SECRET_LENGTH + CHECKSUM_LENGTH;

    private final SecureRandom random;

    /** Uses a new {@link SecureRandom} with the platform's default algorithm. */
    public ApiKeyFormat() {
        this(new SecureRandom());
    }

    /**
     * @param random the randomness source for secrets (tests may pass a seeded one)
     */
    public ApiKeyFormat(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Generates a new key.
     *
     * @param prefix the tenant prefix (from {@link ApiKeyConfig#prefix()})
     * @return the key and its display prefix
     * @throws IllegalArgumentException when {@code prefix} does not satisfy {@link #isValidPrefix(String)}
     */
    public GeneratedApiKey generate(String prefix) {
        requireValidPrefix(prefix);
        String secret = Base62.random(random, SECRET_LENGTH);
        String key = prefix + secret + checksum(prefix, secret);
        return new GeneratedApiKey(key, prefix, prefix + secret.substring(0, DISPLAY_SECRET_LENGTH));
    }

    /**
     * Checks a presented value offline, in this order: size and characters, prefix grammar, length, checksum,
     * expected prefix. Never throws because of {@code presented} (any string, including null, huge or
     * non-ASCII values), does at most {@value #MAX_PRESENTED_LENGTH} character checks plus one CRC32, and uses
     * no regular expression. The value is not trimmed: transport whitespace is the caller's business.
     *
     * <p>The checksum is checked before the expected prefix, so {@link ApiKeyParseResult.WrongPrefix} means
     * "a genuine-looking key of another prefix" (another tenant's key, or a key made before the tenant changed
     * its prefix) rather than any junk with an underscore.
     *
     * @param presented the untrusted value, may be null
     * @param expectedPrefix the tenant's prefix (trusted configuration)
     * @return the verdict, never null
     * @throws IllegalArgumentException when {@code expectedPrefix} is not a valid prefix (a configuration bug)
     */
    public static ApiKeyParseResult parse(String presented, String expectedPrefix) {
        requireValidPrefix(expectedPrefix);
        if (presented == null || presented.isEmpty()) {
            return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.EMPTY);
        }
        int length = presented.length();
        if (length > MAX_PRESENTED_LENGTH) {
            return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.TOO_LONG);
        }
        int underscore = -1;
        for (int i = 0; i < length; i++) {
            char c = presented.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.INVALID_CHARACTER);
            }
            if (c == '_' && underscore < 0) {
                underscore = i;
            }
        }
        if (underscore < 0) {
            return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.MISSING_PREFIX);
        }
        String prefix = presented.substring(0, underscore + 1);
        if (!isValidPrefix(prefix)) {
            return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.INVALID_PREFIX);
        }
        if (length - prefix.length() != BODY_LENGTH) {
            return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.WRONG_LENGTH);
        }
        for (int i = prefix.length(); i < length; i++) {
            if (!Base62.isDigit(presented.charAt(i))) {
                return new ApiKeyParseResult.Malformed(ApiKeyParseResult.MalformedReason.INVALID_CHARACTER);
            }
        }
        int checksumStart = length - CHECKSUM_LENGTH;
        String secret = presented.substring(prefix.length(), checksumStart);
        if (!checksum(prefix, secret).equals(presented.substring(checksumStart))) {
            return new ApiKeyParseResult.BadChecksum();
        }
        if (!prefix.equals(expectedPrefix)) {
            return new ApiKeyParseResult.WrongPrefix(prefix);
        }
        return new ApiKeyParseResult.Valid(presented, prefix,
                prefix + secret.substring(0, DISPLAY_SECRET_LENGTH));
    }

    /**
     * Whether {@code prefix} matches {@code [a-z][a-z0-9]{1,11}_}: a lower-case ASCII letter, 1 to 11 lower-case
     * ASCII letters or digits, then {@code _}. Checked character by character (no regular expression).
     *
     * @param prefix candidate, may be null
     * @return whether it is a valid key prefix
     */
    public static boolean isValidPrefix(String prefix) {
        if (prefix == null || prefix.length() < MIN_PREFIX_LENGTH || prefix.length() > MAX_PREFIX_LENGTH) {
            return false;
        }
        int last = prefix.length() - 1;
        if (!isLowerAsciiLetter(prefix.charAt(0)) || prefix.charAt(last) != '_') {
            return false;
        }
        for (int i = 1; i < last; i++) {
            char c = prefix.charAt(i);
            if (!isLowerAsciiLetter(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The checksum part of a key.
     *
     * @param prefix the prefix
     * @param secret the secret
     * @return CRC32 of the UTF-8 bytes of {@code prefix + secret}, as {@value #CHECKSUM_LENGTH} base62 digits
     */
    public static String checksum(String prefix, String secret) {
        CRC32 crc = new CRC32();
        crc.update((prefix + secret).getBytes(StandardCharsets.UTF_8));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }

    /** @return the entropy of the secret part in bits: {@code SECRET_LENGTH * log2(62)} */
    public static double secretEntropyBits() {
        return SECRET_LENGTH * Math.log(Base62.RADIX) / Math.log(2);
    }

    /**
     * @param displayPrefix a display prefix
     * @return the masked form shown in key lists, e.g. {@code uss_Ab3dE9…}
     */
    public static String mask(String displayPrefix) {
        return displayPrefix + MASK;
    }

    private static void requireValidPrefix(String prefix) {
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("API key prefix must match [a-z][a-z0-9]{1,11}_");
        }
    }

    private static boolean isLowerAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
