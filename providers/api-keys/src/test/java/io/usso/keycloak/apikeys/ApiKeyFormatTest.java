package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import io.usso.keycloak.apikeys.ApiKeyParseResult.MalformedReason;
import io.usso.keycloak.apikeys.ApiKeyParseResult.Status;

class ApiKeyFormatTest {

    private static final Logger LOG = Logger.getLogger(ApiKeyFormatTest.class);
    private static final String USS = ApiKeyFormat.DEFAULT_PREFIX;
    /** Built by hand; checksum computed independently with Python's zlib.crc32. */
    private static final String KNOWN_KEY = "uss_0123456789ABCDEFGHIJKLMNOPQRSTUV2TJJJk";

    private final ApiKeyFormat format = new ApiKeyFormat(Base62Test.seeded(2026));

    @Test
    void generatedKeyHasTheDocumentedShape() {
        GeneratedApiKey generated = format.generate(USS);
        String key = generated.key();
        assertEquals(4 + 32 + 6, key.length());
        assertTrue(key.startsWith("uss_"));
        String body = key.substring(4);
        assertTrue(body.chars().allMatch(c -> Base62.isDigit((char) c)), "secret and checksum are base62");
        assertEquals(ApiKeyFormat.checksum(USS, body.substring(0, 32)), body.substring(32));
        assertEquals("uss_" + body.substring(0, 6), generated.displayPrefix());
        assertEquals(generated.displayPrefix() + "…", generated.masked());
        assertEquals(USS, generated.prefix());
        assertFalse(generated.toString().contains(body.substring(6)), "toString must not reveal the key");
    }

    @Test
    void roundTripsForPrefixesOfEveryLength() {
        for (String prefix : List.of("ab_", "uss_", "acme2_", "abcdefghijk1_")) {
            for (int i = 0; i < 500; i++) {
                GeneratedApiKey generated = format.generate(prefix);
                ApiKeyParseResult result = ApiKeyFormat.parse(generated.key(), prefix);
                ApiKeyParseResult.Valid valid = assertInstanceOf(ApiKeyParseResult.Valid.class, result);
                assertEquals(generated.key(), valid.key());
                assertEquals(prefix, valid.prefix());
                assertEquals(generated.displayPrefix(), valid.displayPrefix());
                assertTrue(valid.isValid());
                assertFalse(valid.toString().contains(generated.key().substring(prefix.length() + 6)));
            }
        }
    }

    @Test
    void knownAnswerChecksums() {
        assertEquals("2TJJJk", ApiKeyFormat.checksum("uss_", "0123456789ABCDEFGHIJKLMNOPQRSTUV"));
        assertEquals("0x4mn4", ApiKeyFormat.checksum("acme2_", "z".repeat(32)), "left-padded with '0'");
        assertEquals(Status.OK, ApiKeyFormat.parse(KNOWN_KEY, USS).status());
        assertEquals(Status.OK, ApiKeyFormat.parse("acme2_" + "z".repeat(32) + "0x4mn4", "acme2_").status());
    }

    @Test
    void checksumIsAlwaysSixBase62Characters() {
        for (int i = 0; i < 2_000; i++) {
            String key = format.generate(USS).key();
            String checksum = key.substring(key.length() - 6);
            assertEquals(6, checksum.length());
            assertTrue(Base62.decodeLong(checksum) <= 0xFFFFFFFFL);
        }
    }

    @Test
    void everySingleCharacterSubstitutionIsRejected() {
        String replacements = Base62.ALPHABET + "_-";
        int checked = 0;
        for (int k = 0; k < 200; k++) {
            String key = format.generate(USS).key();
            for (int pos = 0; pos < key.length(); pos++) {
                for (int r = 0; r < replacements.length(); r++) {
                    char replacement = replacements.charAt(r);
                    if (replacement == key.charAt(pos)) {
                        continue;
                    }
                    String typo = key.substring(0, pos) + replacement + key.substring(pos + 1);
                    ApiKeyParseResult result = ApiKeyFormat.parse(typo, USS);
                    assertFalse(result.isValid(), "substitution at " + pos + " accepted");
                    if (pos >= USS.length() && Base62.isDigit(replacement)) {
                        assertEquals(Status.BAD_CHECKSUM, result.status(), "a base62 typo is a checksum failure");
                    }
                    checked++;
                }
            }
        }
        assertEquals(200 * 42 * (replacements.length() - 1), checked);
    }

    @Test
    void adjacentAndNearTranspositionsAreAllDetected(TestReporter reporter) {
        for (int distance = 1; distance <= 2; distance++) {
            int transpositions = 0;
            int detected = 0;
            for (int k = 0; k < 1_000; k++) {
                String key = format.generate(USS).key();
                char[] chars = key.toCharArray();
                for (int pos = 0; pos + distance < chars.length; pos++) {
                    if (chars[pos] == chars[pos + distance]) {
                        continue;
                    }
                    char[] swapped = chars.clone();
                    swapped[pos] = chars[pos + distance];
                    swapped[pos + distance] = chars[pos];
                    transpositions++;
                    if (!ApiKeyFormat.parse(new String(swapped), USS).isValid()) {
                        detected++;
                    }
                }
            }
            double rate = (double) detected / transpositions;
            reporter.publishEntry("transposition-detection-distance-" + distance,
                    detected + "/" + transpositions + " = " + rate);
            LOG.infof("Transpositions of characters %d apart: %d of %d detected (rate %.6f)", distance, detected,
                    transpositions, rate);
            // CRC32 detects every burst error of at most 32 bits; swapping ASCII characters 1 or 2 apart is one.
            assertEquals(transpositions, detected, "undetected transpositions at distance " + distance);
        }
    }

    @Test
    void prefixGrammar() {
        for (String valid : List.of("uss_", "ab_", "a1_", "x9z_", "abcdefghijkl_", "a00000000000_")) {
            assertTrue(ApiKeyFormat.isValidPrefix(valid), valid);
        }
        List<String> invalid = new ArrayList<>(List.of("", "_", "a_", "1ab_", "_ab_", "Uss_", "uSs_", "uss", "uss-",
                "us_s_", "uss__", "abcdefghijklm_", "u s_", "u\u00DFs_", "\uFF55ss_", "uss_\n", "\u0430ss_"));
        invalid.add(null);
        for (String prefix : invalid) {
            assertFalse(ApiKeyFormat.isValidPrefix(prefix), String.valueOf(prefix));
        }
        assertEquals(3, ApiKeyFormat.MIN_PREFIX_LENGTH);
        assertEquals(13, ApiKeyFormat.MAX_PREFIX_LENGTH);
    }

    @Test
    void generateAndParseRejectAnInvalidConfiguredPrefix() {
        assertThrows(IllegalArgumentException.class, () -> format.generate("USS_"));
        assertThrows(IllegalArgumentException.class, () -> format.generate(null));
        assertThrows(IllegalArgumentException.class, () -> ApiKeyFormat.parse(KNOWN_KEY, "uss"));
    }

    @Test
    void parseDistinguishesEveryOutcome() {
        assertMalformed(null, MalformedReason.EMPTY);
        assertMalformed("", MalformedReason.EMPTY);
        assertMalformed("u".repeat(129), MalformedReason.TOO_LONG);
        assertMalformed(KNOWN_KEY + " ", MalformedReason.INVALID_CHARACTER);
        assertMalformed(" " + KNOWN_KEY, MalformedReason.INVALID_CHARACTER);
        assertMalformed(KNOWN_KEY.replace('A', '\u0410'), MalformedReason.INVALID_CHARACTER);
        assertMalformed("uss0123456789ABCDEFGHIJKLMNOPQRSTUV2TJJJk", MalformedReason.MISSING_PREFIX);
        assertMalformed(KNOWN_KEY.toUpperCase(), MalformedReason.INVALID_PREFIX);
        assertMalformed(KNOWN_KEY.substring(0, KNOWN_KEY.length() - 1), MalformedReason.WRONG_LENGTH);
        assertMalformed(KNOWN_KEY + "0", MalformedReason.WRONG_LENGTH);
        assertMalformed("uss_", MalformedReason.WRONG_LENGTH);
        assertMalformed(KNOWN_KEY.replace('A', '-'), MalformedReason.INVALID_CHARACTER);
        assertMalformed(KNOWN_KEY.replace('A', '_'), MalformedReason.INVALID_CHARACTER);

        String otherTenant = format.generate("acme_").key();
        ApiKeyParseResult wrongPrefix = ApiKeyFormat.parse(otherTenant, USS);
        assertEquals(new ApiKeyParseResult.WrongPrefix("acme_"), wrongPrefix);
        assertTrue(wrongPrefix.description().contains("acme_"));

        String typo = KNOWN_KEY.replace('B', 'b');
        assertEquals(new ApiKeyParseResult.BadChecksum(), ApiKeyFormat.parse(typo, USS));
        assertEquals(Status.BAD_CHECKSUM, ApiKeyFormat.parse(otherTenant.replace("acme_", "acmf_"), USS).status(),
                "the prefix is covered by the checksum");
    }

    @Test
    void descriptionsNeverContainTheKey() {
        String key = format.generate(USS).key();
        String secretPart = key.substring(USS.length() + ApiKeyFormat.DISPLAY_SECRET_LENGTH);
        List<String> presented = List.of(key, key + "x", key.replace(key.charAt(10), '-'), key.substring(1),
                format.generate("zz_").key());
        for (String value : presented) {
            ApiKeyParseResult result = ApiKeyFormat.parse(value, USS);
            assertFalse(result.description().contains(secretPart), result.status().toString());
            assertFalse(result.toString().contains(secretPart), result.status().toString());
        }
    }

    @Test
    void secretEntropy() {
        double bits = ApiKeyFormat.secretEntropyBits();
        assertTrue(bits >= 190, "entropy " + bits);
        double afterDisplayPrefix = (ApiKeyFormat.SECRET_LENGTH - ApiKeyFormat.DISPLAY_SECRET_LENGTH)
                * Math.log(62) / Math.log(2);
        assertTrue(afterDisplayPrefix >= 128, "entropy left once the display prefix is known: " + afterDisplayPrefix);
    }

    @Test
    void tenThousandKeysAreDistinctAndUseTheWholeAlphabetAtEveryPosition() {
        ApiKeyFormat production = new ApiKeyFormat();
        Set<String> keys = new HashSet<>();
        List<Set<Character>> seen = new ArrayList<>();
        for (int i = 0; i < ApiKeyFormat.SECRET_LENGTH; i++) {
            seen.add(new HashSet<>());
        }
        for (int i = 0; i < 10_000; i++) {
            String key = production.generate(USS).key();
            assertTrue(keys.add(key), "duplicate key");
            for (int pos = 0; pos < ApiKeyFormat.SECRET_LENGTH; pos++) {
                seen.get(pos).add(key.charAt(USS.length() + pos));
            }
        }
        for (int pos = 0; pos < seen.size(); pos++) {
            assertEquals(62, seen.get(pos).size(), "secret position " + pos + " did not use every base62 digit");
        }
    }

    @Test
    void differentFormatInstancesDoNotRepeatEachOther() {
        assertNotEquals(new ApiKeyFormat().generate(USS).key(), new ApiKeyFormat().generate(USS).key());
    }

    private static void assertMalformed(String presented, MalformedReason reason) {
        ApiKeyParseResult result = ApiKeyFormat.parse(presented, USS);
        assertEquals(new ApiKeyParseResult.Malformed(reason), result,
                "for " + (presented == null ? "null" : presented.length() + " chars"));
        assertEquals(Status.MALFORMED, result.status());
        assertEquals(reason.description(), result.description());
    }
}
