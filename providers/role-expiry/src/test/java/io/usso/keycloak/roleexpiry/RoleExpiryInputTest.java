package io.usso.keycloak.roleexpiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RoleExpiryInputTest {

    private static final long NOW = 1_800_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void expiresInIsAddedToNow() throws Exception {
        assertEquals(NOW + 5, RoleExpiryInput.expiresAt(json("{\"expires_in\": 5}"), NOW));
    }

    @Test
    void expiresAtIsTakenAsGiven() throws Exception {
        assertEquals(NOW + 3600, RoleExpiryInput.expiresAt(json("{\"expires_at\": " + (NOW + 3600) + "}"), NOW));
    }

    @Test
    void tenYearsIsTheLimit() throws Exception {
        assertEquals(NOW + RoleExpiryInput.MAX_SECONDS,
                RoleExpiryInput.expiresAt(json("{\"expires_in\": " + RoleExpiryInput.MAX_SECONDS + "}"), NOW));
        assertThrows(IllegalArgumentException.class, () -> RoleExpiryInput.expiresAt(
                json("{\"expires_in\": " + (RoleExpiryInput.MAX_SECONDS + 1) + "}"), NOW));
        assertThrows(IllegalArgumentException.class, () -> RoleExpiryInput.expiresAt(
                json("{\"expires_at\": " + (NOW + RoleExpiryInput.MAX_SECONDS + 1) + "}"), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"expires_in\": 5, \"expires_at\": 1900000000}", "{\"expires_in\": 0}",
        "{\"expires_in\": -5}", "{\"expires_in\": 1.5}", "{\"expires_in\": \"5\"}", "{\"expires_in\": true}",
        "{\"expires_at\": 1800000000}", "{\"expires_at\": 1}", "{\"expires_in\": 99999999999999999999999}",
        "{\"expires_at\": [1900000000]}", "{\"expires_in\": null, \"expires_at\": null}"})
    void badBodiesAreRefused(String body) {
        assertThrows(IllegalArgumentException.class, () -> RoleExpiryInput.expiresAt(json(body), NOW));
    }

    @Test
    void paging() {
        assertEquals(100, RoleExpiryInput.paging(null, 100, 1, 500));
        assertEquals(100, RoleExpiryInput.paging("", 100, 1, 500));
        assertEquals(7, RoleExpiryInput.paging("7", 100, 1, 500));
        for (String bad : new String[] {"-1", "abc", "1e9", "99999999999999999999", "0", "501", "\u0000", "٣"}) {
            assertThrows(IllegalArgumentException.class, () -> RoleExpiryInput.paging(bad, 100, 1, 500), bad);
        }
    }
}
