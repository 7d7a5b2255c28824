package io.usso.keycloak.apikeys;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Base62 with the alphabet {@value #ALPHABET} (digits, then upper case, then lower case, so encoded numbers of
 * equal width sort in numeric order in ASCII).
 *
 * <p>Every method is linear in its input and uses no regular expression.
 */
public final class Base62 {

    /** The 62 digits, in value order. */
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** The radix, 62. */
    public static final int RADIX = 62;

    private static final BigInteger BIG_RADIX = BigInteger.valueOf(RADIX);

    /** Largest byte value (exclusive) accepted by the rejection sampling in {@link #random}: 4 * 62. */
    private static final int UNBIASED_BYTE_LIMIT = (256 / RADIX) * RADIX;

    private Base62() {
    }

    /**
     * @param c any character
     * @return whether {@code c} is one of the 62 ASCII digits (full-width or other Unicode digits are not)
     */
    public static boolean isDigit(char c) {
        return digitValue(c) >= 0;
    }

    /**
     * @param c any character
     * @return the value 0..61 of {@code c}, or -1 when it is not a base62 digit
     */
    public static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }

    /**
     * Encodes a non-negative number with the fewest digits ({@code 0} is {@code "0"}).
     *
     * @param value a number &ge; 0
     * @return its base62 digits
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public static String encode(long value) {
        return encode(value, 1);
    }

    /**
     * Encodes a non-negative number, left-padded with {@code '0'} to exactly {@code width} digits.
     *
     * @param value a number &ge; 0
     * @param width the number of digits, &ge; 1
     * @return exactly {@code width} digits, or more when the value needs more
     * @throws IllegalArgumentException when {@code value} is negative or {@code width} &lt; 1
     */
    public static String encode(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("Base62 encodes non-negative numbers only");
        }
        if (width < 1) {
            throw new IllegalArgumentException("Base62 width must be at least 1");
        }
        StringBuilder reversed = new StringBuilder(Math.max(width, 11));
        long rest = value;
        do {
            reversed.append(ALPHABET.charAt((int) (rest % RADIX)));
            rest /= RADIX;
        } while (rest > 0);
        while (reversed.length() < width) {
            reversed.append('0');
        }
        return reversed.reverse().toString();
    }

    /**
     * Encodes bytes read as one unsigned big-endian number. As in Bitcoin's base58, every leading zero byte
     * becomes one leading {@code '0'}, so distinct byte arrays always have distinct encodings.
     *
     * @param bytes the bytes, not null; an empty array encodes as {@code ""}
     * @return the base62 digits
     */
    public static String encode(byte[] bytes) {
        int leadingZeros = 0;
        while (leadingZeros < bytes.length && bytes[leadingZeros] == 0) {
            leadingZeros++;
        }
        StringBuilder reversed = new StringBuilder(bytes.length * 4 / 3 + 2);
        BigInteger rest = new BigInteger(1, bytes);
        while (rest.signum() > 0) {
            BigInteger[] quotientAndRemainder = rest.divideAndRemainder(BIG_RADIX);
            reversed.append(ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            rest = quotientAndRemainder[0];
        }
        for (int i = 0; i < leadingZeros; i++) {
            reversed.append('0');
        }
        return reversed.reverse().toString();
    }

    /**
     * Decodes base62 digits into a number (the inverse of {@link #encode(long, int)}; leading zeros are
     * allowed).
     *
     * @param digits 1 to 64 base62 digits
     * @return the value
     * @throws IllegalArgumentException when {@code digits} is empty, too long, holds a non-digit or overflows
     *         a {@code long}
     */
    public static long decodeLong(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 64) {
            throw new IllegalArgumentException("Base62 number must have 1 to 64 digits");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digitValue(digits.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("Base62 number holds a character outside [0-9A-Za-z]");
            }
            if (value > (Long.MAX_VALUE - digit) / RADIX) {
                throw new IllegalArgumentException("Base62 number does not fit in a long");
            }
            value = value * RADIX + digit;
        }
        return value;
    }

    /**
     * Draws {@code length} independent, uniformly distributed base62 digits (log2(62) &asymp; 5.954 bits each).
     * Random bytes of 248 or more are discarded (rejection sampling), so there is no modulo bias.
     *
     * @param random the source, normally a shared {@link SecureRandom} (thread-safe)
     * @param length number of digits, &ge; 0
     * @return the digits
     */
    public static String random(SecureRandom random, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        char[] out = new char[length];
        byte[] buffer = new byte[length + 8];
        int filled = 0;
        while (filled < length) {
            random.nextBytes(buffer);
            for (int i = 0; i < buffer.length && filled < length; i++) {
                int b = buffer[i] & 0xFF;
                if (b < UNBIASED_BYTE_LIMIT) {
                    out[filled++] = ALPHABET.charAt(b % RADIX);
                }
            }
        }
        String digits = new String(out);
        Arrays.fill(out, '\0');
        Arrays.fill(buffer, (byte) 0);
        return digits;
    }
}
