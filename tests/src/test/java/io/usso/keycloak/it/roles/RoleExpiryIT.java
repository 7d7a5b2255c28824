package io.usso.keycloak.it.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * providers/role-expiry against the real server: a realm role and a client role granted for a few seconds are in
 * tokens; once expired, the next token request leaves them out and deletes the mappings in the same request (so
 * Keycloak's own permission checks stop counting them: a time-limited view-users loses the admin users list); a
 * client without the token mapper has them deleted by the sign-in listener; users who never come back by the cleanup
 * task (every 10 s here, see UssoServer). Admin events for grant, revoke and expiry. The console page's components
 * go through the same service. Other tenants' ids are 404, a caller without manage-users 403.
 */
class RoleExpiryIT extends TenantIT {

    private static final String PASSWORD = "Role-Expiry-2026!";
    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";

    private String userId;
    private String viewerId;
    private String realmRoleId;
    private String clientRoleId;
    private String spaUuid;
    private String otherRealm;
    private String otherUserId;
    private String otherRoleId;
    private String realmId;

    private static final String PAGE_ID = "Time-limited roles";
    private static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "auditor", Map.of("usso.scopes", List.of("read:audit/reports")));
        realmRoleId = admin.role(realm, "auditor").get("id").asText();
        spaUuid = admin.clientUuid(realm, SPA);
        AdminApi.expect(admin.post("/" + realm + "/clients/" + spaUuid + "/roles", Map.of("name", "beta-tester")), 201,
                "client role");
        clientRoleId = admin.getJson("/" + realm + "/clients/" + spaUuid + "/roles/beta-tester").get("id").asText();
        userId = admin.createUser(realm, "temp", PASSWORD, Map.of());
        viewerId = admin.createUser(realm, "viewer", PASSWORD, Map.of());
        String rm = admin.clientUuid(realm, "realm-management");
        ArrayNode list = Http.JSON.createArrayNode()
                .add(admin.getJson("/" + realm + "/clients/" + rm + "/roles/view-users"));
        AdminApi.expect(admin.post("/" + realm + "/users/" + viewerId + "/role-mappings/clients/" + rm, list), 204,
                "grant view-users");

        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        otherUserId = admin.createUser(otherRealm, "temp", PASSWORD, Map.of());
        admin.createRealmRole(otherRealm, "auditor", Map.of());
        otherRoleId = admin.role(otherRealm, "auditor").get("id").asText();
        realmId = admin.getJson("/" + realm).get("id").asText();
        // the other tenant is deleted with an assignment and its page entry (AfterAll)
        AdminApi.expect(admin.put("/" + otherRealm + "/usso-role-expiry/users/" + otherUserId + "/roles/" + otherRoleId,
                Map.of("expires_in", 3600)), 200, "grant in the other tenant");
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private String path(String user, String role) {
        return "/" + realm + "/usso-role-expiry/users/" + user + (role == null ? "" : "/roles/" + role);
    }

    private Http.Response grant(String user, String role, long seconds) {
        return admin.put(path(user, role), Map.of("expires_in", seconds));
    }

    private JsonNode login() {
        return new OidcLogin(realmUrl(), SPA, REDIRECT).login("temp", PASSWORD, "openid");
    }

    private JsonNode refresh(JsonNode tokens) {
        Http.Response r = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", SPA, "refresh_token", tokens.get("refresh_token").asText()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> realmRoles(JsonNode claims) {
        return strings(claims.path("realm_access").path("roles"));
    }

    private static List<String> spaRoles(JsonNode claims) {
        return strings(claims.path("resource_access").path(SPA).path("roles"));
    }

    private boolean mapped(String roleName, boolean clientRole) {
        JsonNode mappings = admin.getJson("/" + realm + "/users/" + userId + "/role-mappings");
        JsonNode roles = clientRole ? mappings.path("clientMappings").path(SPA).path("mappings")
                : mappings.path("realmMappings");
        for (JsonNode role : roles) {
            if (roleName.equals(role.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private List<String> expiryEvents(String user) {
        JsonNode events = admin.getJson("/" + realm + "/admin-events?max=1000");
        List<String> seen = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("resourcePath").asText().startsWith("usso-role-expiry/users/" + user + "/")) {
                JsonNode d = e.path("details");
                seen.add((e.path("operationType").asText() + " " + e.path("resourceType").asText() + " "
                        + d.path("usso_event").asText() + " " + d.path("role").asText() + " "
                        + d.path("trigger").asText()).trim());
            }
        });
        return seen;
    }

    private static void waitUntil(long epochSecond) throws InterruptedException {
        while (System.currentTimeMillis() / 1000 <= epochSecond) {
            Thread.sleep(200);
        }
    }

    @Test
    void expiredRolesLeaveTheNextTokenAndTheMappingsGoInThatRequest() throws Exception {
        boolean provenByToken = false;
        for (int attempt = 0; attempt < 3 && !provenByToken; attempt++) {
            Http.Response r = grant(userId, realmRoleId, 3);
            assertEquals(200, r.status(), r.body());
            assertEquals("realm:auditor", r.json().path("role").asText(), r.body());
            r = grant(userId, clientRoleId, 3);
            assertEquals(200, r.status(), r.body());
            assertEquals("spa:beta-tester", r.json().path("role").asText(), r.body());
            long expiresAt = r.json().path("expires_at").asLong();

            JsonNode tokens = login();
            JsonNode claims = OidcLogin.claims(tokens.get("access_token").asText());
            assertTrue(realmRoles(claims).contains("auditor"), claims.toString());
            assertTrue(spaRoles(claims).contains("beta-tester"), claims.toString());
            assertTrue(strings(claims.path("roles")).contains("auditor"), claims.toString());
            assertTrue(strings(claims.path("scopes")).contains("read:audit/reports"), claims.toString());
            assertEquals(2, admin.getJson(path(userId, null)).size());

            waitUntil(expiresAt);
            JsonNode after = OidcLogin.claims(refresh(tokens).get("access_token").asText());
            assertFalse(realmRoles(after).contains("auditor"), after.toString());
            assertFalse(spaRoles(after).contains("beta-tester"), after.toString());
            assertFalse(strings(after.path("roles")).contains("auditor"), after.toString());
            assertFalse(strings(after.path("scopes")).contains("read:audit/reports"), after.toString());
            // right after that refresh, not a cleanup interval later
            assertFalse(mapped("auditor", false), "the refresh deleted the realm role mapping");
            assertFalse(mapped("beta-tester", true), "the refresh deleted the client role mapping");
            assertEquals(0, admin.getJson(path(userId, null)).size(), "rows gone");
            List<String> seen = expiryEvents(userId);
            // the cleanup task (every 10 s) may have come first; then try again
            provenByToken = seen.contains("DELETE REALM_ROLE_MAPPING role_expired realm:auditor token_request")
                    && seen.contains("DELETE CLIENT_ROLE_MAPPING role_expired spa:beta-tester token_request");
        }
        assertTrue(provenByToken, "three times the cleanup ran between expiry and the next token: " + expiryEvents(userId));
        List<String> seen = expiryEvents(userId);
        assertTrue(seen.contains("CREATE REALM_ROLE_MAPPING role_expiry_granted realm:auditor"), seen.toString());
        assertTrue(seen.contains("CREATE CLIENT_ROLE_MAPPING role_expiry_granted spa:beta-tester"), seen.toString());
    }

    @Test
    void anExpiredAdminRoleStopsCountingForKeycloaksOwnChecks() throws Exception {
        String adminUser = admin.createUser(realm, "temp-admin", PASSWORD, Map.of());
        String rm = admin.clientUuid(realm, "realm-management");
        String viewUsers = admin.getJson("/" + realm + "/clients/" + rm + "/roles/view-users").get("id").asText();
        Http.Response r = grant(adminUser, viewUsers, 3);
        assertEquals(200, r.status(), r.body());
        long expiresAt = r.json().path("expires_at").asLong();
        String usersList = server.baseUrl() + "/admin/realms/" + realm + "/users?max=1";

        String before = new OidcLogin(realmUrl(), SPA, REDIRECT).login("temp-admin", PASSWORD, "openid")
                .get("access_token").asText();
        r = Http.plain().get(usersList, "Authorization", "Bearer " + before);
        assertEquals(200, r.status(), "view-users before its expiry: " + r.body());

        waitUntil(expiresAt);
        String after = new OidcLogin(realmUrl(), SPA, REDIRECT).login("temp-admin", PASSWORD, "openid")
                .get("access_token").asText();
        r = Http.plain().get(usersList, "Authorization", "Bearer " + after);
        assertEquals(403, r.status(), "view-users after its expiry: " + r.body());
        JsonNode mappings = admin.getJson("/" + realm + "/users/" + adminUser + "/role-mappings");
        assertFalse(mappings.toString().contains("\"view-users\""), "mapping gone at once: " + mappings);
    }

    @Test
    void aClientWithoutTheMapperHasExpiredMappingsDeletedAtSignIn() throws Exception {
        admin.createClient(realm, AdminApi.confidentialClient("plain-backend", "plain-secret-2026", true));
        String uuid = admin.clientUuid(realm, "plain-backend");
        AdminApi.expect(admin.delete("/" + realm + "/clients/" + uuid + "/default-client-scopes/"
                + admin.clientScopeId(realm, "usso")), 204, "no usso scope");
        String account = admin.serviceAccountUserId(realm, "plain-backend");
        boolean provenBySignIn = false;
        for (int attempt = 0; attempt < 3 && !provenBySignIn; attempt++) {
            Http.Response r = grant(account, realmRoleId, 2);
            assertEquals(200, r.status(), r.body());
            waitUntil(r.json().path("expires_at").asLong());
            r = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type",
                    "client_credentials", "client_id", "plain-backend", "client_secret", "plain-secret-2026"));
            assertEquals(200, r.status(), r.body());
            JsonNode realmMappings = admin.getJson("/" + realm + "/users/" + account + "/role-mappings/realm");
            assertFalse(realmMappings.findValuesAsText("name").contains("auditor"), realmMappings.toString());
            provenBySignIn = expiryEvents(account).contains("DELETE REALM_ROLE_MAPPING role_expired realm:auditor sign_in");
        }
        assertTrue(provenBySignIn, expiryEvents(account).toString());
    }

    @Test
    void theCleanupRemovesMappingsOfUsersWhoDoNotComeBack() throws Exception {
        String idle = admin.createUser(realm, "idle", PASSWORD, Map.of());
        Http.Response r = grant(idle, clientRoleId, 1);
        assertEquals(200, r.status(), r.body());
        long deadline = System.currentTimeMillis() + 30_000;
        while (admin.getJson(path(idle, null)).size() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
        assertEquals(0, admin.getJson(path(idle, null)).size(), "row gone");
        JsonNode mappings = admin.getJson("/" + realm + "/users/" + idle + "/role-mappings");
        assertFalse(mappings.toString().contains("beta-tester"), mappings.toString());
        assertTrue(expiryEvents(idle).contains("DELETE CLIENT_ROLE_MAPPING role_expired spa:beta-tester cleanup"),
                expiryEvents(idle).toString());
    }

    @Test
    void revokingRemovesTheRoleAndKeepRoleOnlyDropsTheExpiry() {
        String other = admin.createUser(realm, "keeper", PASSWORD, Map.of());
        assertEquals(200, grant(other, realmRoleId, 3600).status());
        assertEquals(200, grant(other, clientRoleId, 3600).status());
        Http.Response r = admin.delete(path(other, realmRoleId) + "?keep_role=true");
        assertEquals(204, r.status(), r.body());
        r = admin.delete(path(other, clientRoleId));
        assertEquals(204, r.status(), r.body());
        assertEquals(0, admin.getJson(path(other, null)).size());
        JsonNode mappings = admin.getJson("/" + realm + "/users/" + other + "/role-mappings");
        assertTrue(mappings.path("realmMappings").findValuesAsText("name").contains("auditor"), mappings.toString());
        assertFalse(mappings.toString().contains("beta-tester"), "revoked: " + mappings);
        assertEquals(404, admin.delete(path(other, realmRoleId)).status(), "no expiry left");
        assertJsonError(admin.delete(path(other, realmRoleId) + "?keep_role=maybe"), 400);
        List<String> seen = expiryEvents(other);
        assertTrue(seen.contains("UPDATE REALM_ROLE_MAPPING role_expiry_removed realm:auditor"), seen.toString());
        assertTrue(seen.contains("DELETE CLIENT_ROLE_MAPPING role_expiry_revoked spa:beta-tester"), seen.toString());
    }

    private JsonNode pageEntries() {
        return admin.getJson("/" + realm + "/components?type=" + PAGE_TYPE);
    }

    /** The page entry of a username and role reference ({@code name} or {@code clientId.name}), or null. */
    private JsonNode entryOf(String username, String role) {
        for (JsonNode entry : pageEntries()) {
            if (username.equals(entry.path("config").path("user").path(0).asText())
                    && role.equals(entry.path("config").path("role").path(0).asText())) {
                return entry;
            }
        }
        return null;
    }

    private Map<String, Object> pageItem(String user, String role, String expiresIn) {
        return Map.of("name", "entry", "providerId", PAGE_ID, "providerType", PAGE_TYPE, "parentId", realmId,
                "config", Map.of("user", List.of(user), "role", List.of(role), "expiresIn", List.of(expiresIn)));
    }

    @Test
    void theConsolePageListsGrantsAndRevokesThroughTheSameService() throws Exception {
        String pageUser = admin.createUser(realm, "page-user", PASSWORD, Map.of());
        // a REST grant shows on the page
        assertEquals(200, grant(pageUser, clientRoleId, 600).status());
        JsonNode entry = entryOf("page-user", "spa.beta-tester");
        assertTrue(entry != null, pageEntries().toString());
        assertEquals("page-user", entry.path("config").path("user").path(0).asText());
        assertEquals("spa.beta-tester", entry.path("config").path("role").path(0).asText());
        assertTrue(entry.path("config").path("expiresAt").path(0).asText().endsWith("Z"), entry.toString());

        // "Create item" on the page grants
        Http.Response r = admin.post("/" + realm + "/components", pageItem("page-user", "auditor", "3600"));
        assertEquals(201, r.status(), r.body());
        JsonNode listed = admin.getJson(path(pageUser, null));
        assertEquals(2, listed.size(), listed.toString());
        assertTrue(admin.getJson("/" + realm + "/users/" + pageUser + "/role-mappings/realm")
                .findValuesAsText("name").contains("auditor"));
        JsonNode created = entryOf("page-user", "auditor");
        assertTrue(created != null && created.path("config").path("expiresIn").isMissingNode(), pageEntries().toString());

        // editing the expiry moves it
        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.get("config")).set("expiresAt", Http.JSON.createArrayNode().add("2030-01-01T00:00:00Z"));
        r = admin.put("/" + realm + "/components/" + created.get("id").asText(), edited);
        assertEquals(204, r.status(), r.body());
        long moved = -1;
        for (JsonNode item : admin.getJson(path(pageUser, null))) {
            if (realmRoleId.equals(item.path("role_id").asText())) {
                moved = item.path("expires_at").asLong();
            }
        }
        assertEquals(1893456000L, moved);

        // deleting the item revokes: mapping, row and entry go
        r = admin.delete("/" + realm + "/components/" + created.get("id").asText());
        assertEquals(204, r.status(), r.body());
        assertEquals(1, admin.getJson(path(pageUser, null)).size());
        assertFalse(admin.getJson("/" + realm + "/users/" + pageUser + "/role-mappings/realm")
                .findValuesAsText("name").contains("auditor"));
        assertTrue(entryOf("page-user", "auditor") == null);

        // a REST revoke removes the entry too
        assertEquals(204, admin.delete(path(pageUser, clientRoleId)).status());
        assertTrue(entryOf("page-user", "spa.beta-tester") == null, pageEntries().toString());

        // bad items are refused with a message, nothing stored
        int before = pageEntries().size();
        assertEquals(400, admin.post("/" + realm + "/components", pageItem("nobody", "auditor", "60")).status());
        assertEquals(400, admin.post("/" + realm + "/components", pageItem("page-user", "no-such-role", "60")).status());
        assertEquals(400, admin.post("/" + realm + "/components", pageItem("page-user", "auditor", "-1")).status());
        assertEquals(400, admin.post("/" + realm + "/components",
                pageItem("page-user", otherRealmRoleReference(), "60")).status());
        assertEquals(before, pageEntries().size());
    }

    private String otherRealmRoleReference() {
        return otherRoleId;
    }

    @Test
    void otherTenantsIdsAreNotFoundAndBadInputIs400() {
        assertJsonError(grant(otherUserId, realmRoleId, 60), 404);
        assertJsonError(grant(userId, otherRoleId, 60), 404);
        assertJsonError(admin.get(path(otherUserId, null)), 404);
        assertJsonError(admin.put(path(userId, realmRoleId), Map.of("expires_in", -1)), 400);
        assertJsonError(admin.put(path(userId, realmRoleId), Map.of("expires_in", 20L * 366 * 24 * 3600)), 400);
        assertJsonError(admin.put(path(userId, realmRoleId), Map.of("expires_at", 1)), 400);
        assertJsonError(admin.put(path(userId, realmRoleId), Map.of()), 400);
        assertJsonError(admin.get("/" + realm + "/usso-role-expiry?max=100000"), 400);
        assertEquals(200, admin.get("/" + realm + "/usso-role-expiry?first=0&max=10").status());
    }

    @Test
    void viewUsersMayListButNotGrant() {
        String token = new OidcLogin(realmUrl(), SPA, REDIRECT).login("viewer", PASSWORD, "openid")
                .get("access_token").asText();
        String url = server.baseUrl() + "/admin/realms" + path(userId, realmRoleId);
        Http.Response r = Http.plain().putJson(url, Map.of("expires_in", 60), "Authorization", "Bearer " + token);
        assertJsonError(r, 403);
        r = Http.plain().delete(url, "Authorization", "Bearer " + token);
        assertJsonError(r, 403);
        r = Http.plain().get(server.baseUrl() + "/admin/realms" + path(userId, null), "Authorization",
                "Bearer " + token);
        assertEquals(200, r.status(), r.body());
        // the console page's items are realm components: manage-realm first
        r = Http.plain().postJson(server.baseUrl() + "/admin/realms/" + realm + "/components",
                pageItem("temp", "auditor", "60"), "Authorization", "Bearer " + token);
        assertEquals(403, r.status(), r.body());
    }

    private static void assertJsonError(Http.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        if (!r.json().has("error") || !r.json().has("error_description")) {
            fail("not a USSO JSON error: " + r.body());
        }
    }
}
