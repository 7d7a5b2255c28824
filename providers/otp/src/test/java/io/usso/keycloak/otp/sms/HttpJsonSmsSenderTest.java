package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpJsonSmsSenderTest {

    @Test
    void headersAreParsedLineByLine() throws Exception {
        Map<String, String> headers = HttpJsonSmsSender.parseHeaders(
                "# comment\nAuthorization: Bearer ${vault.sms_token}\n\n X-Tenant : acme \r\nX-Empty:\n");
        assertEquals(List.of("Authorization", "X-Tenant", "X-Empty"), List.copyOf(headers.keySet()));
        assertEquals("Bearer ${vault.sms_token}", headers.get("Authorization"));
        assertEquals("acme", headers.get("X-Tenant"));
        assertEquals("", headers.get("X-Empty"));
        assertTrue(HttpJsonSmsSender.parseHeaders(null).isEmpty());
    }

    @Test
    void malformedOrDangerousHeadersAreRefused() {
        for (String bad : new String[] {"no colon", ": value", "Bad Name: x", "Host: evil.example",
                "Content-Length: 0", "X\u0000: y"}) {
            assertEquals("not_configured", assertThrows(SmsSendException.class,
                    () -> HttpJsonSmsSender.parseHeaders(bad), bad).reason(), bad);
        }
    }
}
