package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.apikeys.ApiKeyParseResult.Status;

/** {@link ApiKeyFormat#parse} on hostile input: it must answer, quickly, and never accept junk. */
class ApiKeyParseFuzzTest {

    private static final String USS = ApiKeyFormat.DEFAULT_PREFIX;

    private final Random random = new Random(0x5EED);
    private final ApiKeyFormat format = new ApiKeyFormat(Base62Test.seeded(99));

    @Test
    void randomBytesDecodedAsLatin1AndUtf8() {
        for (int i = 0; i < 4_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertRejected(new String(bytes, StandardCharsets.ISO_8859_1));
            assertRejected(new String(bytes, StandardCharsets.UTF_8));
            // the same junk behind a genuine-looking prefix
            assertRejected(USS + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void randomBase62BodiesOfTheRightLengthFailTheChecksum() {
        int badChecksum = 0;
        for (int i = 0; i < 4_000; i++) {
            ApiKeyParseResult result = ApiKeyFormat.parse(USS + Base62.random(Base62Test.seeded(i), 38), USS);
            assertFalse(result.isValid());
            if (result.status() == Status.BAD_CHECKSUM) {
                badChecksum++;
            }
        }
        assertEquals(4_000, badChecksum);
    }

    @Test
    void mutatedKeysAreNeverAcceptedUnlessUnchanged() {
        String alphabet = Base62.ALPHABET + "_- \t\n\0\u00A0\u200F\u202E\uFEFF\uFF10\u0660\u00E9\uD83D\uDE00\uD800\uDFFF";
        for (int i = 0; i < 5_000; i++) {
            String key = format.generate(USS).key();
            StringBuilder mutated = new StringBuilder(key);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int pos = random.nextInt(mutated.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0:
                        mutated.insert(pos, c);
                        break;
                    case 1:
                        if (pos < mutated.length()) {
                            mutated.deleteCharAt(pos);
                        }
                        break;
                    default:
                        if (pos < mutated.length()) {
                            mutated.setCharAt(pos, c);
                        }
                }
            }
            ApiKeyParseResult result = parse(mutated.toString());
            if (result.isValid()) {
                assertEquals(key, mutated.toString(), "a mutated key was accepted");
            }
        }
    }

    @Test
    void nastyInputs() {
        String key = format.generate(USS).key();
        List<String> nasty = new ArrayList<>(List.of(
                "", " ", "\0", "_", "__", USS, USS + USS, "\uD800", "\uDC00" + key, key + "\uD800",
                "\u202E" + key, key + "\n", key + "\r\n", "\t" + key, key + "\0", key.replace('_', '\uFF3F'),
                key.toUpperCase(), key.replace(key.charAt(5), '\uFF10'), key.replace(key.charAt(5), '\u0661'),
                key.substring(0, 41) + "\u00E9", "_".repeat(127), "a_".repeat(64), "a".repeat(128),
                "uss_" + "=".repeat(38), "uss_" + "%00".repeat(12) + "ab", "${jndi:ldap://x}", "' OR 1=1 --",
                "uss_\uD83D\uDE00" + key.substring(6), key.substring(0, 4) + key.substring(4).toLowerCase()));
        nasty.add(null);
        for (String value : nasty) {
            ApiKeyParseResult result = parse(value);
            assertFalse(result.isValid(), "accepted nasty input of length " + (value == null ? -1 : value.length()));
        }
    }

    @Test
    void hugeAndPathologicalInputsAreRejectedInConstantTime() {
        String tenMegabytes = "a".repeat(10_000_000);
        String almostAKey = format.generate(USS).key() + "a".repeat(10_000_000);
        String underscores = "_".repeat(10_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                assertEquals(Status.MALFORMED, ApiKeyFormat.parse(tenMegabytes, USS).status());
                assertEquals(Status.MALFORMED, ApiKeyFormat.parse(almostAKey, USS).status());
                assertEquals(Status.MALFORMED, ApiKeyFormat.parse(underscores, USS).status());
            }
        });
    }

    private static ApiKeyParseResult parse(String value) {
        ApiKeyParseResult result = ApiKeyFormat.parse(value, USS);
        assertNotNull(result);
        assertNotNull(result.status());
        assertNotNull(result.description());
        return result;
    }

    private static void assertRejected(String value) {
        assertFalse(parse(value).isValid(), "random input accepted");
    }
}
