package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Jwks;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token-endpoint grant {@code urn:usso:params:oauth:grant-type:api-key}: a confidential client trades a key for a
 * short-lived access token of the key's owner (no refresh token, amr api_key, the key's scopes only), checked like
 * the verify endpoint on every exchange.
 */
class ApiKeyGrantIT extends TenantIT {

    static final String GRANT = "urn:usso:params:oauth:grant-type:api-key";
    private static final String PASSWORD = "Api-Grant-2026!";
    private final String appSecret = UssoServer.randomSecret();
    private String ownerId;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "media-editor",
                Map.of("usso.scopes", List.of("read:media/files create:media/files")));
        admin.createRealmRole(realm, "billing", Map.of("usso.scopes", List.of("read:billing")));
        ownerId = admin.createUser(realm, "owner", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, ownerId, "media-editor", "billing");
        // the grant is opt-in per client (client attribute, or the client scope usso:api-key-grant: TokenPolicyIT)
        ObjectNode app = AdminApi.confidentialClient("app", appSecret, false);
        app.putObject("attributes").put("usso.api-key-grant", "true");
        admin.createClient(realm, app);
    }

    private String userToken() {
        return new OidcLogin(realmUrl(), "spa", "http://localhost:3000/callback")
                .login("owner", PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
    }

    private JsonNode newKey(String token, List<String> scopes) {
        Http.Response r = Http.plain().postJson(realmUrl() + "/api-keys", Map.of("name", "grant", "scopes", scopes),
                "Authorization", "Bearer " + token);
        AdminApi.expect(r, 201, "create API key");
        return r.json();
    }

    private Http.Response exchange(String inRealmUrl, String clientId, String secret, String key) {
        return exchange(inRealmUrl, clientId, secret, key, null);
    }

    private Http.Response exchange(String inRealmUrl, String clientId, String secret, String key, String scope) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        if (scope != null) {
            form.put("scope", scope);
        }
        form.put("grant_type", GRANT);
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        if (key != null) {
            form.put("api_key", key);
        }
        return Http.plain().postForm(inRealmUrl + "/protocol/openid-connect/token", form);
    }

    @Test
    void aKeyBecomesAShortLivedTokenOfItsOwnerWithTheKeysScopesOnly() {
        String key = newKey(userToken(), List.of("read:media/files")).get("api_key").asText();

        Http.Response r = exchange(realmUrl(), "app", appSecret, key);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertFalse(body.has("refresh_token"), "no refresh token: " + body);
        assertEquals("Bearer", body.get("token_type").asText());
        assertTrue(body.get("expires_in").asInt() <= 600, "short-lived");

        JsonNode claims = Jwks.fetch(realmUrl()).verify(body.get("access_token").asText());
        assertEquals(ownerId, claims.get("sub").asText());
        assertEquals("app", claims.get("azp").asText());
        assertEquals(List.of("api_key"), strings(claims.get("amr")));
        assertEquals(List.of("read:media/files"), strings(claims.get("scopes")),
                "narrowed to the key's scopes although the owner also holds create:media/files and read:billing");
        assertFalse(claims.has("sid"), "transient session: nothing stored");

        // Apps that only understand JWTs: with scope=openid the token works where a user's token works.
        JsonNode oidc = exchange(realmUrl(), "app", appSecret, key, "openid").json();
        assertFalse(oidc.has("refresh_token"), oidc.toString());
        Http.Response userinfo = Http.plain().get(realmUrl() + "/protocol/openid-connect/userinfo",
                "Authorization", "Bearer " + oidc.get("access_token").asText());
        assertEquals(200, userinfo.status(), userinfo.body());
        assertEquals(ownerId, userinfo.json().get("sub").asText());
    }

    @Test
    void discoveryAdvertisesTheGrant() {
        JsonNode discovery = Http.plain().get(realmUrl() + "/.well-known/openid-configuration").json();
        assertTrue(strings(discovery.get("grant_types_supported")).contains(GRANT), discovery.toString());
    }

    @Test
    void revokedUnknownMalformedAndOtherTenantKeysAreInvalidGrants() {
        String token = userToken();
        JsonNode created = newKey(token, List.of("read:billing"));
        String key = created.get("api_key").asText();
        assertEquals(200, exchange(realmUrl(), "app", appSecret, key).status(), "works before revocation");

        AdminApi.expect(Http.plain().delete(realmUrl() + "/api-keys/" + created.get("id").asText(),
                "Authorization", "Bearer " + token), 204, "revoke");
        Http.Response revoked = exchange(realmUrl(), "app", appSecret, key);
        assertEquals(400, revoked.status(), revoked.body());
        assertEquals("invalid_grant", revoked.json().get("error").asText());

        Http.Response unknown = exchange(realmUrl(), "app", appSecret, "uss_" + "B".repeat(32) + "000000");
        assertEquals(400, unknown.status());
        assertEquals(revoked.body(), unknown.body(), "revoked and unknown keys look alike");
        Http.Response malformed = exchange(realmUrl(), "app", appSecret, "not-a-key");
        assertEquals(400, malformed.status());
        assertEquals("invalid_grant", malformed.json().get("error").asText());
        Http.Response huge = exchange(realmUrl(), "app", appSecret, "uss_" + "x".repeat(5000));
        assertEquals(400, huge.status(), huge.body());
        Http.Response missing = exchange(realmUrl(), "app", appSecret, null);
        assertEquals(400, missing.status());
        assertEquals("invalid_request", missing.json().get("error").asText());

        // a key of another tenant, exchanged here
        String other = realm + "-other";
        admin.createRealm(RealmTemplates.tenant(other, "Other"));
        try {
            String otherOwner = admin.createUser(other, "owner", PASSWORD, Map.of());
            admin.createRealmRole(other, "billing", Map.of("usso.scopes", List.of("read:billing")));
            admin.grantRealmRoles(other, otherOwner, "billing");
            String otherToken = new OidcLogin(server.realmUrl(other), "spa", "http://localhost:3000/callback")
                    .login("owner", PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
            Http.Response otherKey = Http.plain().postJson(server.realmUrl(other) + "/api-keys",
                    Map.of("name", "other", "scopes", List.of("read:billing")), "Authorization", "Bearer " + otherToken);
            AdminApi.expect(otherKey, 201, "create key in other realm");
            Http.Response crossTenant = exchange(realmUrl(), "app", appSecret, otherKey.json().get("api_key").asText());
            assertEquals(400, crossTenant.status(), crossTenant.body());
            assertEquals("invalid_grant", crossTenant.json().get("error").asText());
        } finally {
            admin.deleteRealm(other);
        }
    }

    @Test
    void clientAuthenticationIsRequiredAndPublicClientsAreRefused() {
        String key = newKey(userToken(), List.of("read:billing")).get("api_key").asText();
        Http.Response wrongSecret = exchange(realmUrl(), "app", "wrong-secret", key);
        assertEquals(401, wrongSecret.status(), wrongSecret.body());
        assertEquals("unauthorized_client", wrongSecret.json().get("error").asText());
        Http.Response publicClient = exchange(realmUrl(), "spa", null, key);
        assertEquals(400, publicClient.status(), publicClient.body());
        assertEquals("unauthorized_client", publicClient.json().get("error").asText());
        assertEquals(200, exchange(realmUrl(), "app", appSecret, key).status(), "the key itself is still good");
    }

    @Test
    void theOwnersCurrentRolesAndStatusApplyAtEveryExchange() {
        String key = newKey(userToken(), List.of("read:media/files", "read:billing")).get("api_key").asText();
        JsonNode before = Jwks.fetch(realmUrl()).verify(exchange(realmUrl(), "app", appSecret, key).json()
                .get("access_token").asText());
        assertEquals(List.of("read:billing", "read:media/files"), strings(before.get("scopes")));

        AdminApi.expect(admin.delete("/" + realm + "/users/" + ownerId + "/role-mappings/realm",
                Http.JSON.createArrayNode().add(admin.role(realm, "billing"))), 204, "revoke role");
        JsonNode after = Jwks.fetch(realmUrl()).verify(exchange(realmUrl(), "app", appSecret, key).json()
                .get("access_token").asText());
        assertEquals(List.of("read:media/files"), strings(after.get("scopes")), "the lost role's scope is gone");

        ObjectNode user = (ObjectNode) admin.getJson("/" + realm + "/users/" + ownerId);
        user.put("enabled", false);
        AdminApi.expect(admin.put("/" + realm + "/users/" + ownerId, user), 204, "disable owner");
        try {
            Http.Response disabled = exchange(realmUrl(), "app", appSecret, key);
            assertEquals(400, disabled.status(), disabled.body());
            assertEquals("invalid_grant", disabled.json().get("error").asText());
        } finally {
            user.put("enabled", true);
            AdminApi.expect(admin.put("/" + realm + "/users/" + ownerId, user), 204, "enable owner");
            admin.grantRealmRoles(realm, ownerId, "billing");
        }
    }

    static List<String> strings(JsonNode array) {
        assertNotNull(array, "missing array");
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
