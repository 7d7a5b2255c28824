package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.service.ApiKeyService;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

/** The server-independent parts of {@code POST .../api-keys/{id}/rotate}. */
class ApiKeyRotationTest {

    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final ApiKeyConfig DEFAULTS = ApiKeyConfig.defaults(); // max grace 86400 s

    // ------------------------------------------------------------ grace_seconds

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{}", "{\"grace_seconds\":null}", "{\"other\":1}"})
    void noGraceRequested(String body) {
        assertNull(ApiKeyRequests.parseRotateGraceSeconds(body));
    }

    @Test
    void nullBodyIsNoGrace() {
        assertNull(ApiKeyRequests.parseRotateGraceSeconds(null));
    }

    @Test
    void integerGraceIsRead() {
        assertEquals(0L, ApiKeyRequests.parseRotateGraceSeconds("{\"grace_seconds\":0}"));
        assertEquals(3600L, ApiKeyRequests.parseRotateGraceSeconds("{\"grace_seconds\":3600}"));
        assertEquals(10_000_000_000L, ApiKeyRequests.parseRotateGraceSeconds("{\"grace_seconds\":10000000000}"));
        assertEquals(Long.MAX_VALUE,
                ApiKeyRequests.parseRotateGraceSeconds("{\"grace_seconds\":99999999999999999999999999}"),
                "beyond long: left to the tenant maximum to clamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"grace_seconds\":-1}", "{\"grace_seconds\":-99999999999999999999999}",
        "{\"grace_seconds\":1.5}", "{\"grace_seconds\":1.0}", "{\"grace_seconds\":1e3}", "{\"grace_seconds\":\"60\"}",
        "{\"grace_seconds\":true}", "{\"grace_seconds\":[60]}", "{\"grace_seconds\":{}}",
        "[]", "null", "60", "not json", "{\"grace_seconds\":1,\"grace_seconds\":2}"})
    void invalidGraceIsInvalidRequest(String body) {
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyRequests.parseRotateGraceSeconds(body));
        assertEquals(ApiKeyRequests.INVALID_REQUEST, e.error());
    }

    // ------------------------------------------------------------ old key expiry

    @Test
    void noGraceRevokesAtOnce() {
        assertNull(ApiKeyService.rotatedOutExpiry(NOW_MS + 86_400_000L, NOW, null, DEFAULTS));
        assertNull(ApiKeyService.rotatedOutExpiry(NOW_MS + 86_400_000L, NOW, 0L, DEFAULTS));
        assertNull(ApiKeyService.rotatedOutExpiry(null, NOW, 0L, DEFAULTS));
    }

    @Test
    void graceSetsTheOldKeysExpiry() {
        assertEquals(NOW_MS + 60_000L, ApiKeyService.rotatedOutExpiry(NOW_MS + 86_400_000L, NOW, 60L, DEFAULTS));
        assertEquals(NOW_MS + 60_000L, ApiKeyService.rotatedOutExpiry(null, NOW, 60L, DEFAULTS),
                "a key without expiry gets one");
    }

    @Test
    void graceIsClampedToTheTenantMaximum() {
        assertEquals(NOW_MS + 86_400_000L, ApiKeyService.rotatedOutExpiry(null, NOW, 10_000_000L, DEFAULTS));
        assertEquals(NOW_MS + 86_400_000L, ApiKeyService.rotatedOutExpiry(null, NOW, Long.MAX_VALUE, DEFAULTS));
        ApiKeyConfig hour = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS, "3600"));
        assertEquals(NOW_MS + 3_600_000L, ApiKeyService.rotatedOutExpiry(null, NOW, 7200L, hour));
        ApiKeyConfig none = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS, "0"));
        assertNull(ApiKeyService.rotatedOutExpiry(null, NOW, 7200L, none), "no grace allowed: revoked at once");
    }

    @Test
    void graceNeverExtendsTheOldKey() {
        long soon = NOW_MS + 10_000L;
        assertEquals(soon, ApiKeyService.rotatedOutExpiry(soon, NOW, 3600L, DEFAULTS));
        assertEquals(soon, ApiKeyService.rotatedOutExpiry(soon, NOW, 10L, DEFAULTS), "equal: unchanged");
    }

    // ------------------------------------------------------------ scopes

    private static List<UssoScope> scopes(String... values) {
        return UssoScopes.parseAll(List.of(values)).scopes();
    }

    @Test
    void scopesStillHeldAreKeptAsStored() {
        assertEquals(List.of("create:media/files", "read:media/files"), UssoScopes.toStrings(ApiKeyService.stillHeld(
                scopes("read:media/files", "create:media/files"), scopes("manage:media/*"))));
    }

    @Test
    void scopesNoLongerHeldAreDropped() {
        assertEquals(List.of("read:media/files"), UssoScopes.toStrings(ApiKeyService.stillHeld(
                scopes("read:media/files", "create:media/files", "read:billing"),
                scopes("read:media/*", "superadmin:other"))));
    }

    @Test
    void noScopeLeftIsInvalidScope() {
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyService.stillHeld(scopes("read:billing"), scopes("read:media/*")));
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, e.error());
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyService.stillHeld(List.of(), scopes("read:media"))).error());
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyService.stillHeld(scopes("read:media"), List.of())).error());
    }

    // ------------------------------------------------------------ response

    @Test
    void rotatedResponseIsCreatedPlusOldKey() {
        ApiKeyEntity e = new ApiKeyEntity();
        e.setId("new-id");
        e.setName("ci");
        e.setDisplayPrefix("uss_abcdef");
        e.setScopes("read:a");
        e.setCreatedAt(NOW_MS);
        e.setExpiresAt(NOW_MS + 1000);
        Map<String, Object> body = ApiKeyJson.rotated(e, "uss_KEY", "old-id", NOW_MS + 60_999L);
        Map<String, Object> created = ApiKeyJson.created(e, "uss_KEY");
        assertTrue(body.entrySet().containsAll(created.entrySet()));
        assertEquals("new-id", body.get("id"));
        assertEquals("old-id", body.get("replaces"));
        assertEquals(1_700_000_061L, body.get("old_key_expires_at"));
        Map<String, Object> revoked = ApiKeyJson.rotated(e, "uss_KEY", "old-id", null);
        assertTrue(revoked.containsKey("old_key_expires_at"));
        assertNull(revoked.get("old_key_expires_at"));
        assertTrue(ApiKeyJson.write(revoked).contains("\"old_key_expires_at\":null"));
        assertFalse(ApiKeyJson.write(revoked).contains("hash"));
    }
}
