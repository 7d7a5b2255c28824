package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.apikeys.verify.ApiKeySnapshot;

class ApiKeyJsonTest {

    private static final String HASH = "ab".repeat(32);

    private static ApiKeyEntity entity() {
        ApiKeyEntity e = new ApiKeyEntity();
        e.setId("11111111-2222-3333-4444-555555555555");
        e.setRealmId("realm-1");
        e.setUserId("user-1");
        e.setName("ci key");
        e.setDisplayPrefix("uss_Ab3dE9");
        e.setKeyHash(HASH);
        e.setScopes("read:media/files write:docs");
        e.setCreatedAt(1_700_000_000_999L);
        e.setExpiresAt(null);
        e.setUsageCount(3);
        return e;
    }

    @Test
    void createdHoldsKeyOnceAndSeconds() {
        String json = ApiKeyJson.write(ApiKeyJson.created(entity(), "uss_THEKEY"));
        assertEquals("{\"id\":\"11111111-2222-3333-4444-555555555555\",\"name\":\"ci key\",\"api_key\":\"uss_THEKEY\","
                + "\"display_prefix\":\"uss_Ab3dE9\",\"masked\":\"uss_Ab3dE9…\","
                + "\"scopes\":[\"read:media/files\",\"write:docs\"],\"created_at\":1700000000,\"expires_at\":null}",
                json);
        assertFalse(json.contains(HASH));
    }

    @Test
    void listItemHasNoKeyNoHash() {
        ApiKeyEntity e = entity();
        e.setExpiresAt(1_800_000_000_000L);
        e.setLastUsedAt(1_750_000_000_500L);
        Map<String, Object> item = ApiKeyJson.listItem(e);
        assertEquals(List.of("id", "name", "display_prefix", "masked", "scopes", "created_at", "expires_at",
                "last_used_at", "usage_count", "revoked"), List.copyOf(item.keySet()));
        assertEquals(1_800_000_000L, item.get("expires_at"));
        assertEquals(1_750_000_000L, item.get("last_used_at"));
        assertEquals(3L, item.get("usage_count"));
        assertEquals(false, item.get("revoked"));
        String json = ApiKeyJson.write(item);
        assertFalse(json.contains(HASH));
        assertFalse(json.contains("api_key"));
    }

    @Test
    void verifiedShape() {
        String json = ApiKeyJson.write(ApiKeyJson.verified(ApiKeySnapshot.of(entity()), "user-1", "alice", "demo",
                "https://sso.example/realms/demo", List.of("member"), List.of("read:media/files")));
        assertEquals("{\"iss\":\"https://sso.example/realms/demo\",\"sub\":\"user-1\",\"user_id\":\"user-1\","
                + "\"tenant_id\":\"demo\",\"token_type\":\"access\",\"session_type\":\"api_key\","
                + "\"amr\":[\"api_key\"],\"roles\":[\"member\"],\"scopes\":[\"read:media/files\"],"
                + "\"api_key_id\":\"11111111-2222-3333-4444-555555555555\",\"exp\":null,\"iat\":1700000000,"
                + "\"username\":\"alice\",\"user_name\":\"alice\"}", json);
        assertFalse(json.contains(HASH));
    }

    @Test
    void errorBodies() {
        assertEquals("{\"error\":\"invalid_api_key\",\"error_description\":\"The API key is invalid, expired or revoked.\"}",
                ApiKeyJson.invalidApiKey().body());
        assertEquals(401, ApiKeyJson.invalidApiKey().status());
                assertEquals("{\"error\":\"temporarily_unavailable\",\"error_description\":"
                + "\"API keys are not configured on this server (pepper missing)\"}",
                ApiKeyJson.notConfigured().body());
        assertEquals(503, ApiKeyJson.notConfigured().status());
        assertEquals("{\"error\":\"not_found\"}", ApiKeyJson.disabled().body());
        assertEquals(404, ApiKeyJson.disabled().status());
    }

    @Test
    void scopesAndSeconds() {
        assertEquals(List.of(), ApiKeyJson.splitScopes(null));
        assertEquals(List.of(), ApiKeyJson.splitScopes(" "));
        assertEquals(List.of("a:b", "c:d"), ApiKeyJson.splitScopes("a:b  c:d"));
        assertNull(ApiKeyJson.seconds(null));
        assertEquals(1L, ApiKeyJson.seconds(1999L));
        assertTrue(ApiKeyJson.write(Map.of()).equals("{}"));
    }
}
