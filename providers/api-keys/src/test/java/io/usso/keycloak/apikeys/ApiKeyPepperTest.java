package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeyPepperTest {

    private static final byte[] RAW = ApiKeyHasherTest.pepperBytes(0);

    @Test
    void readsBase64AndHexInEveryAcceptedSpelling() {
        String hex = HexFormat.of().formatHex(RAW);
        String base64 = Base64.getEncoder().encodeToString(RAW);
        assertEquals("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", base64);
        for (String value : List.of(base64, base64.replace("=", ""), "  " + base64 + "\n", hex, hex.toUpperCase(),
                "hex:" + hex, "HEX:" + hex, "base64:" + base64)) {
            assertArrayEquals(RAW, ApiKeyPepper.parse(value).bytes(), value);
        }
        byte[] urlSafe = ApiKeyHasherTest.pepperBytes(200);
        assertArrayEquals(urlSafe, ApiKeyPepper.parse("yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc=").bytes());
    }

    @Test
    void unmarkedHexDigitsAreReadAsHexAndTheMarkerForcesBase64() {
        String digits = "0123456789abcdef".repeat(4);
        assertEquals(32, ApiKeyPepper.parse(digits).length());
        assertEquals(48, ApiKeyPepper.parse("base64:" + digits).length());
    }

    @Test
    void tooShortIsRejectedWithTheLengthButNotTheValue() {
        String sixteenBytes = "q3N1p0Zk9vR2cX7yLm4TgA==";
        assertRejected(sixteenBytes, "16 bytes");
        assertRejected("hex:" + "a1b2c3d4".repeat(7), "28 bytes");
    }

    @Test
    void undecodableValuesAreRejectedWithoutEchoingThem() {
        assertRejected("correct horse battery staple!!", "neither valid hex nor valid base64");
        assertRejected("hex:zzzz1234zzzz1234zzzz1234zzzz1234", "not valid hex");
        assertRejected("hex:abc", "not valid hex");
        assertRejected("base64:***secret-looking-value***", "not valid base64");
        assertRejected("\uFF10\uFF11".repeat(32), "neither valid hex nor valid base64");
    }

    @Test
    void missingBlankOverlongAndNonRandomValuesAreRejected() {
        assertRejected(null, "not configured");
        assertRejected("   ", "not configured");
        assertRejected("A".repeat(ApiKeyPepper.MAX_CONFIG_LENGTH + 1), "longer than");
        assertRejected("00".repeat(32), "not random");
        assertRejected("hex:" + "7f".repeat(40), "not random");
        assertThrows(IllegalArgumentException.class, () -> ApiKeyPepper.of(null));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] input = RAW.clone();
        ApiKeyPepper pepper = ApiKeyPepper.of(input);
        input[0] = 42;
        byte[] out = pepper.bytes();
        out[1] = 42;
        assertArrayEquals(RAW, pepper.bytes());
    }

    @Test
    void toStringShowsTheLengthOnly() {
        assertEquals("ApiKeyPepper[32 bytes]", ApiKeyPepper.of(RAW).toString());
    }

    private static void assertRejected(String value, String expectedFragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeyPepper.parse(value));
        String message = e.getMessage();
        assertTrue(message.contains(expectedFragment), message);
        assertEquals(null, e.getCause(), "the JDK decoder's message (which names a character) is not chained");
        if (value != null) {
            for (String fragment : fragments(value.strip())) {
                assertFalse(message.contains(fragment), "message echoes part of the value: " + message);
            }
        }
    }

    /** Every 8-character window of the value, minus the encoding markers. */
    private static List<String> fragments(String value) {
        String body = value.replaceFirst("^(?i)(hex|base64):", "");
        List<String> fragments = new ArrayList<>();
        for (int i = 0; i + 8 <= body.length(); i++) {
            fragments.add(body.substring(i, i + 8));
        }
        return fragments;
    }
}
