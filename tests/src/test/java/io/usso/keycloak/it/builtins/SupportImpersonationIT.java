package io.usso.keycloak.it.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;

/**
 * Impersonation for support staff: the template's realm role {@code support} may find users of its own tenant and
 * sign in as them (Keycloak's impersonation); every token of the impersonated session names the support person in
 * RFC 8693's {@code act} claim; Keycloak records an {@code IMPERSONATE} event with the impersonator; another
 * tenant's users are out of reach; a support person holds no other admin power.
 */
class SupportImpersonationIT extends TenantIT {

    private static final String DESK = "support-desk";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Support-Desk-2026!";

    private String supportId;
    private String customerId;
    private String otherRealm;

    @Override
    protected void setUpTenant() {
        supportId = admin.createUser(realm, "helper", PASSWORD, Map.of("email", "helper@tenant.example",
                "emailVerified", true, "firstName", "Help", "lastName", "Desk"));
        admin.grantRealmRoles(realm, supportId, "support");
        customerId = admin.createUser(realm, "customer", PASSWORD, Map.of("email", "customer@tenant.example",
                "emailVerified", true, "firstName", "Cus", "lastName", "Tomer"));
        ObjectNode desk = Http.JSON.createObjectNode();
        desk.put("clientId", DESK);
        desk.put("publicClient", true);
        desk.put("standardFlowEnabled", true);
        desk.putArray("redirectUris").add(REDIRECT);
        desk.putObject("attributes").put("pkce.code.challenge.method", "S256");
        admin.createClient(realm, desk);
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private String supportToken() {
        return new OidcLogin(realmUrl(), DESK, REDIRECT).login("helper", PASSWORD, "openid").get("access_token")
                .asText();
    }

    @Test
    void supportSignsInAsACustomerAndEveryTokenNamesThem() {
        Http browser = Http.withCookies();
        Http.Response started = browser.postJson(server.baseUrl() + "/admin/realms/" + realm + "/users/" + customerId
                + "/impersonation", Map.of(), "Authorization", "Bearer " + supportToken());
        assertEquals(200, started.status(), started.body());
        assertTrue(started.json().path("sameRealm").asBoolean(), started.body());

        // the impersonated session is an SSO session of the browser: an app's login goes straight through
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        Http.Response auth = browser.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of(
                "client_id", "spa", "redirect_uri", REDIRECT, "response_type", "code", "scope", "openid",
                "state", "s1", "code_challenge", OidcLogin.s256(verifier), "code_challenge_method", "S256")));
        assertEquals(302, auth.status(), auth.body());
        String code = OidcLogin.query(URI.create(auth.header("Location")).getRawQuery()).get("code");
        Http.Response tokens = browser.postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", "spa", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier));
        assertEquals(200, tokens.status(), tokens.body());
        for (String kind : List.of("access_token", "id_token")) {
            JsonNode claims = OidcLogin.claims(tokens.json().get(kind).asText());
            assertEquals(customerId, claims.get("sub").asText(), kind);
            assertEquals(supportId, claims.path("act").path("sub").asText(), kind + ": " + claims);
            assertEquals("helper", claims.path("act").path("preferred_username").asText(), kind);
        }

        JsonNode events = admin.getJson("/" + realm + "/events?type=IMPERSONATE");
        assertTrue(events.size() >= 1, "an audit event: " + events);
        JsonNode event = events.get(0);
        assertEquals(customerId, event.path("userId").asText(), event.toString());
        assertEquals("helper", event.path("details").path("impersonator").asText(), event.toString());
    }

    @Test
    void anOrdinarySessionHasNoActor() {
        JsonNode claims = OidcLogin.claims(new OidcLogin(realmUrl(), "spa", REDIRECT)
                .login("customer", PASSWORD, "openid").get("access_token").asText());
        assertFalse(claims.has("act"), claims.toString());
    }

    @Test
    void supportReachesNoOtherTenantAndHoldsNoOtherAdminPower() {
        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Tenant B"));
        String stranger = admin.createUser(otherRealm, "stranger", PASSWORD, Map.of());
        String token = supportToken();
        Http.Response elsewhere = Http.plain().postJson(server.baseUrl() + "/admin/realms/" + otherRealm + "/users/"
                + stranger + "/impersonation", Map.of(), "Authorization", "Bearer " + token);
        assertTrue(elsewhere.status() == 401 || elsewhere.status() == 403, elsewhere.status() + " " + elsewhere.body());

        // finding users: yes; changing them, the realm or the roles: no
        assertEquals(200, Http.plain().get(server.baseUrl() + "/admin/realms/" + realm + "/users?search=cus",
                "Authorization", "Bearer " + token).status());
        ObjectNode disable = Http.JSON.createObjectNode().put("enabled", false);
        assertEquals(403, Http.plain().putJson(server.baseUrl() + "/admin/realms/" + realm + "/users/" + customerId,
                disable, "Authorization", "Bearer " + token).status());
        assertEquals(403, Http.plain().get(server.baseUrl() + "/admin/realms/" + realm + "/clients",
                "Authorization", "Bearer " + token).status());
        Http.Response grant = Http.plain().postJson(server.baseUrl() + "/admin/realms/" + realm + "/users/"
                + supportId + "/role-mappings/realm", List.of(admin.role(realm, "support")),
                "Authorization", "Bearer " + token);
        assertEquals(403, grant.status(), grant.body());
    }

    @Test
    void supportCannotBecomeATenantAdministratorByImpersonation() {
        String adminUser = admin.createUser(realm, "tenant-admin", PASSWORD, Map.of());
        String realmManagement = admin.clientUuid(realm, "realm-management");
        JsonNode realmAdmin = admin.getJson("/" + realm + "/clients/" + realmManagement + "/roles/realm-admin");
        AdminApi.expect(admin.post("/" + realm + "/users/" + adminUser + "/role-mappings/clients/" + realmManagement,
                List.of(realmAdmin)), 204, "realm-admin");
        Http.Response escalate = Http.plain().postJson(server.baseUrl() + "/admin/realms/" + realm + "/users/"
                + adminUser + "/impersonation", Map.of(), "Authorization", "Bearer " + supportToken());
        assertEquals(403, escalate.status(), "impersonating an administrator would make support one: "
                + escalate.body());
    }
}
