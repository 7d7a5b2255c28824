package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.rest.ApiKeyResource.FailureReason;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

class ApiKeyResourceTest {

    private static final String PEPPER_HEX = "hex:" + "0123456789abcdef".repeat(4);
    private static final long NOW = 1_700_000_000_000L;

    private static ApiKeyEntity key() {
        ApiKeyEntity e = new ApiKeyEntity();
        e.setId("k1");
        e.setRealmId("realm-a");
        e.setUserId("u1");
        e.setDisplayPrefix("uss_abcdef");
        e.setCreatedAt(NOW - 1000);
        return e;
    }

    private static UserModel owner(boolean enabled) {
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn("u1");
        when(user.isEnabled()).thenReturn(enabled);
        return user;
    }

    @Test
    void gateDisabledTenantBeforeMissingPepper() {
        ApiKeyConfig disabled = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.ENABLED, "false"));
        assertEquals(404, ApiKeyResource.gate(disabled, null).status());
        assertEquals("{\"error\":\"not_found\"}", ApiKeyResource.gate(disabled, null).body());
        assertEquals(503, ApiKeyResource.gate(ApiKeyConfig.defaults(), null).status());
        assertNull(ApiKeyResource.gate(ApiKeyConfig.defaults(), new ApiKeyHasher(
                io.usso.keycloak.apikeys.ApiKeyPepper.parse(PEPPER_HEX))));
    }

    @Test
    void checkReasons() {
        assertEquals(FailureReason.UNKNOWN, ApiKeyResource.check(null, "realm-a", NOW, null));
        assertEquals(FailureReason.UNKNOWN, ApiKeyResource.check(key(), "realm-b", NOW, owner(true)));
        ApiKeyEntity revoked = key();
        revoked.setRevokedAt(NOW - 1);
        assertEquals(FailureReason.REVOKED, ApiKeyResource.check(revoked, "realm-a", NOW, owner(true)));
        ApiKeyEntity expired = key();
        expired.setExpiresAt(NOW);
        assertEquals(FailureReason.EXPIRED, ApiKeyResource.check(expired, "realm-a", NOW, owner(true)));
        expired.setExpiresAt(NOW + 1);
        assertNull(ApiKeyResource.check(expired, "realm-a", NOW, owner(true)));
        assertEquals(FailureReason.OWNER_DISABLED, ApiKeyResource.check(key(), "realm-a", NOW, owner(false)));
        assertEquals(FailureReason.OWNER_DISABLED, ApiKeyResource.check(key(), "realm-a", NOW, null));
        assertNull(ApiKeyResource.check(key(), "realm-a", NOW, owner(true)));
    }

    @Test
    void everyFailureHasTheSameBody() {
        String body = ApiKeyJson.invalidApiKey().body();
        for (FailureReason reason : FailureReason.values()) {
            // The reason goes to events only; the response never depends on it.
            assertEquals(body, ApiKeyJson.invalidApiKey().body(), reason.name());
            assertFalse(body.contains("reason") || body.contains(reason.detail() + "\""));
        }
    }

    @Test
    void factoryWithoutPepperAnswers503AndNeverLogsValue() {
        ApiKeyResourceProviderFactory factory = new ApiKeyResourceProviderFactory();
        factory.configure(null);
        assertNull(factory.hasher());
        assertEquals("missing", factory.getOperationalInfo().get("pepper"));
        factory.configure("hex:00");
        assertNull(factory.hasher());
        assertEquals("invalid", factory.getOperationalInfo().get("pepper"));
        factory.configure(PEPPER_HEX);
        assertNotNull(factory.hasher());
        assertTrue(factory.getOperationalInfo().get("pepper").startsWith("configured"));
        assertFalse(factory.getOperationalInfo().toString().contains("0123456789abcdef"));
        assertEquals("api-keys", factory.getId());
        assertEquals("pepper", factory.getConfigMetadata().get(0).getName());
    }
}
