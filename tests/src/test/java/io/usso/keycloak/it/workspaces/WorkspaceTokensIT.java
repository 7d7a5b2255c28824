package io.usso.keycloak.it.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The active workspace in tokens, against the real server: exactly one {@code workspace_id} for a member of two
 * workspaces, that workspace's roles and scopes merged into {@code roles}/{@code scopes}, switching by refresh with
 * {@code workspace_id} and by the authorization parameter {@code workspace_id}, {@code invalid_scope} for a
 * workspace the user is not in, membership, role and expiry changes in the next token, and Keycloak's own
 * {@code organization} claim next to ours.
 */
class WorkspaceTokensIT extends TenantIT {

    private static final String PASSWORD = "Workspace-Tokens-2026!";

    private WorkspaceClient api;
    private String olga;
    private String miaId;
    private JsonNode alpha;
    private JsonNode beta;
    private JsonNode foreign;

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone"));
        api = new WorkspaceClient(realmUrl());
        admin.createUser(realm, "olga", PASSWORD, Map.of());
        miaId = admin.createUser(realm, "mia", PASSWORD, Map.of());
        admin.createUser(realm, "eve", PASSWORD, Map.of());
        olga = api.token("olga", PASSWORD);
        alpha = api.create(olga, "Alpha workspace");
        beta = api.create(olga, "Beta workspace");
        foreign = api.create(api.token("eve", PASSWORD), "Eve's own workspace");
        role(alpha, "editor", List.of("read:media/files", "update:media/files"));
        role(beta, "billing", List.of("read:billing"));
        WorkspaceClient.addMember(admin, realm, id(alpha), miaId);
        WorkspaceClient.addMember(admin, realm, id(beta), miaId);
        assign(alpha, "editor", Map.of());
        assign(beta, "billing", Map.of());
    }

    private static String id(JsonNode ws) {
        return ws.get("id").asText();
    }

    private void role(JsonNode ws, String name, List<String> scopes) {
        Http.Response r = api.post(olga, "/workspaces/" + id(ws) + "/roles", Map.of("name", name, "scopes", scopes));
        assertEquals(201, r.status(), r.body());
    }

    private void assign(JsonNode ws, String role, Map<String, Object> body) {
        Http.Response r = api.put(olga, "/workspaces/" + id(ws) + "/members/" + miaId + "/roles/" + role, body);
        assertEquals(200, r.status(), r.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static JsonNode access(JsonNode tokens) {
        return WorkspaceClient.claims(tokens.get("access_token").asText());
    }

    private JsonNode refreshed(String refreshToken, String workspaceId) {
        Http.Response r = api.refresh(refreshToken, workspaceId);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void oneWorkspacePerTokenAndSwitchingByRefresh() {
        JsonNode tokens = api.tokens("mia", PASSWORD);
        JsonNode claims = access(tokens);
        assertEquals(id(alpha), claims.get("workspace_id").asText(), "the first workspace by name: " + claims);
        assertTrue(strings(claims.get("roles")).containsAll(List.of("editor", "member")), claims.toString());
        assertTrue(strings(claims.get("scopes")).containsAll(List.of("read:media/files", "update:media/files")));
        assertFalse(strings(claims.get("scopes")).contains("read:billing"), "only the active workspace's scopes");
        assertFalse(strings(claims.get("roles")).contains("billing"));
        assertEquals(id(alpha), WorkspaceClient.claims(tokens.get("id_token").asText()).get("workspace_id").asText());

        JsonNode switched = refreshed(tokens.get("refresh_token").asText(), id(beta));
        JsonNode b = access(switched);
        assertEquals(id(beta), b.get("workspace_id").asText());
        assertTrue(strings(b.get("scopes")).contains("read:billing"), b.toString());
        assertFalse(strings(b.get("scopes")).contains("read:media/files"), b.toString());
        assertTrue(strings(b.get("roles")).contains("billing"));
        assertFalse(strings(b.get("roles")).contains("editor"));

        JsonNode stays = refreshed(switched.get("refresh_token").asText(), null);
        assertEquals(id(beta), access(stays).get("workspace_id").asText(), "later refreshes keep the workspace");

        Http.Response notMine = api.refresh(stays.get("refresh_token").asText(), id(foreign));
        assertEquals(400, notMine.status(), notMine.body());
        assertEquals("invalid_scope", notMine.json().path("error").asText(), notMine.body());
        Http.Response junk = api.refresh(stays.get("refresh_token").asText(), "x".repeat(300));
        assertEquals(400, junk.status(), junk.body());
        assertEquals("invalid_scope", junk.json().path("error").asText(), junk.body());

        JsonNode after = refreshed(stays.get("refresh_token").asText(), null);
        assertEquals(id(beta), access(after).get("workspace_id").asText(), "a refused switch changes nothing");
    }

    @Test
    void theAuthorizationRequestChoosesTheWorkspace() {
        Http.Response r = api.signIn("mia", PASSWORD, WorkspaceClient.SCOPE, Map.of("workspace_id", id(beta)));
        assertEquals(200, r.status(), r.body());
        assertEquals(id(beta), access(r.json()).get("workspace_id").asText());

        Http.Response refused = api.signIn("mia", PASSWORD, WorkspaceClient.SCOPE,
                Map.of("workspace_id", id(foreign)));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("invalid_scope", refused.json().path("error").asText(), refused.body());
    }

    @Test
    void membershipRoleAndExpiryChangesShowInTheNextToken() throws Exception {
        JsonNode tokens = refreshed(api.tokens("mia", PASSWORD).get("refresh_token").asText(), id(alpha));
        assertTrue(strings(access(tokens).get("roles")).contains("editor"));

        // scopes of a role change
        Http.Response update = api.put(olga, "/workspaces/" + id(alpha) + "/roles/editor",
                Map.of("scopes", List.of("read:media/files")));
        assertEquals(200, update.status(), update.body());
        tokens = refreshed(tokens.get("refresh_token").asText(), null);
        assertEquals(List.of("read:media/files"), strings(access(tokens).get("scopes")).stream()
                .filter(s -> s.contains("media")).toList());

        // a time-limited role: in the token until it expires, gone right after (no cleanup needed)
        role(alpha, "temp", List.of("delete:media/files"));
        assign(alpha, "temp", Map.of("expires_in", 3));
        tokens = refreshed(tokens.get("refresh_token").asText(), null);
        assertTrue(strings(access(tokens).get("roles")).contains("temp"));
        assertTrue(strings(access(tokens).get("scopes")).contains("delete:media/files"));
        Thread.sleep(4000);
        tokens = refreshed(tokens.get("refresh_token").asText(), null);
        assertFalse(strings(access(tokens).get("roles")).contains("temp"), access(tokens).toString());
        assertFalse(strings(access(tokens).get("scopes")).contains("delete:media/files"));

        // unassigned role, then membership gone: the next token moves to the remaining workspace
        assertEquals(204, api.delete(olga, "/workspaces/" + id(alpha) + "/members/" + miaId + "/roles/editor")
                .status());
        tokens = refreshed(tokens.get("refresh_token").asText(), null);
        assertFalse(strings(access(tokens).get("roles")).contains("editor"));
        assertEquals(204, api.delete(olga, "/workspaces/" + id(alpha) + "/members/" + miaId).status());
        tokens = refreshed(tokens.get("refresh_token").asText(), null);
        assertEquals(id(beta), access(tokens).get("workspace_id").asText());
        Http.Response gone = api.refresh(tokens.get("refresh_token").asText(), id(alpha));
        assertEquals(400, gone.status(), gone.body());

        // back to the set-up for the other tests
        WorkspaceClient.addMember(admin, realm, id(alpha), miaId);
        assign(alpha, "editor", Map.of());
        assertEquals(200, api.put(olga, "/workspaces/" + id(alpha) + "/roles/editor",
                Map.of("scopes", List.of("read:media/files", "update:media/files"))).status());
    }

    @Test
    void permissionsExplainWhichRoleGivesEachScope() {
        String mia = api.token("mia", PASSWORD);
        Http.Response r = api.get(mia, "/workspaces/" + id(alpha) + "/members/" + miaId + "/permissions/explain");
        assertEquals(200, r.status(), r.body());
        JsonNode explained = r.json();
        assertTrue(strings(explained.get("roles")).containsAll(List.of("editor", "member")), explained.toString());
        String scopes = explained.get("scopes").toString();
        assertTrue(scopes.contains("{\"scope\":\"read:media/files\",\"granted_by\":[{\"role\":\"editor\""), scopes);
        String olgaId = null;
        for (JsonNode m : api.get(olga, "/workspaces/" + id(alpha) + "/members").json()) {
            if ("olga".equals(m.get("username").asText())) {
                olgaId = m.get("id").asText();
            }
        }
        Http.Response notAdmin = api.get(mia, "/workspaces/" + id(alpha) + "/members/" + olgaId
                + "/permissions/explain");
        assertEquals(403, notAdmin.status(), notAdmin.body());
        assertEquals(200, api.get(olga, "/workspaces/" + id(alpha) + "/members/" + miaId + "/permissions/explain")
                .status());
        Http.Response stranger = api.get(api.token("eve", PASSWORD), "/workspaces/" + id(alpha) + "/members/"
                + miaId + "/permissions/explain");
        assertEquals(404, stranger.status(), stranger.body());
    }

    @Test
    void keycloaksOrganizationClaimKeepsWorkingForMembersOfSeveralWorkspaces() {
        Http.Response r = api.signIn("mia", PASSWORD, WorkspaceClient.SCOPE + " organization:*", Map.of());
        assertEquals(200, r.status(), r.body());
        JsonNode claims = access(r.json());
        String organization = claims.path("organization").toString();
        assertTrue(organization.contains(alpha.get("slug").asText()) && organization.contains(beta.get("slug")
                .asText()), "both organizations in Keycloak's claim: " + claims);
        assertEquals(1, claims.findValues("workspace_id").size(), "exactly one workspace_id");
    }

    @Test
    void aUserWithoutWorkspacesGetsNoWorkspaceClaims() {
        admin.createUser(realm, "nora", PASSWORD, Map.of());
        JsonNode claims = access(api.tokens("nora", PASSWORD));
        assertFalse(claims.has("workspace_id"), claims.toString());
        assertFalse(strings(claims.get("roles")).contains("member"), claims.toString());
    }
}
