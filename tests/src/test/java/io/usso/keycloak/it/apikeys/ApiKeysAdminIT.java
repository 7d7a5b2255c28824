package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin endpoints {@code /admin/realms/{realm}/usso-api-keys/users/{userId}} against the real server: tenant
 * administrators with view-users list, with manage-users create/rotate/revoke, for users and service accounts;
 * everybody else is refused; every change is an admin event without the key.
 */
class ApiKeysAdminIT extends TenantIT {

    private static final String PASSWORD = "Admin-Keys-2026!";
    private static final String SCOPES = "read:media/files create:media/files";

    private final String verifierSecret = UssoServer.randomSecret();
    private final String robotSecret = UssoServer.randomSecret();
    private final Map<String, String> tokens = new HashMap<>();
    private String ownerId;
    private String viewerId;
    private String managerId;
    private String robotUserId;
    private String otherRealm;
    private String otherRealmUserId;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "media-editor", Map.of("usso.scopes", List.of(SCOPES)));
        ownerId = admin.createUser(realm, "owner", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, ownerId, "media-editor");
        viewerId = admin.createUser(realm, "viewer", PASSWORD, Map.of());
        grantRealmManagement(realm, viewerId, "view-users");
        managerId = admin.createUser(realm, "manager", PASSWORD, Map.of());
        grantRealmManagement(realm, managerId, "manage-users");

        admin.createClient(realm, AdminApi.confidentialClient("verifier", verifierSecret, true));
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "verifier"), "verify-api-keys");
        admin.createClient(realm, AdminApi.confidentialClient("robot", robotSecret, true));
        robotUserId = admin.serviceAccountUserId(realm, "robot");
        admin.grantRealmRoles(realm, robotUserId, "media-editor");

        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        otherRealmUserId = admin.createUser(otherRealm, "owner", PASSWORD, Map.of());
        String otherAdmin = admin.createUser(otherRealm, "manager", PASSWORD, Map.of());
        grantRealmManagement(otherRealm, otherAdmin, "manage-users");
        grantRealmManagement(otherRealm, otherAdmin, "view-users");
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void grantRealmManagement(String inRealm, String userId, String role) {
        String rm = admin.clientUuid(inRealm, "realm-management");
        JsonNode rep = admin.getJson("/" + inRealm + "/clients/" + rm + "/roles/" + role);
        ArrayNode list = Http.JSON.createArrayNode().add(rep);
        AdminApi.expect(admin.post("/" + inRealm + "/users/" + userId + "/role-mappings/clients/" + rm, list), 204,
                "grant " + role);
    }

    /**
     * A tenant user's token from a browser sign-in through the realm's {@code spa} client (the tenant's admin-cli has
     * no direct grants), cached per class.
     */
    private String token(String inRealm, String username) {
        return tokens.computeIfAbsent(inRealm + "/" + username, k -> new OidcLogin(server.realmUrl(inRealm), "spa",
                "http://localhost:3000/callback").login(username, PASSWORD, "openid").get("access_token").asText());
    }

    private String keysUrl(String userId) {
        return server.baseUrl() + "/admin/realms/" + realm + "/usso-api-keys/users/" + userId;
    }

    private Http.Response list(String token, String userId) {
        return Http.plain().get(keysUrl(userId), "Authorization", "Bearer " + token);
    }

    private Http.Response create(String token, String userId, Object body) {
        return Http.plain().postJson(keysUrl(userId), body, "Authorization", "Bearer " + token);
    }

    private Http.Response revoke(String token, String userId, String keyId) {
        return Http.plain().delete(keysUrl(userId) + "/" + keyId, "Authorization", "Bearer " + token);
    }

    private Http.Response rotate(String token, String userId, String keyId, Object body) {
        return Http.plain().postJson(keysUrl(userId) + "/" + keyId + "/rotate", body, "Authorization", "Bearer " + token);
    }

    private JsonNode newKey(String userId) {
        Http.Response r = create(token(realm, "manager"), userId,
                Map.of("name", "admin-made", "scopes", List.of("read:media/files"), "expires_in_days", 30));
        AdminApi.expect(r, 201, "admin creates a key");
        return r.json();
    }

    private Http.Response verify(String key) {
        return Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + OidcLogin.clientCredentials(realmUrl(), "verifier", verifierSecret));
    }

    private static void assertJsonError(Http.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().path("error").asText(), r.body());
        assertTrue(r.json().has("error_description"), r.body());
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aManagerCreatesAKeyThatVerifiesForTheOwnerAndRevocationStopsIt() {
        JsonNode created = newKey(ownerId);
        String key = created.get("api_key").asText();
        assertTrue(key.startsWith("uss_"), key);
        assertEquals(List.of("read:media/files"), strings(created.get("scopes")));

        Http.Response ok = verify(key);
        assertEquals(200, ok.status(), ok.body());
        assertEquals(ownerId, ok.json().get("sub").asText(), "the key acts as its owner, not as the admin");

        Http.Response listed = list(token(realm, "manager"), ownerId);
        assertEquals(200, listed.status(), listed.body());
        assertTrue(listed.body().contains(created.get("id").asText()));
        assertFalse(listed.body().contains(key.substring(4)), "the key is shown once");

        Http.Response revoked = revoke(token(realm, "manager"), ownerId, created.get("id").asText());
        assertEquals(204, revoked.status(), revoked.body());
        assertEquals(401, verify(key).status(), "revoked by an admin: the key stops at once");
        assertJsonError(revoke(token(realm, "manager"), ownerId, created.get("id").asText()), 404, "not_found");
    }

    @Test
    void aManagerRotatesAKey() {
        JsonNode first = newKey(ownerId);
        Http.Response rotated = rotate(token(realm, "manager"), ownerId, first.get("id").asText(), Map.of());
        assertEquals(201, rotated.status(), rotated.body());
        assertEquals(first.get("id").asText(), rotated.json().get("replaces").asText());
        String newKey = rotated.json().get("api_key").asText();
        assertEquals(401, verify(first.get("api_key").asText()).status(), "no grace: the old key stops");
        assertEquals(200, verify(newKey).status());
        assertJsonError(rotate(token(realm, "manager"), ownerId, first.get("id").asText(), Map.of()), 404, "not_found");
    }

    @Test
    void viewUsersMayListButNotChange() {
        JsonNode created = newKey(ownerId);
        String viewer = token(realm, "viewer");
        Http.Response listed = list(viewer, ownerId);
        assertEquals(200, listed.status(), listed.body());
        assertTrue(listed.body().contains(created.get("id").asText()));

        assertJsonError(create(viewer, ownerId, Map.of("name", "x", "scopes", List.of("read:media/files"))), 403, "forbidden");
        assertJsonError(revoke(viewer, ownerId, created.get("id").asText()), 403, "forbidden");
        assertJsonError(rotate(viewer, ownerId, created.get("id").asText(), Map.of()), 403, "forbidden");
        assertEquals(200, verify(created.get("api_key").asText()).status(), "the refused revocation changed nothing");
    }

    @Test
    void usersWithoutAdminRolesAndOtherTenantsAreRefused() {
        String ownerToken = token(realm, "owner");
        Http.Response own = list(ownerToken, ownerId);
        assertEquals(403, own.status(), "a plain user may not use the admin API, even on themselves: " + own.body());
        assertEquals(403, create(ownerToken, ownerId, Map.of("name", "x", "scopes", List.of("read:media/files"))).status());

        Http.Response foreignAdmin = list(token(otherRealm, "manager"), ownerId);
        assertTrue(foreignAdmin.status() == 401 || foreignAdmin.status() == 403,
                "another tenant's admin: " + foreignAdmin.status() + " " + foreignAdmin.body());
        Http.Response foreignCreate = create(token(otherRealm, "manager"), ownerId,
                Map.of("name", "x", "scopes", List.of("read:media/files")));
        assertTrue(foreignCreate.status() == 401 || foreignCreate.status() == 403, foreignCreate.body());

        Http.Response anonymous = Http.plain().get(keysUrl(ownerId));
        assertEquals(401, anonymous.status(), anonymous.body());
    }

    @Test
    void unknownUsersAndOtherTenantsUsersAreNotFound() {
        String manager = token(realm, "manager");
        assertJsonError(list(manager, UUID.randomUUID().toString()), 404, "not_found");
        assertJsonError(create(manager, UUID.randomUUID().toString(),
                Map.of("name", "x", "scopes", List.of("read:media/files"))), 404, "not_found");
        // a user id of another realm does not exist in this one
        assertJsonError(list(manager, otherRealmUserId), 404, "not_found");
        assertJsonError(create(manager, otherRealmUserId, Map.of("name", "x", "scopes", List.of("read:media/files"))),
                404, "not_found");
        // and the bootstrap admin (all realms) gets the same answer
        assertJsonError(admin.get("/" + realm + "/usso-api-keys/users/" + otherRealmUserId), 404, "not_found");
        // a key id of another owner is not found under this owner
        JsonNode robotKey = newKey(robotUserId);
        assertJsonError(revoke(manager, ownerId, robotKey.get("id").asText()), 404, "not_found");
        assertEquals(200, verify(robotKey.get("api_key").asText()).status());
    }

    @Test
    void serviceAccountsGetKeysToo() {
        JsonNode created = newKey(robotUserId);
        Http.Response ok = verify(created.get("api_key").asText());
        assertEquals(200, ok.status(), ok.body());
        assertEquals(robotUserId, ok.json().get("user_id").asText());
        assertEquals(List.of("read:media/files"), strings(ok.json().get("scopes")));
        assertTrue(list(token(realm, "viewer"), robotUserId).body().contains(created.get("id").asText()));
    }

    @Test
    void theOwnersScopesStillLimitWhatAnAdminMayGrant() {
        Http.Response r = create(token(realm, "manager"), ownerId, Map.of("name", "greedy", "scopes", List.of("admin:billing")));
        assertJsonError(r, 400, "invalid_scope");
        assertTrue(r.json().get("error_description").asText().contains("admin:billing"));
        // the viewer holds no scopes; an admin cannot give the viewer's key the owner's scopes either
        assertJsonError(create(token(realm, "manager"), viewerId, Map.of("name", "x", "scopes", List.of("read:media/files"))),
                400, "invalid_scope");
    }

    @Test
    void badInputGetsA4xxNeverA5xx() {
        String manager = token(realm, "manager");
        for (String body : List.of("", "not json", "[]", "{}", "{\"name\": 1, \"scopes\": [\"read:media/files\"]}",
                "{\"name\": \"x\", \"scopes\": []}", "{\"name\": \"x\", \"scopes\": \"read:media/files\"}",
                "{\"name\": \"x\", \"scopes\": [\"read:media/files\"], \"expires_in_days\": -3}",
                "{\"name\": \"x\", \"scopes\": [\"read:media/files\"], \"expires_in_days\": 100000}",
                "{\"name\": \"" + "x".repeat(300) + "\", \"scopes\": [\"read:media/files\"]}")) {
            Http.Response r = create(manager, ownerId, body);
            assertEquals(400, r.status(), "create " + body + " -> " + r.body());
            assertNotNull(r.json().get("error"));
        }
        JsonNode created = newKey(ownerId);
        for (String body : List.of("not json", "{\"grace_seconds\": \"60\"}", "{\"grace_seconds\": -1}", "[1]")) {
            Http.Response r = rotate(manager, ownerId, created.get("id").asText(), body);
            assertEquals(400, r.status(), "rotate " + body + " -> " + r.body());
        }
        assertJsonError(revoke(manager, ownerId, "no-such-key"), 404, "not_found");
        assertJsonError(rotate(manager, ownerId, "x".repeat(300), Map.of()), 404, "not_found");
    }

    @Test
    void changesAreAdminEventsAndUserEventsWithoutTheKey() {
        JsonNode created = newKey(ownerId);
        String key = created.get("api_key").asText();
        String id = created.get("id").asText();
        Http.Response rotated = rotate(token(realm, "manager"), ownerId, id, Map.of("grace_seconds", 60));
        AdminApi.expect(rotated, 201, "rotate");
        String newId = rotated.json().get("id").asText();
        String newKey = rotated.json().get("api_key").asText();
        AdminApi.expect(revoke(token(realm, "manager"), ownerId, newId), 204, "revoke");

        JsonNode events = admin.getJson("/" + realm + "/admin-events?max=500");
        List<JsonNode> ours = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("resourcePath").asText().startsWith("usso-api-keys/users/" + ownerId + "/")) {
                ours.add(e);
            }
        });
        assertTrue(has(ours, "CREATE", id), "create event: " + ours);
        assertTrue(has(ours, "UPDATE", newId), "rotate event: " + ours);
        assertTrue(has(ours, "DELETE", newId), "revoke event: " + ours);
        for (JsonNode e : ours) {
            assertEquals("USER", e.path("resourceType").asText());
            assertEquals(managerId, e.path("authDetails").path("userId").asText(), "the acting admin is recorded");
        }
        JsonNode createEvent = ours.stream().filter(e -> e.path("operationType").asText().equals("CREATE")
                && e.path("resourcePath").asText().endsWith(id)).findFirst().orElseThrow();
        assertTrue(createEvent.path("representation").asText().contains(created.get("display_prefix").asText()),
                "the representation describes the key: " + createEvent);
        String all = events.toString();
        assertFalse(all.contains(key.substring(4)) || all.contains(newKey.substring(4)), "an admin event carries a key");

        JsonNode userEvents = admin.getJson("/" + realm + "/events?max=500&user=" + ownerId);
        String userText = userEvents.toString();
        assertTrue(userText.contains("UPDATE_CREDENTIAL") && userText.contains("REMOVE_CREDENTIAL"), userText);
        assertTrue(userText.contains("\"admin_user_id\":\"" + managerId + "\""), "the owner's events name the admin");
        assertFalse(userText.contains(key.substring(4)) || userText.contains(newKey.substring(4)), "a user event carries a key");
    }

    private static boolean has(List<JsonNode> events, String operation, String keyId) {
        return events.stream().anyMatch(e -> e.path("operationType").asText().equals(operation)
                && e.path("resourcePath").asText().endsWith("/" + keyId));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
