package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QrSecretsTest {

    @Test
    void codesCarryAtLeast128BitsAndAreUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = QrSecrets.newCode();
            assertTrue(QrSecrets.isCode(code), code);
            assertTrue(code.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + code);
            assertTrue(Base64.getUrlDecoder().decode(code).length * 8 >= 128, "entropy of " + code);
            assertTrue(seen.add(code), "duplicate code");
        }
    }

    @Test
    void codeBitsAreBalanced() {
        // a broken generator (constant bytes, low bits only) would skew this far beyond 2%
        long ones = 0;
        long bits = 0;
        for (int i = 0; i < 2_000; i++) {
            for (byte b : Base64.getUrlDecoder().decode(QrSecrets.newCode())) {
                ones += Integer.bitCount(b & 0xff);
                bits += 8;
            }
        }
        assertEquals(0.5, (double) ones / bits, 0.02);
    }

    @Test
    void tokensAre256Bits() {
        String token = QrSecrets.newToken();
        assertTrue(QrSecrets.isToken(token));
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertFalse(QrSecrets.isToken(QrSecrets.newCode()), "a code is not a token");
        assertFalse(QrSecrets.isCode(token), "a token is not a code");
        assertFalse(QrSecrets.isToken(null));
        assertFalse(QrSecrets.isCode("../../etc/passwd"));
        assertFalse(QrSecrets.isToken(token + "="));
    }

    @Test
    void shortCodesUseTheUnambiguousAlphabetEvenly() {
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String code = QrSecrets.newShortCode();
            assertEquals(QrSecrets.SHORT_CODE_LENGTH, code.length());
            for (char c : code.toCharArray()) {
                assertTrue(QrSecrets.SHORT_CODE_ALPHABET.indexOf(c) >= 0, "unexpected " + c);
                counts.merge(c, 1, Integer::sum);
            }
        }
        for (char ambiguous : "0O1IL".toCharArray()) {
            assertFalse(QrSecrets.SHORT_CODE_ALPHABET.indexOf(ambiguous) >= 0, "ambiguous " + ambiguous);
        }
        assertEquals(QrSecrets.SHORT_CODE_ALPHABET.length(), counts.size(), "every symbol is used");
        double expected = 20_000.0 * 8 / QrSecrets.SHORT_CODE_ALPHABET.length();
        counts.forEach((c, n) -> assertEquals(expected, n, expected * 0.1, "symbol " + c));
    }

    @Test
    void typedShortCodesAreNormalized() {
        assertEquals("K7MQ2XPA", QrSecrets.normalizeShortCode("k7mq-2xpa"));
        assertEquals("K7MQ2XPA", QrSecrets.normalizeShortCode(" K7MQ 2XPA "));
        assertEquals("K7MQ-2XPA", QrSecrets.displayShortCode("K7MQ2XPA"));
        assertNull(QrSecrets.normalizeShortCode("K7MQ2XP"), "too short");
        assertNull(QrSecrets.normalizeShortCode("K7MQ2XPAA"), "too long");
        assertNull(QrSecrets.normalizeShortCode("K7MQ2XP0"), "zero is not in the alphabet");
        assertNull(QrSecrets.normalizeShortCode("K7MQ2XPÄ"));
        assertNull(QrSecrets.normalizeShortCode(null));
        assertNull(QrSecrets.normalizeShortCode("A".repeat(1000)));
    }

    @Test
    void secretsAreComparedByHash() {
        String secret = QrSecrets.newToken();
        String stored = QrSecrets.hash(secret);
        assertEquals(64, stored.length());
        assertFalse(stored.contains(secret));
        assertTrue(QrSecrets.matches(secret, stored));
        assertFalse(QrSecrets.matches(QrSecrets.newToken(), stored));
        assertFalse(QrSecrets.matches(null, stored));
        assertFalse(QrSecrets.matches(secret, null));
    }

    @Test
    void s256IsThePkceChallengeOfRfc7636() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                QrSecrets.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
