package io.usso.keycloak.it.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The people search {@code GET /workspaces/people} and the tenant setting {@code usso.workspaces.user-visibility}
 * against the real server: by default (shared-workspace) a user finds only users sharing a workspace with them, a
 * user of no workspace finds nobody, tenant admins (view-users, manage-users) find everyone; with {@code all}
 * everyone finds everyone; never another tenant's users; bad input and the rate limit; and the "Workspaces"
 * realm-settings tab saved through the admin REST API the console uses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserVisibilityIT extends TenantIT {

    private static final String PASSWORD = "Visibility-2026!";
    private static final String TAB_PROVIDER = "org.keycloak.services.ui.extend.UiTabProvider";
    /** Every user of the tenant this test searches for (their user names start with it). */
    private static final Set<String> EVERYONE = Set.of("pv-ann", "pv-ben", "pv-cat", "pv-dan", "pv-tara", "pv-vic");

    private WorkspaceClient api;
    private String otherRealm;
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone"));
        api = new WorkspaceClient(realmUrl());
        admin.createUser(realm, "pv-ann", PASSWORD, Map.of("firstName", "Ann", "lastName", "Archer"));
        String ben = admin.createUser(realm, "pv-ben", PASSWORD, Map.of());
        String cat = admin.createUser(realm, "pv-cat", PASSWORD, Map.of());
        admin.createUser(realm, "pv-dan", PASSWORD, Map.of());
        WorkspaceClient.makeTenantAdmin(admin, realm, admin.createUser(realm, "pv-tara", PASSWORD, Map.of()));
        grantManagementRole(admin.createUser(realm, "pv-vic", PASSWORD, Map.of()), "view-users");
        admin.createUser(realm, "pv-rate", PASSWORD, Map.of());
        // ann and ben share W1, ann and cat share W2; dan is in no workspace
        String w1 = api.create(token("pv-ann"), "Visibility W1").get("id").asText();
        String w2 = api.create(token("pv-ann"), "Visibility W2").get("id").asText();
        WorkspaceClient.addMember(admin, realm, w1, ben);
        WorkspaceClient.addMember(admin, realm, w2, cat);

        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.createUser(otherRealm, "pv-zed", PASSWORD, Map.of());
    }

    @AfterAll
    void cleanUp() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private void grantManagementRole(String userId, String role) {
        String management = admin.clientUuid(realm, "realm-management");
        ArrayNode list = Http.JSON.createArrayNode().add(admin.getJson("/" + realm + "/clients/" + management
                + "/roles/" + role));
        AdminApi.expect(admin.post("/" + realm + "/users/" + userId + "/role-mappings/clients/" + management, list),
                204, "grant " + role);
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> api.token(u, PASSWORD));
    }

    private Set<String> found(String user, String q) {
        Http.Response r = api.get(token(user), "/workspaces/people?max=100&q=" + Http.enc(q));
        assertEquals(200, r.status(), user + ": " + r.body());
        Set<String> names = new TreeSet<>();
        r.json().forEach(p -> names.add(p.get("username").asText()));
        return names;
    }

    private static void assertJsonError(Http.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().path("error").asText(), r.body());
        assertTrue(r.json().path("error_description").isTextual(), r.body());
    }

    @Test
    @Order(1)
    void byDefaultUsersFindOnlyUsersSharingAWorkspace() {
        assertEquals(Set.of("pv-ann", "pv-ben", "pv-cat"), found("pv-ann", "pv-"), "ann shares W1 and W2");
        assertEquals(Set.of("pv-ann", "pv-ben"), found("pv-ben", "pv-"), "ben shares only W1: not cat");
        assertEquals(Set.of("pv-ann", "pv-cat"), found("pv-cat", "PV-"), "case-insensitive");
        assertEquals(Set.of(), found("pv-dan", "pv-"), "a user of no workspace finds nobody");
        assertEquals(Set.of("pv-ann"), found("pv-ben", "ann archer"), "first and last name");
        assertEquals(Set.of("pv-ben"), found("pv-ann", "pv-ben@example"), "e-mail address");
        assertEquals(Set.of(), found("pv-ben", "pv-dan"), "not even by exact user name");
        assertEquals(Set.of(), found("pv-ann", "pv-%"), "% is no wildcard");
        assertEquals(Set.of(), found("pv-ann", "pv_a"), "_ is no wildcard");
    }

    @Test
    @Order(2)
    void tenantAdminsFindEveryoneButNeverAnotherTenantsUsers() {
        assertTrue(found("pv-tara", "pv-").containsAll(EVERYONE), "manage-users");
        assertTrue(found("pv-vic", "pv-").containsAll(EVERYONE), "view-users");
        assertEquals(Set.of(), found("pv-tara", "pv-zed"), "the other tenant's user");
        JsonNode ann = api.get(token("pv-tara"), "/workspaces/people?q=pv-ann").json().get(0);
        assertEquals(Set.of("id", "username", "name", "email"), fieldNames(ann));
        assertEquals("Ann Archer", ann.get("name").asText());
        assertEquals("pv-ann@example.test", ann.get("email").asText());
        Http.Response page = api.get(token("pv-tara"), "/workspaces/people?q=pv-&first=1&max=2");
        assertEquals(2, page.json().size(), page.body());
    }

    @Test
    @Order(3)
    void withVisibilityAllEveryoneFindsEveryone() {
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.user-visibility", "all"));
        try {
            assertTrue(found("pv-dan", "pv-").containsAll(EVERYONE), "dan is in no workspace, still sees all");
            assertTrue(found("pv-ben", "pv-cat").contains("pv-cat"));
            assertEquals(Set.of(), found("pv-dan", "pv-zed"), "never another tenant's users");
        } finally {
            admin.setRealmAttributes(realm, Map.of("usso.workspaces.user-visibility", "shared-workspace"));
        }
        assertEquals(Set.of(), found("pv-dan", "pv-"));
    }

    @Test
    @Order(4)
    void badInputIsRefusedAndSearchesAreRateLimited() {
        String ann = token("pv-ann");
        for (String query : List.of("", "?q=", "?q=a", "?q=%20a%20", "?q=" + "x".repeat(101), "?q=pv-&max=0",
                "?q=pv-&first=-1", "?q=pv-&max=abc", "?q=pv-&first=99999999999")) {
            assertJsonError(api.get(ann, "/workspaces/people" + query), 400, "invalid_request");
        }
        assertEquals(401, Http.plain().get(realmUrl() + "/workspaces/people?q=pv-").status());
        String other = new WorkspaceClient(server.realmUrl(otherRealm)).token("pv-zed", PASSWORD);
        assertEquals(401, api.get(other, "/workspaces/people?q=pv-").status(), "another tenant's token");

        // 30 searches a minute per user: 61 in a row cross at most one window boundary, so one must be refused
        Http.Response refused = null;
        for (int i = 0; i < 61 && refused == null; i++) {
            Http.Response r = api.get(token("pv-rate"), "/workspaces/people?q=pv-");
            if (r.status() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.status(), r.body());
            }
        }
        assertTrue(refused != null, "no search was refused");
        assertJsonError(refused, 429, "too_many_requests");
    }

    /** The body the admin console posts for the "Workspaces" tab. */
    private ObjectNode component(Map<String, String> form) {
        ObjectNode c = Http.JSON.createObjectNode();
        c.put("providerId", "Workspaces");
        c.put("providerType", TAB_PROVIDER);
        c.put("parentId", admin.getJson("/" + realm).get("id").asText());
        ObjectNode config = c.putObject("config");
        form.forEach((k, v) -> config.putArray(k).add(v));
        config.putArray("realm").add(realm);
        config.putArray("tab").add("usso-workspaces");
        return c;
    }

    private JsonNode attributes() {
        return admin.getJson("/" + realm).path("attributes");
    }

    @Test
    @Order(5)
    void theWorkspacesTabSetsTheTenantsWorkspaceSettings() {
        JsonNode before = attributes();
        for (Map<String, String> bad : List.of(Map.of("userVisibility", "friends"), Map.of("create", "everyone"),
                Map.of("maxPerUser", "1001"), Map.of("maxPerUser", "-1"), Map.of("catalogRequired", "maybe"))) {
            Http.Response r = admin.post("/" + realm + "/components", component(bad));
            assertEquals(400, r.status(), bad + " -> " + r.body());
            assertTrue(r.body().contains("must"), r.body());
        }
        assertEquals(before, attributes(), "nothing was written");

        Http.Response created = admin.post("/" + realm + "/components", component(Map.of("create", "admins",
                "maxPerUser", "2", "catalogRequired", "false", "userVisibility", "all")));
        assertEquals(201, created.status(), created.body());
        String id = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
        JsonNode attrs = attributes();
        assertEquals("anyone", attrs.path("usso.workspaces.create").asText(),
                "the first save keeps the setting made before (the form showed the default)");
        assertEquals("2", attrs.path("usso.workspaces.max-per-user").asText());
        assertEquals("all", attrs.path("usso.workspaces.user-visibility").asText());
        assertTrue(found("pv-dan", "pv-").containsAll(EVERYONE), "the search reads what the tab wrote");

        ObjectNode update = (ObjectNode) admin.getJson("/" + realm + "/components/" + id);
        ((ObjectNode) update.get("config")).putArray("userVisibility").add("shared-workspace");
        ((ObjectNode) update.get("config")).putArray("create").add("admins");
        AdminApi.expect(admin.put("/" + realm + "/components/" + id, update), 204, "save the tab again");
        assertEquals(Set.of(), found("pv-dan", "pv-"));
        assertJsonError(api.post(token("pv-dan"), "/workspaces", Map.of("name", "Not allowed")), 403,
                "access_denied");
        ((ObjectNode) update.get("config")).putArray("maxPerUser").add("lots");
        assertEquals(400, admin.put("/" + realm + "/components/" + id, update).status());
        assertEquals("2", attributes().path("usso.workspaces.max-per-user").asText());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
