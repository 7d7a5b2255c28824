package io.usso.keycloak.it.apikeys;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing API keys is throttled: after the tenant's limit of failed verifications from one address, the verify
 * endpoint answers 429 with Retry-After before looking anything up.
 */
class ApiKeyRateLimitIT extends TenantIT {

    private static final int LIMIT = 5;
    private final String verifierSecret = UssoServer.randomSecret();

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of(
                "usso.api-keys.verify-failures-per-ip", Integer.toString(LIMIT),
                // a day-long window: no window boundary during the test
                "usso.api-keys.verify-failure-window-seconds", "86400"));
        admin.createClient(realm, AdminApi.confidentialClient("verifier", verifierSecret, true));
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "verifier"), "verify-api-keys");
    }

    @Test
    void failedVerificationsFromOneAddressAreThrottled() {
        String token = OidcLogin.clientCredentials(realmUrl(), "verifier", verifierSecret);
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
    }
}
