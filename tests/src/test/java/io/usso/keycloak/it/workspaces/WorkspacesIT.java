package io.usso.keycloak.it.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workspaces self-service against the real server: create/list/get/update/delete, members and roles, who may do
 * what (a W1 admin cannot touch W2, an admin cannot touch owners, tenant admins manage all), tenant isolation,
 * invitations through Keycloak's organization invitation mail, the scope catalog, bad input as 4xx JSON, and the
 * demo tenant's open creation.
 */
class WorkspacesIT extends TenantIT {

    private static final String PASSWORD = "Workspaces-2026!";

    private final String catalogSecret = UssoServer.randomSecret();
    private WorkspaceClient api;
    private Mailbox mail;
    private String adamId;
    private String miaId;
    private String eveId;
    private String otherRealm;

    @Override
    protected void setUpTenant() {
        mail = Mailbox.start();
        mail.configure(admin, realm);
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone", "usso.workspaces.max-per-user", "4"));
        api = new WorkspaceClient(realmUrl());
        admin.createUser(realm, "olga", PASSWORD, Map.of());
        adamId = admin.createUser(realm, "adam", PASSWORD, Map.of());
        miaId = admin.createUser(realm, "mia", PASSWORD, Map.of());
        eveId = admin.createUser(realm, "eve", PASSWORD, Map.of());
        String taraId = admin.createUser(realm, "tara", PASSWORD, Map.of());
        WorkspaceClient.makeTenantAdmin(admin, realm, taraId);
        admin.createUser(realm, "ivan", PASSWORD, Map.of("email", "ivan@example.test"));
        admin.createClient(realm, AdminApi.confidentialClient("catalog-svc", catalogSecret, true));
        admin.assignClientScope(realm, "catalog-svc", "usso:workspaces", true);
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "catalog-svc"), "manage-scope-catalog");
    }

    @AfterAll
    void cleanUp() {
        if (mail != null) {
            mail.close();
        }
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private String token(String user) {
        return api.token(user, PASSWORD);
    }

    private static String path(JsonNode ws, String rest) {
        return "/workspaces/" + ws.get("id").asText() + rest;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("name").asText()));
        return out;
    }

    private static void assertJsonError(Http.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().path("error").asText(), r.body());
        assertTrue(r.json().has("error_description"), r.body());
    }

    @Test
    void createListGetUpdateAndDelete() {
        String olga = token("olga");
        Http.Response created = api.post(olga, "/workspaces", Map.of("name", "Olga's team", "slug", "olga-team",
                "description", "first", "settings", Map.of("theme", "dark")));
        assertEquals(201, created.status(), created.body());
        JsonNode ws = created.json();
        assertEquals("olga-team", ws.get("slug").asText());
        assertEquals(List.of("member", "owner"), strings(ws.get("my_roles")));
        assertEquals("dark", ws.path("settings").path("theme").asText());

        // a Keycloak organization: tenant admins see it in the admin console
        JsonNode org = admin.getJson("/" + realm + "/organizations/" + ws.get("id").asText());
        assertEquals("olga-team", org.get("alias").asText());
        assertEquals("Olga's team", org.get("name").asText());

        Http.Response list = api.get(olga, "/workspaces");
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains(ws.get("id").asText()));

        Http.Response update = api.put(olga, path(ws, ""), Map.of("name", "Olga's renamed team",
                "description", "second", "logo", "https://cdn.example.com/logo.png"));
        assertEquals(200, update.status(), update.body());
        JsonNode got = api.get(olga, path(ws, "")).json();
        assertEquals("Olga's renamed team", got.get("name").asText());
        assertEquals("second", got.get("description").asText());
        assertEquals("https://cdn.example.com/logo.png", got.get("logo").asText());
        assertEquals("dark", got.path("settings").path("theme").asText(), "settings kept by an update: " + got);
        assertEquals(200, api.put(olga, path(ws, ""), Map.of("settings", Map.of("theme", "light"))).status());
        assertEquals("light", api.get(olga, path(ws, "")).json().path("settings").path("theme").asText());
        assertJsonError(api.put(olga, path(ws, ""), Map.of("slug", "other-slug")), 400, "invalid_request");

        // not a member: the workspace does not exist for them
        String eve = token("eve");
        assertJsonError(api.get(eve, path(ws, "")), 404, "not_found");
        assertJsonError(api.delete(eve, path(ws, "")), 404, "not_found");
        assertFalse(api.get(eve, "/workspaces").body().contains(ws.get("id").asText()));

        Http.Response events = admin.get("/" + realm + "/admin-events?resourceTypes=ORGANIZATION&max=100");
        assertTrue(events.body().contains("workspace_created"), events.body());
        assertTrue(events.body().contains("workspace_updated"), events.body());

        assertEquals(204, api.delete(olga, path(ws, "")).status());
        assertJsonError(api.get(olga, path(ws, "")), 404, "not_found");
        assertEquals(404, admin.get("/" + realm + "/organizations/" + ws.get("id").asText()).status());
        assertTrue(admin.get("/" + realm + "/admin-events?resourceTypes=ORGANIZATION&max=100").body()
                .contains("workspace_deleted"));
    }

    @Test
    void membersAndRolesWhereAWorkspaceAdminManagesOnlyTheirOwnWorkspace() {
        String olga = token("olga");
        JsonNode w1 = api.create(olga, "Roles W1");
        JsonNode w2 = api.create(olga, "Roles W2");
        WorkspaceClient.addMember(admin, realm, w1.get("id").asText(), adamId);
        WorkspaceClient.addMember(admin, realm, w1.get("id").asText(), miaId);
        assertEquals(200, api.put(olga, path(w1, "/members/" + adamId + "/roles/admin"), Map.of()).status());

        String adam = token("adam");
        Http.Response role = api.post(adam, path(w1, "/roles"), Map.of("name", "editor",
                "scopes", List.of("read:media/files", "update:media/files")));
        assertEquals(201, role.status(), role.body());
        assertEquals(List.of("read:media/files", "update:media/files"), strings(role.json().get("scopes")));
        assertEquals(200, api.put(adam, path(w1, "/members/" + miaId + "/roles/editor"), Map.of()).status());
        JsonNode members = api.get(adam, path(w1, "/members")).json();
        assertEquals(3, members.size(), members.toString());
        assertTrue(members.toString().contains("\"editor\""));
        assertTrue(strings(api.get(adam, path(w1, "/roles")).json()).containsAll(List.of("owner", "admin", "member",
                "editor")));
        assertEquals(200, api.put(adam, path(w1, ""), Map.of("description", "by adam")).status());

        // an admin is no owner
        assertJsonError(api.delete(adam, path(w1, "")), 403, "access_denied");
        assertJsonError(api.put(adam, path(w1, "/members/" + miaId + "/roles/owner"), Map.of()), 403,
                "access_denied");
        assertJsonError(api.delete(adam, path(w1, "/members/" + ownerId(adam, w1))), 403, "access_denied");

        // W2: adam is not a member
        for (Http.Response r : List.of(api.get(adam, path(w2, "")), api.put(adam, path(w2, ""), Map.of("name", "x")),
                api.get(adam, path(w2, "/members")), api.post(adam, path(w2, "/roles"), Map.of("name", "spy")),
                api.put(adam, path(w2, "/members/" + adamId + "/roles/admin"), Map.of()),
                api.delete(adam, path(w2, "")))) {
            assertJsonError(r, 404, "not_found");
        }

        // a plain member reads but does not manage
        String mia = token("mia");
        assertEquals(200, api.get(mia, path(w1, "/members")).status());
        assertJsonError(api.post(mia, path(w1, "/roles"), Map.of("name", "mine")), 403, "access_denied");
        assertJsonError(api.put(mia, path(w1, "/members/" + miaId + "/roles/admin"), Map.of()), 403,
                "access_denied");

        // unassign, remove, leave; the last owner stays
        assertEquals(204, api.delete(adam, path(w1, "/members/" + miaId + "/roles/editor")).status());
        assertFalse(api.get(adam, path(w1, "/members")).body().contains("\"editor\""));
        assertEquals(204, api.delete(adam, path(w1, "/members/" + miaId)).status());
        assertJsonError(api.get(mia, path(w1, "")), 404, "not_found");
        assertJsonError(api.post(olga, path(w1, "/leave"), Map.of()), 409, "conflict");
        assertEquals(204, api.post(adam, path(w1, "/leave"), Map.of()).status());
        assertJsonError(api.get(adam, path(w1, "")), 404, "not_found");
        assertEquals(204, api.delete(olga, path(w1, "/roles/editor")).status());
        assertJsonError(api.delete(olga, path(w1, "/roles/owner")), 400, "invalid_request");

        // tenant admins manage every workspace; others may not list all
        String tara = token("tara");
        Http.Response all = api.get(tara, "/workspaces?all=true");
        assertEquals(200, all.status(), all.body());
        assertTrue(all.body().contains(w1.get("id").asText()) && all.body().contains(w2.get("id").asText()));
        assertEquals(200, api.put(tara, path(w2, ""), Map.of("description", "by the tenant admin")).status());
        assertJsonError(api.get(olga, "/workspaces?all=true"), 403, "access_denied");

        assertTrue(admin.get("/" + realm + "/admin-events?resourceTypes=ORGANIZATION_MEMBERSHIP&max=200").body()
                .contains("workspace_role_granted"));
        api.delete(olga, path(w1, ""));
        api.delete(olga, path(w2, ""));
    }

    private String ownerId(String token, JsonNode ws) {
        for (JsonNode m : api.get(token, path(ws, "/members")).json()) {
            if (m.toString().contains("\"owner\"")) {
                return m.get("id").asText();
            }
        }
        throw new AssertionError("no owner in " + ws);
    }

    @Test
    void creationFollowsTheTenantSettingAndThePerUserLimit() {
        String eve = token("eve");
        List<JsonNode> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(api.create(eve, "Eve limit " + i));
        }
        assertJsonError(api.post(eve, "/workspaces", Map.of("name", "Eve limit 5")), 409, "limit_reached");
        assertJsonError(api.post(token("olga"), "/workspaces", Map.of("name", "Eve limit 0")), 409, "conflict");
        for (JsonNode ws : mine) {
            assertEquals(204, api.delete(eve, path(ws, "")).status());
        }
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "admins"));
        try {
            assertJsonError(api.post(eve, "/workspaces", Map.of("name", "Not allowed")), 403, "access_denied");
            JsonNode byAdmin = api.create(token("tara"), "Made by the tenant admin");
            api.delete(token("tara"), path(byAdmin, ""));
        } finally {
            admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone"));
        }
    }

    @Test
    void badInputIsA4xxJsonAnswer() {
        String olga = token("olga");
        JsonNode ws = api.create(olga, "Bad input");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "x".repeat(300))), 400, "invalid_request");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "ok", "slug", "Not A Slug")), 400,
                "invalid_request");
        assertJsonError(api.post(olga, "/workspaces", Map.of("nom", "x")), 400, "invalid_request");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "big settings", "settings",
                Map.of("k", "v".repeat(300)))), 400, "invalid_request");
        assertJsonError(api.post(olga, "/workspaces", Map.of("name", "long logo", "logo",
                "https://cdn.example.com/" + "l".repeat(300))), 400, "invalid_request");
        assertJsonError(api.post(olga, "/workspaces", List.of("x")), 400, "invalid_request");
        Http.Response notJson = Http.plain().postForm(realmUrl() + "/workspaces", Map.of("name", "x"),
                "Authorization", "Bearer " + olga);
        assertTrue(notJson.status() >= 400 && notJson.status() < 500, notJson.status() + " " + notJson.body());
        assertJsonError(api.get(olga, "/workspaces/00000000-0000-0000-0000-000000000000"), 404, "not_found");
        assertJsonError(api.get(olga, "/workspaces/" + "x".repeat(300)), 404, "not_found");
        assertJsonError(api.post(olga, path(ws, "/roles"), Map.of("name", "r", "scopes", List.of("fly:me"))), 400,
                "invalid_scope");
        assertJsonError(api.post(olga, path(ws, "/roles"), Map.of("name", "R!")), 400, "invalid_request");
        assertJsonError(api.put(olga, path(ws, "/members/" + miaId + "/roles/admin"), Map.of()), 404, "not_found");
        assertJsonError(api.put(olga, path(ws, "/roles/nope"), Map.of("scopes", List.of())), 404, "not_found");
        String olgaId = ownerId(olga, ws);
        assertJsonError(api.put(olga, path(ws, "/members/" + olgaId + "/roles/admin"), Map.of("expires_in", -5)),
                400, "invalid_request");
        assertJsonError(api.put(olga, path(ws, "/members/" + olgaId + "/roles/member"), Map.of()), 400,
                "invalid_request");
        assertJsonError(api.get(olga, "/workspaces?all=true&first=x"), 403, "access_denied");
        assertJsonError(api.get(olga, path(ws, "/members?max=abc")), 400, "invalid_request");

        // tokens: none, or without the dedicated scope
        assertEquals(401, Http.plain().get(realmUrl() + "/workspaces").status());
        String narrow = new OidcLogin(realmUrl(), WorkspaceClient.SPA, WorkspaceClient.REDIRECT)
                .login("olga", PASSWORD, "openid").get("access_token").asText();
        Http.Response refused = api.get(narrow, "/workspaces");
        assertEquals(401, refused.status(), "no usso-api audience without the scope: " + refused.body());
        api.delete(olga, path(ws, ""));
    }

    @Test
    void tenantsAreIsolated() {
        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.setRealmAttributes(otherRealm, Map.of("usso.workspaces.create", "anyone"));
        admin.createUser(otherRealm, "olga", PASSWORD, Map.of());
        WorkspaceClient other = new WorkspaceClient(server.realmUrl(otherRealm));
        String otherOlga = other.token("olga", PASSWORD);
        JsonNode theirs = other.create(otherOlga, "Tenant B workspace");

        String olga = token("olga");
        assertJsonError(api.get(olga, path(theirs, "")), 404, "not_found");
        assertJsonError(api.delete(olga, path(theirs, "")), 404, "not_found");
        assertFalse(api.get(olga, "/workspaces").body().contains(theirs.get("id").asText()));
        String tara = token("tara");
        assertFalse(api.get(tara, "/workspaces?all=true").body().contains(theirs.get("id").asText()));
        assertJsonError(api.get(tara, path(theirs, "")), 404, "not_found");
        // a token of tenant B is no token here
        assertEquals(401, api.get(otherOlga, "/workspaces").status());
        assertEquals(200, other.get(otherOlga, path(theirs, "")).status());
    }

    @Test
    void invitationsUseKeycloaksOrganizationInvitationMail() throws Exception {
        String olga = token("olga");
        JsonNode ws = api.create(olga, "Invitations");
        Http.Response known = api.post(olga, path(ws, "/members/invite"), Map.of("email", "Ivan@Example.test"));
        assertEquals(201, known.status(), known.body());
        assertEquals("ivan@example.test", known.json().get("email").asText());
        MimeMessage toIvan = mail.await("ivan@example.test", 1, Duration.ofSeconds(20));
        String link = WorkspaceClient.actionLink(Mailbox.text(toIvan));
        assertTrue(link.contains("/login-actions/action-token?key="), link);
        assertTrue(Mailbox.text(toIvan).contains("Invitations") || Mailbox.html(toIvan).contains("Invitations"),
                "the mail names the workspace");
        assertJsonError(api.post(olga, path(ws, "/members/invite"), Map.of("email", "ivan@example.test")), 409,
                "conflict");

        Http.Response unknown = api.post(olga, path(ws, "/members/invite"), Map.of("email", "newbie@example.test"));
        assertEquals(201, unknown.status(), unknown.body());
        String registration = WorkspaceClient.registrationLink(Mailbox.text(mail.await("newbie@example.test", 1,
                Duration.ofSeconds(20))));
        assertTrue(registration.contains("/registrations") && registration.contains("token="), registration);

        JsonNode pending = admin.getJson("/" + realm + "/organizations/" + ws.get("id").asText() + "/invitations");
        assertTrue(pending.toString().contains("ivan@example.test") && pending.toString().contains("newbie@"),
                pending.toString());
        JsonNode analytics = api.get(olga, path(ws, "/analytics")).json();
        assertEquals(1, analytics.get("member_count").asInt(), analytics.toString());
        assertEquals(2, analytics.get("invitations_pending").asInt(), analytics.toString());
        assertEquals(1, analytics.get("active_members_30d").asInt(), "olga signed in: " + analytics);
        assertEquals(1, analytics.get("active_members_7d").asInt(), analytics.toString());

        // ivan accepts: Keycloak's invitation handler makes him a member
        accept(link);
        assertTrue(admin.getJson("/" + realm + "/organizations/" + ws.get("id").asText() + "/members").toString()
                .contains("\"ivan\""), "ivan joined through the invitation link");
        assertEquals(2, api.get(olga, path(ws, "/analytics")).json().get("member_count").asInt());

        assertJsonError(api.post(olga, path(ws, "/members/invite"), Map.of("email", "not-an-address")), 400,
                "invalid_request");
        assertJsonError(api.post(token("mia"), path(ws, "/members/invite"), Map.of("email", "x@example.test")), 404,
                "not_found");
        assertTrue(admin.get("/" + realm + "/admin-events?resourceTypes=ORGANIZATION_MEMBERSHIP&max=200").body()
                .contains("workspace_member_invited"));

        // invitations spend the tenant's e-mail budget (two sent this hour)
        admin.setRealmAttributes(realm, Map.of("usso.security.emails-per-hour", "2"));
        try {
            assertJsonError(api.post(olga, path(ws, "/members/invite"), Map.of("email", "third@example.test")), 429,
                    "too_many_requests");
        } finally {
            admin.setRealmAttributes(realm, Map.of("usso.security.emails-per-hour", "1000"));
        }
        api.delete(olga, path(ws, ""));
    }

    /** Opens an invitation link as a browser would: Keycloak's confirmation page, then its "proceed" link. */
    private static void accept(String link) {
        Http browser = Http.withCookies();
        String next = link;
        for (int i = 0; i < 5 && next != null; i++) {
            Http.Response r = browser.get(next);
            next = null;
            if (r.status() == 302 || r.status() == 303) {
                String location = r.header("Location");
                if (location != null && location.contains("/login-actions/")) {
                    next = java.net.URI.create(link).resolve(location).toString();
                }
            } else if (r.status() == 200) {
                java.util.regex.Matcher proceed = java.util.regex.Pattern
                        .compile("href=\"([^\"]*login-actions/action-token[^\"]*)\"").matcher(r.body());
                if (proceed.find()) {
                    next = java.net.URI.create(link).resolve(OidcLogin.unescape(proceed.group(1))).toString();
                }
            }
        }
    }

    @Test
    void rolesOnlyCarryCataloguedScopesOnceAServiceRegisteredSome() {
        String service = OidcLogin.clientCredentials(realmUrl(), "catalog-svc", catalogSecret);
        String olga = token("olga");
        JsonNode ws = api.create(olga, "Catalog");
        assertEquals(201, api.post(olga, path(ws, "/roles"), Map.of("name", "anything",
                "scopes", List.of("read:billing"))).status(), "an empty catalog allows every well-formed scope");

        Http.Response put = api.put(service, "/scope-catalog/media", Map.of("scopes", List.of("manage:media/*")));
        assertEquals(200, put.status(), put.body());
        assertEquals(List.of("manage:media/*"), strings(put.json().get("scopes")));
        assertEquals(200, api.get(service, "/scope-catalog/media").status());
        assertTrue(api.get(service, "/scope-catalog").body().contains("media"));

        assertJsonError(api.post(olga, path(ws, "/roles"), Map.of("name", "billing",
                "scopes", List.of("read:billing"))), 400, "invalid_scope");
        assertEquals(201, api.post(olga, path(ws, "/roles"), Map.of("name", "media",
                "scopes", List.of("read:media/files"))).status());

        // a person without the role, bad input
        assertJsonError(api.put(olga, "/scope-catalog/media", Map.of("scopes", List.of())), 403, "access_denied");
        assertJsonError(api.put(service, "/scope-catalog/Bad%20Name", Map.of("scopes", List.of())), 400,
                "invalid_request");
        assertJsonError(api.put(service, "/scope-catalog/media", Map.of("scopes", List.of("nope"))), 400,
                "invalid_scope");
        assertJsonError(api.get(service, "/scope-catalog/unknown"), 404, "not_found");
        assertEquals(200, api.put(service, "/scope-catalog/media", Map.of("scopes", List.of())).status());
        api.delete(olga, path(ws, ""));
    }

    @Test
    void theDemoTenantLetsSignedInUsersCreateWorkspaces() throws Exception {
        String demo = realm + "-demo";
        ObjectNode rep = RealmTemplates.load("demo-tenant.json");
        String text = Http.JSON.writeValueAsString(rep).replace("\"realm\":\"demo\"", "\"realm\":\"" + demo + "\"")
                .replace("default-roles-demo", "default-roles-" + demo).replace("/realms/demo/", "/realms/" + demo + "/")
                .replace("/admin/demo/", "/admin/" + demo + "/");
        admin.createRealm((ObjectNode) Http.JSON.readTree(text));
        try {
            WorkspaceClient demoApi = new WorkspaceClient(server.realmUrl(demo));
            String alice = demoApi.token("alice", "Alice-Demo-2026!");
            Http.Response r = demoApi.post(alice, "/workspaces", Map.of("name", "Alice's first workspace"));
            assertEquals(201, r.status(), r.body());
            assertEquals(List.of("member", "owner"), strings(r.json().get("my_roles")));
        } finally {
            admin.deleteRealm(demo);
        }
    }
}
