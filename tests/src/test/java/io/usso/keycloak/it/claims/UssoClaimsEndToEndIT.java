package io.usso.keycloak.it.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Jwks;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, as an app written for USSO's SDK sees it: authorization code + PKCE as the tenant template's
 * public SPA client, then the access token verified offline against the realm's JWKS and every USSO claim
 * checked.
 */
class UssoClaimsEndToEndIT extends TenantIT {

    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Correct-Horse-9!";

    private String userId;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "viewer", Map.of("usso.scopes", List.of("read:media/files")));
        admin.createRealmRole(realm, "editor", Map.of("usso.scopes",
                List.of("create:media/files, read:media/files", "read:billing")));
        admin.createRealmRole(realm, "billing", Map.of("usso.scopes", List.of("manage:billing?workspace_id=w1")));
        admin.createRealmRole(realm, "team-lead", Map.of());
        // team-lead is a composite holding billing: scopes of composites count
        ArrayNode composite = Http.JSON.createArrayNode().add(admin.role(realm, "billing"));
        AdminApi.expect(admin.post("/" + realm + "/roles/team-lead/composites", composite), 204, "composite");
        admin.createRealmRole(realm, "not-mine", Map.of("usso.scopes", List.of("admin:everything")));
        userId = admin.createUser(realm, "bob", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, userId, "viewer", "editor", "team-lead");
        admin.setUserAttribute(realm, userId, "usso.scopes", List.of("read:reports/*"));
    }

    private JsonNode login() {
        return new OidcLogin(realmUrl(), SPA, REDIRECT).login("bob", PASSWORD, "openid");
    }

    @Test
    void accessTokenCarriesEveryUssoClaimAndVerifiesOffline() {
        JsonNode tokens = login();
        JsonNode access = Jwks.fetch(realmUrl()).verify(tokens.get("access_token").asText());

        assertEquals(realmUrl(), access.get("iss").asText());
        assertEquals(userId, access.get("sub").asText());
        assertEquals(realm, access.get("tenant_id").asText());
        assertEquals("access", access.get("token_type").asText());
        assertEquals(userId, access.get("user_id").asText());
        assertEquals(access.get("sid").asText(), access.get("session_id").asText(), "session_id is the Keycloak session");
        assertEquals(600, access.get("exp").asLong() - access.get("iat").asLong(), "access token lifetime like USSO");

        List<String> roles = strings(access.get("roles"));
        assertTrue(roles.containsAll(List.of("viewer", "editor", "team-lead", "billing")), roles.toString());
        assertFalse(roles.contains("not-mine"), roles.toString());
        assertFalse(roles.stream().anyMatch(r -> r.startsWith("default-roles-")), "the default composite is noise: " + roles);

        assertEquals(List.of("create:media/files", "manage:billing?workspace_id=w1", "read:billing", "read:media/files",
                "read:reports/*"), strings(access.get("scopes")), "de-duplicated, sorted, composites and user attribute included");
        assertEquals(List.of("pwd"), strings(access.get("amr")));
        assertFalse(access.has("workspace_id"), "no workspace selected yet");
    }

    @Test
    void idTokenSaysItIsAnIdToken() {
        JsonNode tokens = login();
        JsonNode id = Jwks.fetch(realmUrl()).verify(tokens.get("id_token").asText());
        assertEquals("id", id.path("token_type").asText(), "an ID token must fail USSO's token_type == access check");
        assertEquals(realm, id.get("tenant_id").asText());
    }

    @Test
    void userInfoCarriesTenantAndUser() {
        JsonNode tokens = login();
        Http.Response r = Http.plain().get(realmUrl() + "/protocol/openid-connect/userinfo",
                "Authorization", "Bearer " + tokens.get("access_token").asText());
        assertEquals(200, r.status(), r.body());
        assertEquals(realm, r.json().get("tenant_id").asText());
        assertEquals(userId, r.json().get("user_id").asText());
    }

    @Test
    void losingARoleRemovesItsScopesFromTheNextToken() {
        String other = admin.createUser(realm, "carol", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, other, "editor");
        JsonNode before = Jwks.fetch(realmUrl()).verify(new OidcLogin(realmUrl(), SPA, REDIRECT)
                .login("carol", PASSWORD, "openid").get("access_token").asText());
        assertTrue(strings(before.get("scopes")).contains("create:media/files"));

        ArrayNode editor = Http.JSON.createArrayNode().add(admin.role(realm, "editor"));
        AdminApi.expect(admin.delete("/" + realm + "/users/" + other + "/role-mappings/realm", editor), 204, "revoke");
        JsonNode after = Jwks.fetch(realmUrl()).verify(new OidcLogin(realmUrl(), SPA, REDIRECT)
                .login("carol", PASSWORD, "openid").get("access_token").asText());
        assertFalse(after.has("scopes") && strings(after.get("scopes")).contains("create:media/files"), after.toString());
    }

    @Test
    void usersCannotGrantThemselvesScopesThroughTheAccountApi() {
        String other = admin.createUser(realm, "mallory", PASSWORD, Map.of());
        String token = new OidcLogin(realmUrl(), SPA, REDIRECT).login("mallory", PASSWORD, "openid")
                .get("access_token").asText();
        Http.Response me = Http.plain().get(realmUrl() + "/account/", "Authorization", "Bearer " + token,
                "Accept", "application/json");
        assertEquals(200, me.status(), me.body());
        com.fasterxml.jackson.databind.node.ObjectNode rep = (com.fasterxml.jackson.databind.node.ObjectNode) me.json();
        rep.putObject("attributes").putArray("usso.scopes").add("superadmin:*");
        Http.Response update = Http.plain().postJson(realmUrl() + "/account/", rep, "Authorization", "Bearer " + token);
        assertTrue(update.status() == 204 || update.status() == 400, "account update: " + update.status() + " " + update.body());

        JsonNode stored = admin.getJson("/" + realm + "/users/" + other);
        assertFalse(stored.path("attributes").has("usso.scopes"), "a user set usso.scopes: " + stored);
        JsonNode next = Jwks.fetch(realmUrl()).verify(new OidcLogin(realmUrl(), SPA, REDIRECT)
                .login("mallory", PASSWORD, "openid").get("access_token").asText());
        assertFalse(next.has("scopes") && strings(next.get("scopes")).contains("superadmin:*"), next.toString());
    }

    @Test
    void pkceIsRequiredForTheSpaClient() {
        String url = realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of(
                "client_id", SPA, "redirect_uri", REDIRECT, "response_type", "code", "scope", "openid", "state", "s1"));
        Http.Response r = Http.plain().get(url);
        assertEquals(302, r.status(), r.body());
        String location = r.header("Location");
        assertTrue(location.startsWith(REDIRECT) && location.contains("error=invalid_request"), location);
        assertTrue(URI.create(location).getRawQuery().contains("code_challenge"), location);
    }

    @Test
    void anotherTenantsKeysDoNotVerifyOurTokens() {
        String token = login().get("access_token").asText();
        AssertionError e = assertThrows(AssertionError.class,
                () -> Jwks.fetch(server.realmUrl("demo")).verify(token));
        assertNotNull(e.getMessage());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
