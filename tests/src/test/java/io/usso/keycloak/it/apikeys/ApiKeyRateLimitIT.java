package io.usso.keycloak.it.apikeys;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing API keys is throttled: after the tenant's limit of failed verifications from one address, the verify
 * endpoint answers 429 with Retry-After before looking anything up in the database. A key this node has already
 * verified (in its cache, no database work) keeps working from that address: a scanner does not lock it out.
 */
class ApiKeyRateLimitIT extends TenantIT {

    private static final int LIMIT = 5;
    private static final String PASSWORD = "Rate-Limit-2026!";
    private final String verifierSecret = UssoServer.randomSecret();

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of(
                "usso.api-keys.verify-failures-per-ip", Integer.toString(LIMIT),
                // a day-long window: no window boundary during the test
                "usso.api-keys.verify-failure-window-seconds", "86400"));
        admin.createClient(realm, AdminApi.confidentialClient("verifier", verifierSecret, true));
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "verifier"), "verify-api-keys");
        admin.createRealmRole(realm, "media-reader", Map.of("usso.scopes", List.of("read:media/files")));
        admin.grantRealmRoles(realm, admin.createUser(realm, "owner", PASSWORD, Map.of()), "media-reader");
    }

    private String newKey(String userToken) {
        Http.Response r = Http.plain().postJson(realmUrl() + "/api-keys", Map.of("name", "rate limit",
                "scopes", List.of("read:media/files")), "Authorization", "Bearer " + userToken);
        AdminApi.expect(r, 201, "create API key");
        return r.json().get("api_key").asText();
    }

    private Http.Response verify(String token, String key) {
        return Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + token);
    }

    @Test
    void failedVerificationsFromOneAddressAreThrottled() {
        String token = OidcLogin.clientCredentials(realmUrl(), "verifier", verifierSecret);
        String userToken = new OidcLogin(realmUrl(), "spa", "http://localhost:3000/callback")
                .login("owner", PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
        String verifiedBefore = newKey(userToken);
        assertEquals(200, verify(token, verifiedBefore).status(), "verified once: now in this node's cache");
        for (int i = 0; i < LIMIT; i++) {
            Http.Response r = Http.plain().postJson(realmUrl() + "/api-keys/verify",
                    Map.of("api_key", "uss_" + UssoServer.randomSecret().replaceAll("[^A-Za-z0-9]", "a").substring(0, 32) + "000000"),
                    "Authorization", "Bearer " + token);
            assertEquals(401, r.status(), "attempt " + (i + 1) + ": " + r.body());
        }
        Http.Response throttled = Http.plain().postJson(realmUrl() + "/api-keys/verify",
                Map.of("api_key", "uss_" + "C".repeat(32) + "000000"), "Authorization", "Bearer " + token);
        assertEquals(429, throttled.status(), throttled.body());
        assertEquals("too_many_requests", throttled.json().get("error").asText());
        String retryAfter = throttled.header("Retry-After");
        assertNotNull(retryAfter, "Retry-After expected");
        assertTrue(Integer.parseInt(retryAfter) > 0 && Integer.parseInt(retryAfter) <= 86400, retryAfter);

        Http.Response cached = verify(token, verifiedBefore);
        assertEquals(200, cached.status(), "a key this node already verified needs no database work: " + cached.body());
        assertEquals(429, verify(token, newKey(userToken)).status(),
                "a working key not yet verified here needs the database: behind the limit like any other");
    }
}
