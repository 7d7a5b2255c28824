package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Base62Test {

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void encodesKnownNumbers() {
        assertEquals("0", Base62.encode(0));
        assertEquals("z", Base62.encode(61));
        assertEquals("10", Base62.encode(62));
        assertEquals("zz", Base62.encode(3843));
        assertEquals("100", Base62.encode(3844));
        assertEquals("000000", Base62.encode(0, 6));
        assertEquals("4gfFC3", Base62.encode(0xFFFFFFFFL, 6), "largest CRC32 fits in six digits");
        assertEquals("AzL8n0Y58m7", Base62.encode(Long.MAX_VALUE));
    }

    @Test
    void decodeInvertsEncode() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() & Long.MAX_VALUE;
            assertEquals(value, Base62.decodeLong(Base62.encode(value)));
            assertEquals(value, Base62.decodeLong(Base62.encode(value, 14)));
        }
        assertEquals(Long.MAX_VALUE, Base62.decodeLong(Base62.encode(Long.MAX_VALUE)));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> Base62.encode(-1));
        assertThrows(IllegalArgumentException.class, () -> Base62.encode(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Base62.decodeLong(""));
        assertThrows(IllegalArgumentException.class, () -> Base62.decodeLong(null));
        assertThrows(IllegalArgumentException.class, () -> Base62.decodeLong("ab-c"));
        assertThrows(IllegalArgumentException.class, () -> Base62.decodeLong("AzL8n0Y58m8"), "Long.MAX_VALUE + 1");
        assertThrows(IllegalArgumentException.class, () -> Base62.random(new SecureRandom(), -1));
    }

    @Test
    void encodesBytesKeepingLeadingZeros() {
        assertEquals("", Base62.encode(new byte[0]));
        assertEquals("00", Base62.encode(new byte[2]));
        assertEquals("00HBL", Base62.encode(new byte[] {0, 0, 1, 2, 3}));
        byte[] oneTo32 = new byte[32];
        for (int i = 0; i < 32; i++) {
            oneTo32[i] = (byte) (i + 1);
        }
        // independently computed (Python big-integer arithmetic)
        assertEquals("Eoh211G4c8wtVWM00my5rsNSFlKgaWqQ4mb8gdEqno", Base62.encode(oneTo32));
        assertEquals(Base62.encode(255L), Base62.encode(new byte[] {(byte) 0xFF}), "bytes are unsigned");
    }

    @Test
    void exactlySixtyTwoCharactersAreDigits() {
        int digits = 0;
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            if (Base62.isDigit((char) c)) {
                digits++;
                assertEquals((char) c, Base62.ALPHABET.charAt(Base62.digitValue((char) c)));
            }
        }
        assertEquals(62, digits);
        assertEquals(-1, Base62.digitValue('\uFF11'), "full-width digit one");
        assertEquals(-1, Base62.digitValue('\u0661'), "Arabic-Indic digit one");
    }

    @Test
    void randomDigitsAreUniformWithoutModuloBias() {
        int perDigit = 10_000;
        String digits = Base62.random(seeded(42), 62 * perDigit);
        int[] counts = new int[62];
        for (int i = 0; i < digits.length(); i++) {
            counts[Base62.digitValue(digits.charAt(i))]++;
        }
        // sigma = sqrt(n p (1-p)) ~ 99; a plain "byte % 62" would give the first 8 digits ~ +2400.
        for (int d = 0; d < 62; d++) {
            assertTrue(Math.abs(counts[d] - perDigit) < 800,
                    "digit " + Base62.ALPHABET.charAt(d) + " drawn " + counts[d] + " times");
        }
        assertEquals("", Base62.random(seeded(1), 0));
    }
}
