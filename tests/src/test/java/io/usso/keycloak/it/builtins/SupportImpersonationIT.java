package io.usso.keycloak.it.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;

/**
 * Impersonation for support staff: the template's realm role {@code support} may find users of its own tenant and
 * sign in as them (Keycloak's impersonation); every token of the impersonated session names the support person in
 * RFC 8693's {@code act} claim; Keycloak records an {@code IMPERSONATE} event with the impersonator; another
 * tenant's users are out of reach; a support person holds no other admin power. USSO's guard
 * ({@code providers/support}) adds: a reason of the tenant's length, no impersonating someone with administration
 * roles the caller lacks, a time limit on every token of the session, and a notice to the user (e-mail, account).
 */
class SupportImpersonationIT extends TenantIT {

    private static final String DESK = "support-desk";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Support-Desk-2026!";

    private static final String REASON = "Ticket 4711: uploads fail with error 413";

    private String supportId;
    private String customerId;
    private String otherRealm;
    private Mailbox mail;

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
        mail = Mailbox.start();
        mail.configure(admin, realm);
        admin.setRealmAttributes(realm, Map.of(TIME_LIMIT, "1"));
    }

    private static final String TIME_LIMIT = "usso.security.impersonation-max-minutes";

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
        if (mail != null) {
            mail.close();
        }
    }

    private Http.Response impersonate(Http http, String userId, Object body, String token) {
        return http.postJson(server.baseUrl() + "/admin/realms/" + realm + "/users/" + userId + "/impersonation",
                body, "Authorization", "Bearer " + token);
    }

    private JsonNode events(String type) {
        return admin.getJson("/" + realm + "/events?type=" + type);
    }

    private String supportToken() {
        return new OidcLogin(realmUrl(), DESK, REDIRECT).login("helper", PASSWORD, "openid").get("access_token")
                .asText();
    }

    @Test
    void supportSignsInAsACustomerAndEveryTokenNamesThem() {
        Http browser = Http.withCookies();
        Http.Response started = impersonate(browser, customerId, Map.of("reason", "  " + REASON + " \n"),
                supportToken());
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
            // the tenant's time limit (1 minute here) caps every token of the session, whatever the client's lifespan
            long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
            assertTrue(lifetime <= 60, kind + " lives " + lifetime + " s, beyond the 1-minute limit");
        }
        assertTrue(tokens.json().get("expires_in").asLong() <= 60, tokens.body());

        // the user is told: an e-mail naming who, when and why ...
        MimeMessage notice = mail.await("customer@tenant.example", 1, Duration.ofSeconds(20));
        String text = Mailbox.text(notice);
        assertTrue(text.contains("helper") && text.contains(REASON), text);
        assertTrue(Mailbox.html(notice).contains("Ticket 4711"), "HTML part too");
        // ... and an entry in their account (read-only in the account console's personal info)
        String customerToken = new OidcLogin(realmUrl(), "spa", REDIRECT).login("customer", PASSWORD, "openid")
                .get("access_token").asText();
        Http.Response account = Http.plain().get(realmUrl() + "/account/?userProfileMetadata=true", "Authorization",
                "Bearer " + customerToken, "Accept", "application/json");
        assertEquals(200, account.status(), account.body());
        String access = account.json().path("attributes").path("support_access").path(0).asText();
        assertTrue(access.contains("by helper: " + REASON), account.body());
        JsonNode field = null;
        for (JsonNode a : account.json().path("userProfileMetadata").path("attributes")) {
            if ("support_access".equals(a.path("name").asText())) {
                field = a;
            }
        }
        assertTrue(field != null && field.path("readOnly").asBoolean(), "shown, not editable: " + field);
        ObjectNode edit = (ObjectNode) account.json().deepCopy();
        ((ObjectNode) edit.get("attributes")).putArray("support_access").add("nothing happened");
        edit.remove("userProfileMetadata");
        Http.Response forged = Http.plain().postJson(realmUrl() + "/account/", edit, "Authorization",
                "Bearer " + customerToken);
        JsonNode after = Http.plain().get(realmUrl() + "/account/", "Authorization", "Bearer " + customerToken,
                "Accept", "application/json").json();
        assertTrue(after.path("attributes").path("support_access").path(0).asText().contains(REASON),
                "the user cannot erase the record (" + forged.status() + "): " + after);

        JsonNode events = admin.getJson("/" + realm + "/events?type=IMPERSONATE");
        assertTrue(events.size() >= 1, "an audit event: " + events);
        JsonNode event = events.get(0);
        assertEquals(customerId, event.path("userId").asText(), event.toString());
        assertEquals("helper", event.path("details").path("impersonator").asText(), event.toString());
    }

    @Test
    void noImpersonationWithoutAReason() {
        String token = supportToken();
        for (Object body : List.<Object>of(Map.of(), Map.of("reason", "help"), Map.of("reason", "          "),
                Map.of("reason", 4711), List.of(REASON), Map.of("reason", "x".repeat(501)),
                Map.of("reason", "Ticket\u0000 4711 upload"))) {
            Http.Response refused = impersonate(Http.plain(), customerId, body, token);
            assertEquals(400, refused.status(), body + ": " + refused.body());
            assertEquals("invalid_request", refused.json().path("error").asText(), refused.body());
            assertFalse(refused.json().path("error_description").asText().isBlank(), refused.body());
        }
        Http.Response notJson = impersonate(Http.plain(), customerId, "{\"reason\": ", token);
        assertEquals(400, notJson.status(), notJson.body());
        Http.Response huge = impersonate(Http.plain(), customerId, "{\"reason\": \"" + "x".repeat(100_000) + "\"}",
                token);
        assertEquals(400, huge.status(), huge.body());

        JsonNode errors = events("IMPERSONATE_ERROR");
        assertTrue(errors.size() >= 1 && "usso_impersonation_reason".equals(errors.get(0).path("error").asText()),
                errors.toString());
        // a header does for scripts (ASCII)
        Http.Response byHeader = Http.plain().postJson(server.baseUrl() + "/admin/realms/" + realm + "/users/"
                + customerId + "/impersonation", Map.of(), "Authorization", "Bearer " + token,
                "X-Impersonation-Reason", REASON);
        assertEquals(200, byHeader.status(), byHeader.body());
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
        Http.Response escalate = impersonate(Http.plain(), adminUser, Map.of("reason", REASON), supportToken());
        assertEquals(403, escalate.status(), "impersonating an administrator would make support one: "
                + escalate.body());
        assertEquals("access_denied", escalate.json().path("error").asText(), escalate.body());
        assertTrue(escalate.json().path("error_description").asText().contains("realm-admin"), escalate.body());
        JsonNode errors = events("IMPERSONATE_ERROR");
        assertTrue(errors.size() >= 1 && "usso_impersonation_escalation".equals(errors.get(0).path("error")
                .asText()), errors.toString());
        assertEquals(adminUser, errors.get(0).path("userId").asText());

        // a colleague with the same powers is fine; the server's operators (master realm) stand above the tenant
        String colleague = admin.createUser(realm, "helper-2", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, colleague, "support");
        assertEquals(200, impersonate(Http.plain(), colleague, Map.of("reason", REASON), supportToken()).status());
        assertEquals(200, impersonate(Http.plain(), adminUser, Map.of("reason", REASON), admin.token()).status());
        assertEquals(400, impersonate(Http.plain(), adminUser, Map.of(), admin.token()).status(),
                "operators give a reason too");
    }
}
