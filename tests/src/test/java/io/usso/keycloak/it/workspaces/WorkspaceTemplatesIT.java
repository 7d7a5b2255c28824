package io.usso.keycloak.it.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workspace templates against the real server: the tenant template's "team" (a realm attribute from the realm
 * import), creating a workspace from a template (roles and scopes in the same transaction), unknown templates,
 * templates the scope catalog refuses (at save and at creation; nothing half-created), tenant isolation, who may
 * manage templates, limits, admin events and bad input.
 */
class WorkspaceTemplatesIT extends TenantIT {

    private static final String PASSWORD = "Templates-2026!";

    private WorkspaceClient api;
    private String otherRealm;
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone", "usso.workspaces.max-per-user",
                "50"));
        api = new WorkspaceClient(realmUrl());
        admin.createUser(realm, "olga", PASSWORD, Map.of());
        String taraId = admin.createUser(realm, "tara", PASSWORD, Map.of());
        WorkspaceClient.makeTenantAdmin(admin, realm, taraId);

        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.setRealmAttributes(otherRealm, Map.of("usso.workspaces.create", "anyone",
                "usso.workspaces.templates", "{\"only-in-b\":{\"roles\":[{\"name\":\"spy\",\"scopes\":"
                        + "[\"manage:everything/*\"]}]}}"));
        admin.createUser(otherRealm, "olga", PASSWORD, Map.of());
    }

    @AfterAll
    void cleanUp() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> api.token(u, PASSWORD));
    }

    private static void assertJsonError(Http.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().path("error").asText(), r.body());
        assertTrue(r.json().path("error_description").isTextual(), r.body());
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.path("name").asText(), n));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, Object> template(String description, Map<String, Object>... roles) {
        return Map.of("description", description, "roles", List.of(roles));
    }

    private static Map<String, Object> role(String name, String... scopes) {
        return Map.of("name", name, "scopes", List.of(scopes));
    }

    private int organizationsNamed(String name) {
        return admin.getJson("/" + realm + "/organizations?exact=true&search=" + Http.enc(name)).size();
    }

    @Test
    void aWorkspaceCreatedFromTheTenantTemplatesTeamGetsItsRolesAndScopes() {
        String olga = token("olga");
        Http.Response list = api.get(olga, "/workspace-templates");
        assertEquals(200, list.status(), list.body());
        JsonNode team = byName(list.json()).get("team");
        assertTrue(team != null, "the tenant template ships 'team': " + list.body());
        assertEquals(team, api.get(olga, "/workspace-templates/team").json());

        Http.Response created = api.post(olga, "/workspaces", Map.of("name", "From team", "template", "team"));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals(List.of("member", "owner"), strings(created.json().get("my_roles")));
        Map<String, JsonNode> roles = byName(api.get(olga, "/workspaces/" + id + "/roles").json());
        assertEquals(List.of("create:workspace/content", "read:workspace/content", "update:workspace/content"),
                strings(roles.get("editor").get("scopes")));
        assertEquals("Creates and changes the workspace's content", roles.get("editor").path("description").asText());
        assertEquals(List.of("read:workspace/content"), strings(roles.get("member").get("scopes")));
        assertEquals(List.of("manage:workspace/content"), strings(roles.get("admin").get("scopes")));

        // the creator's token for that workspace carries the template's member scope
        Http.Response signIn = api.signIn("olga", PASSWORD, WorkspaceClient.SCOPE, Map.of("workspace_id", id));
        assertEquals(200, signIn.status(), signIn.body());
        JsonNode claims = WorkspaceClient.claims(signIn.json().get("access_token").asText());
        assertEquals(id, claims.path("workspace_id").asText(), claims.toString());
        assertTrue(claims.path("scopes").toString().contains("read:workspace/content"), claims.toString());
        Http.Response events = admin.get("/" + realm + "/admin-events?resourceTypes=ORGANIZATION&max=200");
        assertTrue(events.body().contains("\"workspace_template\":\"team\""), events.body());
    }

    @Test
    void anUnknownTemplateIsABadRequestAndCreatesNothing() {
        String olga = token("olga");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "Ghost", "template", "no-such")), 400,
                "invalid_request");
        assertEquals(0, organizationsNamed("Ghost"));
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "Ghost", "template", "Not A Name")), 400,
                "invalid_request");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "Ghost", "template", List.of("team"))), 400,
                "invalid_request");
        assertJsonError(api.get(olga, "/workspace-templates/no-such"), 404, "not_found");
        assertJsonError(api.get(olga, "/workspace-templates/Bad%20Name"), 400, "invalid_request");
        assertEquals(0, organizationsNamed("Ghost"));
    }

    @Test
    void anotherTenantsTemplateIsUnknownHere() {
        String olga = token("olga");
        assertFalse(api.get(olga, "/workspace-templates").body().contains("only-in-b"));
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "Borrowed", "template", "only-in-b")), 400,
                "invalid_request");
        assertEquals(0, organizationsNamed("Borrowed"));
        // the other tenant's own user may use it there
        WorkspaceClient b = new WorkspaceClient(server.realmUrl(otherRealm));
        String bOlga = b.token("olga", PASSWORD);
        assertEquals(201, b.post(bOlga, "/workspaces", Map.of("name", "B team", "template", "only-in-b")).status());
        // and B's token is no good here
        assertEquals(401, api.get(bOlga, "/workspace-templates").status());
    }

    @Test
    void onlyTenantAdminsManageTemplatesAndEveryChangeIsAnAdminEvent() {
        String olga = token("olga");
        String tara = token("tara");
        Map<String, Object> agency = template("An agency", role("account.manager", "manage:clients/*"),
                role("owner", "owner:clients/*"));
        assertJsonError(api.put(olga, "/workspace-templates/agency", agency), 403, "access_denied");
        assertJsonError(api.delete(olga, "/workspace-templates/team"), 403, "access_denied");

        Http.Response created = api.put(tara, "/workspace-templates/agency", agency);
        assertEquals(201, created.status(), created.body());
        assertEquals("agency", created.json().get("name").asText());
        Http.Response replaced = api.put(tara, "/workspace-templates/agency",
                template("An agency, v2", role("account.manager", "read:clients/*")));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("An agency, v2", api.get(olga, "/workspace-templates/agency").json().get("description").asText());

        Http.Response ws = api.post(olga, "/workspaces", Map.of("name", "Agency A", "template", "agency"));
        assertEquals(201, ws.status(), ws.body());
        Map<String, JsonNode> roles = byName(api.get(olga, "/workspaces/" + ws.json().get("id").asText() + "/roles")
                .json());
        assertEquals(List.of("read:clients/*"), strings(roles.get("account.manager").get("scopes")), "the v2 roles");
        assertEquals(List.of(), strings(roles.get("owner").path("scopes")), "v2 gives the owner no scopes");

        assertEquals(204, api.delete(tara, "/workspace-templates/agency").status());
        assertJsonError(api.delete(tara, "/workspace-templates/agency"), 404, "not_found");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "Agency B", "template", "agency")), 400,
                "invalid_request");
        // unfiltered: Keycloak's admin-events filter takes only its own resource types (another one is a 500 there)
        String events = admin.get("/" + realm + "/admin-events?max=500").body();
        assertTrue(events.contains("\"resourceType\":\"USSO_WORKSPACE_TEMPLATE\""), events);
        assertTrue(events.contains("workspace_template_saved") && events.contains("workspace_template_deleted"),
                events);
        assertTrue(events.contains("workspace-templates/agency"), events);
    }

    @Test
    void theScopeCatalogRuleAppliesToTemplatesWhenSavedAndWhenUsed() {
        String olga = token("olga");
        String tara = token("tara");
        assertEquals(201, api.put(tara, "/workspace-templates/docs", template("Docs",
                role("writer", "update:docs/*"))).status());
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.catalog-required", "true"));
        try {
            assertJsonError(api.put(tara, "/workspace-templates/docs2", template("Docs",
                    role("writer", "update:docs/*"))), 400, "invalid_scope");
            assertJsonError(api.get(olga, "/workspace-templates/docs2"), 404, "not_found");
            // saved before the rule: refused when used, and nothing of the workspace is left behind
            Http.Response refused = api.post(olga, "/workspaces", Map.of("name", "Docs W", "template", "docs"));
            assertJsonError(refused, 400, "invalid_scope");
            assertTrue(refused.json().get("error_description").asText().contains("update:docs/*"), refused.body());
            assertEquals(0, organizationsNamed("Docs W"));
            // a template without scopes passes
            assertEquals(201, api.put(tara, "/workspace-templates/plain", template("Plain", role("helper")))
                    .status());
            assertEquals(201, api.post(olga, "/workspaces", Map.of("name", "Plain W", "template", "plain")).status());
        } finally {
            admin.setRealmAttributes(realm, Map.of("usso.workspaces.catalog-required", "false"));
        }
        assertEquals(201, api.post(olga, "/workspaces", Map.of("name", "Docs W", "template", "docs")).status());
    }

    @Test
    void badTemplatesAreRefusedWithAClearMessageAndTheLimitsHold() {
        String tara = token("tara");
        ObjectNode tooMany = Http.JSON.createObjectNode();
        ArrayNode roles = tooMany.putArray("roles");
        for (int i = 0; i < 31; i++) {
            roles.addObject().put("name", "r" + i);
        }
        for (Object body : List.of(Map.of(), Map.of("roles", "editor"), Map.of("roles", List.of("editor")),
                Map.of("roles", List.of(), "extra", 1), Map.of("roles", List.of(Map.of("name", "Bad Role"))),
                Map.of("roles", List.of(role("a"), role("a"))), Map.of("roles", List.of(), "description", 7),
                tooMany)) {
            Http.Response r = api.put(tara, "/workspace-templates/bad", body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertTrue(r.json().path("error_description").isTextual(), r.body());
        }
        assertJsonError(api.put(tara, "/workspace-templates/bad", Map.of("roles", List.of(role("a", "nope")))), 400,
                "invalid_scope");
        assertJsonError(api.put(tara, "/workspace-templates/Bad%20Name", Map.of("roles", List.of())), 400,
                "invalid_request");

        // at most 20 templates in a tenant
        int existing = api.get(tara, "/workspace-templates").json().size();
        for (int i = existing; i < 20; i++) {
            assertEquals(201, api.put(tara, "/workspace-templates/fill-" + i, Map.of("roles", List.of())).status());
        }
        assertJsonError(api.put(tara, "/workspace-templates/one-too-many", Map.of("roles", List.of())), 409,
                "limit_reached");
        for (int i = existing; i < 20; i++) {
            assertEquals(204, api.delete(tara, "/workspace-templates/fill-" + i).status());
        }
        assertEquals(401, Http.plain().get(realmUrl() + "/workspace-templates").status());
    }
}
