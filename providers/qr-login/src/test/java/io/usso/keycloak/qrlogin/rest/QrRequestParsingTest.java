package io.usso.keycloak.qrlogin.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the mobile API and the status endpoint accept. */
class QrRequestParsingTest {

    private static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theNumberIsATwoDigitJsonNumberOrString() {
        assertEquals(42, QrMobileApi.number(body("{\"number\": 42}")));
        assertEquals(42, QrMobileApi.number(body("{\"number\": \"42\", \"extra\": true}")));
        for (String bad : new String[] {"", "null", "[]", "{}", "{\"number\": null}", "{\"number\": 7}",
                "{\"number\": 100}", "{\"number\": 42.5}", "{\"number\": \"4 2\"}", "{\"number\": 1e400}",
                "{\"number\": 99999999999}", "not json", "{\"number\": 42"}) {
            assertThrows(IllegalArgumentException.class, () -> QrMobileApi.number(body(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> QrMobileApi.number(null));
    }

    @Test
    void hugeBodiesAreRefusedWithoutReadingThemWhole() {
        String huge = "{\"number\": 42, \"pad\": \"" + "x".repeat(QrMobileApi.MAX_BODY) + "\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QrMobileApi.number(body(huge)));
        assertEquals("Request body too large", e.getMessage());
    }

    @Test
    void statusParametersAreNonNegativeIntegersClampedToTheMaximum() {
        assertEquals(0, QrStatusEndpoint.parse(null, 0, 10));
        assertEquals(3, QrStatusEndpoint.parse(" 3 ", 0, 10));
        assertEquals(10, QrStatusEndpoint.parse("3600", 0, 10));
        assertEquals(-1, QrStatusEndpoint.parse("-1", 0, 10));
        assertEquals(-1, QrStatusEndpoint.parse("soon", 0, 10));
        assertEquals(-1, QrStatusEndpoint.parse("1".repeat(30), 0, 10));
    }
}
