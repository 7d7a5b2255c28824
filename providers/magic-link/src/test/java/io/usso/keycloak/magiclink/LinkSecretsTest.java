package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LinkSecretsTest {

    @Test
    void generatedSecretsAre43Base64UrlCharactersAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = LinkSecrets.generate();
            assertEquals(LinkSecrets.LENGTH, secret.length());
            assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), secret);
            assertTrue(LinkSecrets.isWellFormed(secret));
            assertTrue(seen.add(secret), "repeated secret");
        }
    }

    @Test
    void malformedValuesAreRefusedBeforeAnyLookup() {
        String good = LinkSecrets.generate();
        assertFalse(LinkSecrets.isWellFormed(null));
        assertFalse(LinkSecrets.isWellFormed(""));
        assertFalse(LinkSecrets.isWellFormed(good.substring(1)));
        assertFalse(LinkSecrets.isWellFormed(good + "A"));
        assertFalse(LinkSecrets.isWellFormed(good.substring(1) + "="));
        assertFalse(LinkSecrets.isWellFormed(good.substring(1) + "+"));
        assertFalse(LinkSecrets.isWellFormed(good.substring(1) + " "));
        assertFalse(LinkSecrets.isWellFormed("../../../../etc/passwd/../../../../etc/passwd/x"));
    }

    @Test
    void hashIsSha256HexAndNeverTheSecret() {
        // SHA-256("abc") from FIPS 180-2
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", LinkSecrets.hash("abc"));
        String secret = LinkSecrets.generate();
        String hash = LinkSecrets.hash(secret);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(secret));
        assertNotEquals(hash, LinkSecrets.hash(LinkSecrets.generate()));
    }

    @Test
    void sameIsTrueOnlyForEqualNonNullValues() {
        assertTrue(LinkSecrets.same("abc", "abc"));
        assertFalse(LinkSecrets.same("abc", "abd"));
        assertFalse(LinkSecrets.same("abc", "abcd"));
        assertFalse(LinkSecrets.same(null, "abc"));
        assertFalse(LinkSecrets.same("abc", null));
        assertFalse(LinkSecrets.same(null, null));
    }

    @Test
    void addressesAreNormalisedForCountingAndLookups() {
        assertEquals("ali@example.org", LinkSecrets.normalizeAddress("  Ali@Example.ORG "));
        assertEquals(null, LinkSecrets.normalizeAddress(null));
    }
}
