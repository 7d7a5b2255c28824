package io.usso.keycloak.apikeys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server-side secret ("pepper") that {@link ApiKeyHasher} keys its HMAC with: at least
 * {@value #MIN_LENGTH} bytes, not all identical.
 *
 * <p>It is a server-wide setting (the same on every node), never a realm attribute: realm attributes are visible
 * to realm administrators and end up in realm exports. Changing it invalidates every stored key hash.
 *
 * <h2>Config value</h2>
 * Surrounding whitespace is ignored. {@code hex:<hex digits>} and {@code base64:<base64>} say the encoding
 * explicitly. Without a marker, a value made only of hex digits with an even length is read as hex, anything
 * else as base64 (standard or URL-safe alphabet, padding optional). Generate one with
 * {@code openssl rand -base64 32}. Error messages never contain the value or any part of it.
 */
public final class ApiKeyPepper {

    /** Minimum length in bytes (256 bits). */
    public static final int MIN_LENGTH = 32;
    /** Maximum length of a config value, in characters. */
    public static final int MAX_CONFIG_LENGTH = 4096;

    private static final String HEX_MARKER = "hex:";
    private static final String BASE64_MARKER = "base64:";

    private final byte[] bytes;

    private ApiKeyPepper(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the raw pepper (copied)
     * @return the pepper
     * @throws IllegalArgumentException when it is null, shorter than {@value #MIN_LENGTH} bytes or all its bytes
     *         are equal; the message gives the length only
     */
    public static ApiKeyPepper of(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("API key pepper is missing");
        }
        byte[] copy = bytes.clone();
        validate(copy);
        return new ApiKeyPepper(copy);
    }

    /**
     * Decodes a config value (see the class comment).
     *
     * @param configValue the value, may be null
     * @return the pepper
     * @throws IllegalArgumentException when the value is missing, not decodable, too short or not random;
     *         the message never contains the value
     */
    public static ApiKeyPepper parse(String configValue) {
        if (configValue == null || configValue.isBlank()) {
            throw new IllegalArgumentException("API key pepper is not configured: expected at least " + MIN_LENGTH
                    + " random bytes, base64- or hex-encoded (e.g. the output of `openssl rand -base64 32`)");
        }
        if (configValue.length() > MAX_CONFIG_LENGTH) {
            throw new IllegalArgumentException("API key pepper config value is longer than " + MAX_CONFIG_LENGTH
                    + " characters");
        }
        String value = configValue.strip();
        byte[] decoded;
        if (value.regionMatches(true, 0, HEX_MARKER, 0, HEX_MARKER.length())) {
            decoded = decodeHex(value.substring(HEX_MARKER.length()));
            if (decoded == null) {
                throw new IllegalArgumentException("API key pepper marked hex: is not valid hex "
                        + "(an even number of the characters 0-9, a-f, A-F)");
            }
        } else if (value.regionMatches(true, 0, BASE64_MARKER, 0, BASE64_MARKER.length())) {
            decoded = decodeBase64(value.substring(BASE64_MARKER.length()));
            if (decoded == null) {
                throw new IllegalArgumentException("API key pepper marked base64: is not valid base64");
            }
        } else {
            decoded = decodeHex(value);
            if (decoded == null) {
                decoded = decodeBase64(value);
            }
            if (decoded == null) {
                throw new IllegalArgumentException("API key pepper is neither valid hex nor valid base64");
            }
        }
        try {
            validate(decoded);
            return new ApiKeyPepper(decoded);
        } catch (IllegalArgumentException e) {
            Arrays.fill(decoded, (byte) 0);
            throw e;
        }
    }

    /** @return a copy of the raw bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the length in bytes */
    public int length() {
        return bytes.length;
    }

    /** @return the length only, never the bytes */
    @Override
    public String toString() {
        return "ApiKeyPepper[" + bytes.length + " bytes]";
    }

    private static void validate(byte[] candidate) {
        if (candidate.length < MIN_LENGTH) {
            throw new IllegalArgumentException("API key pepper is too short: it decodes to " + candidate.length
                    + " bytes, at least " + MIN_LENGTH + " are required (e.g. `openssl rand -base64 32`)");
        }
        boolean allEqual = true;
        for (byte b : candidate) {
            allEqual &= b == candidate[0];
        }
        if (allEqual) {
            throw new IllegalArgumentException("API key pepper is not random: all of its bytes are identical");
        }
    }

    /** @return the decoded bytes, or null when {@code text} is not an even-length run of hex digits */
    private static byte[] decodeHex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Character.digit(asciiOrInvalid(text.charAt(2 * i)), 16);
            int low = Character.digit(asciiOrInvalid(text.charAt(2 * i + 1)), 16);
            if (high < 0 || low < 0) {
                Arrays.fill(out, (byte) 0);
                return null;
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    /** Character.digit accepts non-ASCII digits (e.g. full-width); map those to an invalid character. */
    private static char asciiOrInvalid(char c) {
        return c < 0x80 ? c : 'x';
    }

    /** @return the decoded bytes, or null when {@code text} is not base64 (standard or URL-safe) */
    private static byte[] decodeBase64(String text) {
        if (text.isEmpty()) {
            return null;
        }
        byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
        boolean urlSafe = false;
        for (byte b : ascii) {
            urlSafe |= b == '-' || b == '_';
        }
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(ascii);
        } catch (IllegalArgumentException e) {
            // The JDK message names the offending character: do not propagate it.
            return null;
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }
}
