package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class ApiKeyHasherTest {

    private static final String KEY = "uss_0123456789ABCDEFGHIJKLMNOPQRSTUV2TJJJk";

    static byte[] pepperBytes(int offset) {
        byte[] pepper = new byte[32];
        for (int i = 0; i < pepper.length; i++) {
            pepper[i] = (byte) (i + offset);
        }
        return pepper;
    }

    private final ApiKeyHasher hasher = new ApiKeyHasher(pepperBytes(0));

    @Test
    void knownAnswer() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepperBytes(0), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(KEY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, hasher.hash(KEY));
        // the same value computed outside the JVM (Python hmac/hashlib)
        assertEquals("65591758f6d827e6c99334f3f64d60a7f1b9285d1ef210208388fcdd2f00c3ef", hasher.hash(KEY));
    }

    @Test
    void hashIsSixtyFourLowerCaseHexCharacters() {
        String hash = hasher.hash(new ApiKeyFormat().generate("uss_").key());
        assertEquals(ApiKeyHasher.HASH_HEX_LENGTH, hash.length());
        assertTrue(hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')), hash);
    }

    @Test
    void differentPeppersAndDifferentKeysGiveDifferentHashes() {
        ApiKeyHasher other = new ApiKeyHasher(pepperBytes(1));
        assertNotEquals(hasher.hash(KEY), other.hash(KEY));
        assertFalse(other.matches(KEY, hasher.hash(KEY)));
        assertNotEquals(hasher.hash(KEY), hasher.hash(KEY.replace('A', 'a')));
        assertEquals(hasher.hash(KEY), new ApiKeyHasher(pepperBytes(0)).hash(KEY), "deterministic");
    }

    @Test
    void matchesOnlyTheRightKeyAndHash() {
        String stored = hasher.hash(KEY);
        assertTrue(hasher.matches(KEY, stored));
        assertTrue(hasher.matches(KEY, stored.toUpperCase()), "hex case does not matter");
        assertFalse(hasher.matches(KEY.replace('A', 'a'), stored));
        assertFalse(hasher.matches(KEY + " ", stored));
        assertFalse(hasher.matches(null, stored));
        assertFalse(hasher.matches(KEY, null));
        assertFalse(hasher.matches(KEY, ""));
        assertFalse(hasher.matches(KEY, stored.substring(1)));
        assertFalse(hasher.matches(KEY, stored + "0"));
        assertFalse(hasher.matches(KEY, "g" + stored.substring(1)), "non-hex stored value");
        assertFalse(hasher.matches(KEY, "\uFF10" + stored.substring(1)));
        assertFalse(hasher.matches("\uD800 junk \0", stored), "junk presented value does not throw");
    }

    @Test
    void everySingleHexDigitChangeInTheStoredHashIsAMismatch() {
        String stored = hasher.hash(KEY);
        for (int pos = 0; pos < stored.length(); pos++) {
            char original = stored.charAt(pos);
            char changed = original == '0' ? '1' : '0';
            String tampered = stored.substring(0, pos) + changed + stored.substring(pos + 1);
            assertFalse(hasher.matches(KEY, tampered), "position " + pos);
        }
    }

    @Test
    void pepperShorterThan32BytesIsRejectedWithoutEchoingIt() {
        byte[] shortPepper = "0123456789abcdefghijklmnopqrstu".getBytes(StandardCharsets.US_ASCII);
        assertEquals(31, shortPepper.length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ApiKeyHasher(shortPepper));
        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
        assertFalse(e.getMessage().contains("0123456789"), e.getMessage());
        assertFalse(e.getMessage().contains(HexFormat.of().formatHex(shortPepper).substring(0, 16)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ApiKeyHasher((byte[]) null));
        assertThrows(IllegalArgumentException.class, () -> new ApiKeyHasher(new byte[64]), "all zero");
    }

    @Test
    void laterChangesToTheCallersPepperArrayHaveNoEffect() {
        byte[] pepper = pepperBytes(0);
        ApiKeyHasher copy = new ApiKeyHasher(pepper);
        pepper[0] ^= 1;
        assertEquals(hasher.hash(KEY), copy.hash(KEY));
    }

    @Test
    void toStringRevealsNothing() {
        assertEquals("ApiKeyHasher[HmacSHA256]", hasher.toString());
    }

    @Test
    void safeToShareBetweenThreads() throws Exception {
        String expected = hasher.hash(KEY);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!expected.equals(hasher.hash(KEY)) || !hasher.matches(KEY, expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
