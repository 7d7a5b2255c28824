package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
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
        ObjectNode rep = (ObjectNode) admin.getJson("/" + realm);
        ObjectNode attributes = rep.has("attributes") ? (ObjectNode) rep.get("attributes") : rep.putObject("attributes");
        attributes.put("usso.api-keys.verify-failures-per-ip", Integer.toString(LIMIT));
        attributes.put("usso.api-keys.verify-failure-window-seconds", "86400"); // no window boundary during the test
        AdminApi.expect(admin.put("/" + realm, rep), 204, "tenant API-key settings");

        admin.createRealmRole(realm, "verify-api-keys", Map.of());
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", "verifier");
        client.put("publicClient", false);
        client.put("secret", verifierSecret);
        client.put("standardFlowEnabled", false);
        client.put("serviceAccountsEnabled", true);
        AdminApi.expect(admin.post("/" + realm + "/clients", client), 201, "verifier");
        String serviceAccount = admin.getJson("/" + realm + "/clients/" + admin.clientUuid(realm, "verifier")
                + "/service-account-user").get("id").asText();
        admin.grantRealmRoles(realm, serviceAccount, "verify-api-keys");
    }

    @Test
    void failedVerificationsFromOneAddressAreThrottled() {
        String token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", "verifier", "client_secret", verifierSecret))
                .json().get("access_token").asText();
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
