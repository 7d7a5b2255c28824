package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * USSO-style API keys against the real server: self-service create/list/revoke with the user's bearer token, and
 * the USSO-compatible verify endpoint as a back end holding the {@code verify-api-keys} role would call it.
 */
class ApiKeysIT extends TenantIT {

    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Api-Keys-2026!";
    private static final String INVALID = "invalid_api_key";

    private final String verifierSecret = UssoServer.randomSecret();
    private String ownerId;
    private String otherRealm;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "media-editor", Map.of("usso.scopes", List.of("read:media/files create:media/files")));
        ownerId = admin.createUser(realm, "owner", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, ownerId, "media-editor");
        createVerifier(realm);
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    /** A back end allowed to verify keys: a confidential client whose service account has verify-api-keys. */
    private void createVerifier(String inRealm) {
        admin.createClient(inRealm, AdminApi.confidentialClient("verifier", verifierSecret, true));
        admin.grantRealmRoles(inRealm, admin.serviceAccountUserId(inRealm, "verifier"), "verify-api-keys");
    }

    private String userToken(String username) {
        return new OidcLogin(realmUrl(), SPA, REDIRECT).login(username, PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
    }

    private String verifierToken(String inRealm) {
        return OidcLogin.clientCredentials(server.realmUrl(inRealm), "verifier", verifierSecret);
    }

    private Http.Response create(String token, Object body) {
        return Http.plain().postJson(realmUrl() + "/api-keys", body, "Authorization", "Bearer " + token);
    }

    private Http.Response verify(String inRealm, String key) {
        return Http.plain().postJson(server.realmUrl(inRealm) + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + verifierToken(inRealm));
    }

    private JsonNode newKey(String token, List<String> scopes) {
        Http.Response r = create(token, Map.of("name", "ci key", "scopes", scopes, "expires_in_days", 30));
        AdminApi.expect(r, 201, "create API key");
        return r.json();
    }

    @Test
    void createListVerifyAndRevoke() {
        String token = userToken("owner");
        JsonNode created = newKey(token, List.of("read:media/files"));
        String key = created.get("api_key").asText();
        assertTrue(key.startsWith("uss_") && key.length() == 42, "uss_ + 32 base62 + 6 checksum: " + key.length());
        assertFalse(created.get("masked").asText().contains(key.substring(10)), "masked form must hide the secret");

        Http.Response list = Http.plain().get(realmUrl() + "/api-keys", "Authorization", "Bearer " + token);
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains(created.get("id").asText()));
        assertFalse(list.body().contains(key), "the key is shown once, at creation");

        Http.Response ok = verify(realm, key);
        assertEquals(200, ok.status(), ok.body());
        JsonNode claims = ok.json();
        assertEquals(ownerId, claims.get("sub").asText());
        assertEquals(ownerId, claims.get("user_id").asText());
        assertEquals(realm, claims.get("tenant_id").asText());
        assertEquals("access", claims.get("token_type").asText(), "a kind USSO's SDKs accept");
        assertEquals("api_key", claims.get("session_type").asText(), "the session is one of key use");
        assertEquals(List.of("read:media/files"), strings(claims.get("scopes")), "only the key's scopes");
        assertTrue(strings(claims.get("roles")).contains("media-editor"));

        Http.Response byHeader = Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of(),
                "Authorization", "Bearer " + verifierToken(realm), "x-api-key", key);
        assertEquals(200, byHeader.status(), "x-api-key header like USSO's SDK: " + byHeader.body());

        Http.Response revoke = Http.plain().delete(realmUrl() + "/api-keys/" + created.get("id").asText(),
                "Authorization", "Bearer " + token);
        assertEquals(204, revoke.status(), revoke.body());
        Http.Response revoked = verify(realm, key);
        assertEquals(401, revoked.status());
        assertEquals(INVALID, revoked.json().get("error").asText());
        Http.Response unknown = verify(realm, "uss_" + "A".repeat(32) + "000000");
        assertEquals(unknown.status(), revoked.status());
        assertEquals(unknown.body(), revoked.body(), "revoked and unknown keys must be indistinguishable");
    }

    @Test
    void rotationIssuesANewKeyAndEndsTheOldOne() {
        String token = userToken("owner");
        JsonNode first = newKey(token, List.of("read:media/files"));
        String oldKey = first.get("api_key").asText();

        Http.Response rotated = Http.plain().postJson(realmUrl() + "/api-keys/" + first.get("id").asText() + "/rotate",
                Map.of("grace_seconds", 0), "Authorization", "Bearer " + token);
        assertEquals(201, rotated.status(), rotated.body());
        String newKey = rotated.json().get("api_key").asText();
        assertFalse(newKey.equals(oldKey));
        assertEquals(first.get("id").asText(), rotated.json().get("replaces").asText());
        assertEquals(List.of("read:media/files"), strings(rotated.json().get("scopes")));
        assertEquals(401, verify(realm, oldKey).status(), "grace 0: the old key stops at once");
        assertEquals(200, verify(realm, newKey).status());

        // with a grace period both work until it ends
        Http.Response graced = Http.plain().postJson(realmUrl() + "/api-keys/" + rotated.json().get("id").asText()
                + "/rotate", Map.of("grace_seconds", 600), "Authorization", "Bearer " + token);
        assertEquals(201, graced.status(), graced.body());
        assertEquals(200, verify(realm, newKey).status(), "old key valid during the grace period");
        assertEquals(200, verify(realm, graced.json().get("api_key").asText()).status());
        assertTrue(graced.json().get("old_key_expires_at").asLong() <= System.currentTimeMillis() / 1000 + 601);

        // only the owner rotates, and a revoked key cannot be rotated
        String otherToken = new OidcLogin(realmUrl(), SPA, REDIRECT).login("owner", PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
        String intruder = admin.createUser(realm, "intruder", PASSWORD, Map.of());
        assertNotNull(intruder);
        Http.Response foreign = Http.plain().postJson(realmUrl() + "/api-keys/" + graced.json().get("id").asText() + "/rotate",
                Map.of(), "Authorization", "Bearer " + userToken("intruder"));
        assertEquals(404, foreign.status(), foreign.body());
        Http.Response gone = Http.plain().postJson(realmUrl() + "/api-keys/" + first.get("id").asText() + "/rotate",
                Map.of(), "Authorization", "Bearer " + otherToken);
        assertEquals(404, gone.status(), "a revoked key cannot be rotated: " + gone.body());
    }

    @Test
    void aKeyCannotCarryScopesItsOwnerLacks() {
        Http.Response r = create(userToken("owner"), Map.of("name", "greedy", "scopes", List.of("admin:billing")));
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_scope", r.json().get("error").asText());
        assertTrue(r.json().get("error_description").asText().contains("admin:billing"));
    }

    @Test
    void ownerLosingARoleNarrowsTheKeyAndDisablingTheOwnerStopsIt() {
        String userId = admin.createUser(realm, "temp-owner", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, userId, "media-editor");
        String key = newKey(userToken("temp-owner"), List.of("read:media/files", "create:media/files"))
                .get("api_key").asText();
        assertEquals(List.of("create:media/files", "read:media/files"), strings(verify(realm, key).json().get("scopes")));

        AdminApi.expect(admin.delete("/" + realm + "/users/" + userId + "/role-mappings/realm",
                Http.JSON.createArrayNode().add(admin.role(realm, "media-editor"))), 204, "revoke role");
        Http.Response narrowed = verify(realm, key);
        assertTrue(narrowed.status() == 401 || !narrowed.json().has("scopes") || strings(narrowed.json().get("scopes")).isEmpty(),
                "the key lost the scopes its owner lost: " + narrowed.body());

        admin.grantRealmRoles(realm, userId, "media-editor");
        assertEquals(200, verify(realm, key).status());
        ObjectNode user = (ObjectNode) admin.getJson("/" + realm + "/users/" + userId);
        user.put("enabled", false);
        AdminApi.expect(admin.put("/" + realm + "/users/" + userId, user), 204, "disable owner");
        Http.Response disabled = verify(realm, key);
        assertEquals(401, disabled.status(), disabled.body());
    }

    @Test
    void verifyNeedsTheVerifierRole() {
        String key = newKey(userToken("owner"), List.of("read:media/files")).get("api_key").asText();
        Http.Response asUser = Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + userToken("owner"));
        assertEquals(403, asUser.status(), asUser.body());
        Http.Response anonymous = Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key));
        assertTrue(anonymous.status() == 401 || anonymous.status() == 403, anonymous.status() + " " + anonymous.body());
    }

    @Test
    void anOwnerHoldsAtMostOneHundredKeys() {
        String userId = admin.createUser(realm, "collector", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, userId, "media-editor");
        String token = userToken("collector");
        String firstId = null;
        for (int i = 0; i < 100; i++) {
            String id = newKey(token, List.of("read:media/files")).get("id").asText();
            firstId = firstId == null ? id : firstId;
        }
        Http.Response tooMany = create(token, Map.of("name", "one more", "scopes", List.of("read:media/files")));
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("too_many_keys", tooMany.json().get("error").asText());
        AdminApi.expect(Http.plain().delete(realmUrl() + "/api-keys/" + firstId, "Authorization", "Bearer " + token),
                204, "revoke one");
        assertEquals(201, create(token, Map.of("name", "now fits", "scopes", List.of("read:media/files"))).status());
    }

    @Test
    void aVerifierClientMayAuthenticateWithItsSecretLikeIntrospection() {
        String key = newKey(userToken("owner"), List.of("read:media/files")).get("api_key").asText();
        Http.Response ok = Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", basic("verifier", verifierSecret));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(ownerId, ok.json().get("sub").asText());
        Http.Response wrongSecret = Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", basic("verifier", "not-the-secret"));
        assertEquals(403, wrongSecret.status(), wrongSecret.body());
        admin.createClient(realm, AdminApi.confidentialClient("no-role", verifierSecret, true));
        Http.Response noRole = Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", basic("no-role", verifierSecret));
        assertEquals(403, noRole.status(), "a client whose service account lacks verify-api-keys: " + noRole.body());
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aKeyOfOneTenantNeverVerifiesInAnother() {
        String key = newKey(userToken("owner"), List.of("read:media/files")).get("api_key").asText();
        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        createVerifier(otherRealm);
        Http.Response r = verify(otherRealm, key);
        assertEquals(401, r.status(), r.body());
        assertEquals(INVALID, r.json().get("error").asText());
    }

    @Test
    void badInputGetsA4xxNeverA5xx() {
        String verifier = verifierToken(realm);
        String key = newKey(userToken("owner"), List.of("read:media/files")).get("api_key").asText();
        String flipped = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        List<String> bodies = List.of("", "not json", "[]", "{\"api_key\": 5}", "{\"api_key\": \"\"}",
                "{\"api_key\": \"" + "x".repeat(10_000) + "\"}", "{\"api_key\": \"" + flipped + "\"}",
                "{\"api_key\": \"zzz_" + key.substring(4) + "\"}", "{\"api_key\": \"uss_\\u0000\\u00ff\"}");
        for (String body : bodies) {
            Http.Response r = Http.plain().postJson(realmUrl() + "/api-keys/verify", body, "Authorization", "Bearer " + verifier);
            assertTrue(r.status() == 400 || r.status() == 401, "body " + abbreviate(body) + " -> " + r.status() + " " + r.body());
            assertNotNull(r.json().get("error"), "JSON error expected for " + abbreviate(body));
        }
        String token = userToken("owner");
        for (String body : List.of("not json", "{\"name\": 1, \"scopes\": \"read:media/files\"}", "{\"scopes\": []}",
                "{\"name\": \"x\", \"scopes\": [\"read:media/files\"], \"expires_in_days\": -3}",
                "{\"name\": \"x\", \"scopes\": [\"read:media/files\"], \"expires_in_days\": 100000}")) {
            Http.Response r = create(token, body);
            assertEquals(400, r.status(), "create " + body + " -> " + r.body());
            assertNotNull(r.json().get("error"));
        }
    }

    @Test
    void createAndFailedVerifyAreEventsWithoutTheKey() {
        String key = newKey(userToken("owner"), List.of("read:media/files")).get("api_key").asText();
        verify(realm, "uss_" + "B".repeat(32) + "000000");
        JsonNode events = admin.getJson("/" + realm + "/events?max=200");
        String text = events.toString();
        assertTrue(text.contains("UPDATE_CREDENTIAL") && text.contains("usso-api-key"),
                "the creation is a stored event: " + abbreviate(text));
        assertFalse(text.contains(key.substring(4)), "an event carries the key");
        // INTROSPECT_TOKEN_ERROR is not among the types Keycloak stores by default; the tenant's event
        // listener (jboss-logging in the template) receives it
        String log = server.logText();
        assertTrue(log.lines().anyMatch(l -> l.contains("type=\"INTROSPECT_TOKEN_ERROR\"") && l.contains(realm)
                && l.contains("usso-api-key") && l.contains("reason=")), "failed verification event expected");
        assertFalse(log.contains(key.substring(4)), "the server log carries the key");
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
