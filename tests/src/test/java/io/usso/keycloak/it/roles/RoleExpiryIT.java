package io.usso.keycloak.it.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * tokens, are gone from the next token once expired while the mappings still exist, and the cleanup task (every 10 s
 * here, see UssoServer) then deletes the mappings with an admin event each. Other tenants' ids are 404, a caller
 * without manage-users 403.
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

    @Test
    void expiredRolesLeaveTheNextTokenAtOnceAndTheCleanupRemovesTheMappings() throws Exception {
        boolean provenBeforeCleanup = false;
        for (int attempt = 0; attempt < 3 && !provenBeforeCleanup; attempt++) {
            Http.Response r = grant(userId, realmRoleId, 15);
            assertEquals(200, r.status(), r.body());
            assertEquals("realm:auditor", r.json().path("role").asText(), r.body());
            r = grant(userId, clientRoleId, 15);
            assertEquals(200, r.status(), r.body());
            assertEquals("spa:beta-tester", r.json().path("role").asText(), r.body());
            long expiresAt = r.json().path("expires_at").asLong();

            JsonNode tokens = login();
            JsonNode claims = OidcLogin.claims(tokens.get("access_token").asText());
            assertTrue(realmRoles(claims).contains("auditor"), claims.toString());
            assertTrue(spaRoles(claims).contains("beta-tester"), claims.toString());
            assertTrue(strings(claims.path("roles")).contains("auditor"), claims.toString());
            assertTrue(strings(claims.path("scopes")).contains("read:audit/reports"), claims.toString());

            JsonNode listed = admin.getJson(path(userId, null));
            assertEquals(2, listed.size(), listed.toString());

            while (System.currentTimeMillis() / 1000 <= expiresAt) {
                Thread.sleep(250);
            }
            JsonNode after = OidcLogin.claims(refresh(tokens).get("access_token").asText());
            assertFalse(realmRoles(after).contains("auditor"), after.toString());
            assertFalse(spaRoles(after).contains("beta-tester"), after.toString());
            assertFalse(strings(after.path("roles")).contains("auditor"), after.toString());
            assertFalse(strings(after.path("scopes")).contains("read:audit/reports"), after.toString());
            // the token above was issued while both mappings still existed: the mapper did it, not the cleanup
            provenBeforeCleanup = mapped("auditor", false) && mapped("beta-tester", true);
        }
        assertTrue(provenBeforeCleanup, "three times the cleanup ran between expiry and the next token");

        long deadline = System.currentTimeMillis() + 40_000;
        while ((mapped("auditor", false) || mapped("beta-tester", true)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
        assertFalse(mapped("auditor", false), "cleanup removed the realm role mapping");
        assertFalse(mapped("beta-tester", true), "cleanup removed the client role mapping");
        assertEquals(0, admin.getJson(path(userId, null)).size(), "rows gone");

        JsonNode events = admin.getJson("/" + realm + "/admin-events?max=500");
        List<String> seen = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("resourcePath").asText().startsWith("usso-role-expiry/users/" + userId + "/")) {
                seen.add(e.path("operationType").asText() + " " + e.path("resourceType").asText() + " "
                        + e.path("details").path("usso_event").asText() + " " + e.path("details").path("role").asText());
            }
        });
        assertTrue(seen.contains("CREATE REALM_ROLE_MAPPING role_expiry_granted realm:auditor"), seen.toString());
        assertTrue(seen.contains("CREATE CLIENT_ROLE_MAPPING role_expiry_granted spa:beta-tester"), seen.toString());
        assertTrue(seen.contains("DELETE REALM_ROLE_MAPPING role_expired realm:auditor"), seen.toString());
        assertTrue(seen.contains("DELETE CLIENT_ROLE_MAPPING role_expired spa:beta-tester"), seen.toString());
    }

    @Test
    void droppingTheExpiryKeepsTheRole() {
        String other = admin.createUser(realm, "keeper", PASSWORD, Map.of());
        assertEquals(200, grant(other, realmRoleId, 3600).status());
        Http.Response r = admin.delete(path(other, realmRoleId));
        assertEquals(204, r.status(), r.body());
        assertEquals(0, admin.getJson(path(other, null)).size());
        JsonNode mappings = admin.getJson("/" + realm + "/users/" + other + "/role-mappings/realm");
        assertTrue(mappings.findValuesAsText("name").contains("auditor"), mappings.toString());
        assertEquals(404, admin.delete(path(other, realmRoleId)).status(), "no expiry left");
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
    }

    private static void assertJsonError(Http.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        if (!r.json().has("error") || !r.json().has("error_description")) {
            fail("not a USSO JSON error: " + r.body());
        }
    }
}
