package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.common.UssoScopes;

class ApiKeyRequestsTest {

    private static ApiKeyRequestException fails(String body) {
        return assertThrows(ApiKeyRequestException.class, () -> ApiKeyRequests.parseCreate(body));
    }

    @Test
    void parsesValidCreateRequest() {
        ApiKeyRequests.CreateRequest r = ApiKeyRequests.parseCreate(
                "{\"name\":\" ci key \",\"scopes\":[\"read:media/files\"],\"expires_in_days\":30,\"extra\":1}");
        assertEquals("ci key", r.name());
        assertEquals("[read:media/files]", UssoScopes.toStrings(r.scopes()).toString());
        assertEquals(30, r.expiresInDays());
    }

    @Test
    void expiresInDaysIsOptional() {
        assertNull(ApiKeyRequests.parseCreate("{\"name\":\"k\",\"scopes\":[\"read:a\"]}").expiresInDays());
        assertNull(ApiKeyRequests.parseCreate("{\"name\":\"k\",\"scopes\":[\"read:a\"],\"expires_in_days\":null}")
                .expiresInDays());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{", "[]", "\"x\"", "42", "null", "{\"name\":\"k\"",
        "{\"name\":\"k\",\"scopes\":[\"read:a\"]} trailing?"})
    void rejectsNonObjectsAsInvalidRequest(String body) {
        assertEquals(ApiKeyRequests.INVALID_REQUEST, fails(body).error());
    }

    @Test
    void duplicateKeysAreRejected() {
        assertEquals(ApiKeyRequests.INVALID_REQUEST, assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyRequests.presentedKey("{\"api_key\":\"a\",\"api_key\":\"b\"}", null)).error());
    }

    @Test
    void jsonErrorsDoNotEchoInput() {
        ApiKeyRequestException e = fails("{\"name\": uss_SECRETVALUE}");
        assertEquals(ApiKeyRequests.INVALID_REQUEST, e.error());
        assertFalse(e.getMessage().contains("SECRET"));
    }

    @Test
    void nameRules() {
        assertEquals(ApiKeyRequests.INVALID_REQUEST, fails("{\"scopes\":[\"read:a\"]}").error());
        assertEquals(ApiKeyRequests.INVALID_REQUEST, fails("{\"name\":5,\"scopes\":[\"read:a\"]}").error());
        assertEquals(ApiKeyRequests.INVALID_REQUEST, fails("{\"name\":\"  \",\"scopes\":[\"read:a\"]}").error());
        assertEquals(ApiKeyRequests.INVALID_REQUEST,
                fails("{\"name\":\"a\\u0000b\",\"scopes\":[\"read:a\"]}").error());
        assertEquals(ApiKeyRequests.INVALID_REQUEST,
                fails("{\"name\":\"" + "x".repeat(256) + "\",\"scopes\":[\"read:a\"]}").error());
        assertEquals(255, ApiKeyRequests.parseCreate("{\"name\":\"" + "x".repeat(255) + "\",\"scopes\":[\"read:a\"]}")
                .name().length());
    }

    @Test
    void scopeRules() {
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, fails("{\"name\":\"k\"}").error());
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, fails("{\"name\":\"k\",\"scopes\":[]}").error());
        assertEquals(ApiKeyRequestException.INVALID_SCOPE,
                fails("{\"name\":\"k\",\"scopes\":\"read:a\"}").error());
        ApiKeyRequestException e = fails("{\"name\":\"k\",\"scopes\":[\"read:a\", 7, {}]}");
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, e.error());
        assertTrue(e.getMessage().contains("scopes[1]"), e.getMessage());
        StringBuilder many = new StringBuilder("{\"name\":\"k\",\"scopes\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"read:a").append(i).append('"');
        }
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, fails(many.append("]}").toString()).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"30\"", "true", "36501", "99999999999999999999", "[30]"})
    void lifetimeRules(String days) {
        ApiKeyRequestException e = fails("{\"name\":\"k\",\"scopes\":[\"read:a\"],\"expires_in_days\":" + days + "}");
        assertEquals(ApiKeyRequestException.INVALID_LIFETIME, e.error());
    }

    @Test
    void bodySizeIsCapped() {
        byte[] big = new byte[ApiKeyRequests.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyRequests.readBody(new ByteArrayInputStream(big)));
        assertEquals(ApiKeyRequests.INVALID_REQUEST, e.error());
        assertEquals("", ApiKeyRequests.readBody(null));
        assertEquals("{}", ApiKeyRequests.readBody(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
        assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyRequests.readBody(new ByteArrayInputStream(new byte[] {(byte) 0xC3, (byte) 0x28})));
    }

    @Test
    void presentedKeyFromBodyOrHeader() {
        assertEquals("b", ApiKeyRequests.presentedKey("{\"api_key\":\"b\"}", "h"));
        assertEquals("h", ApiKeyRequests.presentedKey("", "h"));
        assertEquals("h", ApiKeyRequests.presentedKey("{}", "h"));
        assertEquals("h", ApiKeyRequests.presentedKey("{\"api_key\":null}", "h"));
        assertNull(ApiKeyRequests.presentedKey(null, null));
        assertNull(ApiKeyRequests.presentedKey("{}", ""));
        assertEquals(ApiKeyRequests.INVALID_REQUEST, assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyRequests.presentedKey("{\"api_key\":5}", null)).error());
        assertEquals(ApiKeyRequests.INVALID_REQUEST, assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyRequests.presentedKey("uss_abc", null)).error());
    }
}
