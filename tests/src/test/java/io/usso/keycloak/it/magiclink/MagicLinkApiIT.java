package io.usso.keycloak.it.magiclink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /realms/{realm}/magic-link} as a trusted back end calls it: role required, client and redirect URI
 * validated, the link continues through the authorization endpoint (state, nonce and PKCE of the caller; required
 * actions still run), the one-time reference only works in the browser that confirmed the link.
 */
class MagicLinkApiIT extends TenantIT {

    private static final String PASSWORD = "Magic-Api-2026!";
    private final String backendSecret = UssoServer.randomSecret();
    private final String otherSecret = UssoServer.randomSecret();
    private Mailbox mail;
    private String miraId;

    @Override
    protected void setUpTenant() {
        mail = Mailbox.start();
        mail.configure(admin, realm);
        // returned links ("send": false) only for the spa client: an impersonation right the tenant grants per client
        MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "1000", "api-link-clients", "spa"));
        admin.createClient(realm, AdminApi.confidentialClient("ml-backend", backendSecret, true));
        admin.assignClientScope(realm, "ml-backend", ApiScopes.MAGIC_LINK, true);
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "ml-backend"), "issue-magic-links");
        admin.createClient(realm, AdminApi.confidentialClient("no-role", otherSecret, true));
        admin.assignClientScope(realm, "no-role", ApiScopes.MAGIC_LINK, true); // the scope without the role
        miraId = admin.createUser(realm, "mira", PASSWORD, Map.of());
        admin.createUser(realm, "rami", PASSWORD, Map.of("requiredActions", List.of("UPDATE_PASSWORD")));
        admin.createUser(realm, "lima", PASSWORD, Map.of());
    }

    @AfterAll
    void stopMail() {
        if (mail != null) {
            mail.close();
        }
    }

    private String backendToken() {
        return OidcLogin.clientCredentials(realmUrl(), "ml-backend", backendSecret);
    }

    private Http.Response issue(String token, Object body) {
        return Http.plain().postJson(realmUrl() + "/magic-link", body, "Authorization", "Bearer " + token);
    }

    private static Map<String, Object> body(String email, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("client_id", LinkLogin.SPA);
        body.put("redirect_uri", LinkLogin.REDIRECT);
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static void expectError(Http.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().get("error").asText(), r.body());
        assertTrue(r.json().has("error_description"), r.body());
    }

    @Test
    void callerNeedsABearerTokenHoldingTheRole() {
        Map<String, Object> body = body("mira@example.test", "code_challenge", OidcLogin.s256("v".repeat(50)));
        expectError(Http.plain().postJson(realmUrl() + "/magic-link", body), 401, "invalid_token");
        expectError(issue("not-a-token", body), 401, "invalid_token");
        expectError(issue(OidcLogin.clientCredentials(realmUrl(), "no-role", otherSecret), body), 403,
                "access_denied");
    }

    @Test
    void clientRedirectUriPkceLifetimeAndUserAreValidated() {
        String token = backendToken();
        String challenge = OidcLogin.s256("v".repeat(50));
        expectError(issue(token, "{not json"), 400, "invalid_request");
        expectError(issue(token, Map.of("email", "mira@example.test")), 400, "invalid_request");
        Map<String, Object> unknownClient = body("mira@example.test", "code_challenge", challenge);
        unknownClient.put("client_id", "nope");
        expectError(issue(token, unknownClient), 400, "invalid_client");
        Map<String, Object> foreignRedirect = body("mira@example.test", "code_challenge", challenge);
        foreignRedirect.put("redirect_uri", "https://attacker.example/cb");
        expectError(issue(token, foreignRedirect), 400, "invalid_redirect_uri");
        expectError(issue(token, body("mira@example.test")), 400, "invalid_request"); // spa requires PKCE
        expectError(issue(token, body("mira@example.test", "code_challenge", challenge, "lifetime", 3601)), 400,
                "invalid_lifetime");
        expectError(issue(token, body("ghost@example.test", "code_challenge", challenge)), 404, "unknown_user");

        // a client that logs in with a flow without the magic link cannot get links
        String browserFlowId = null;
        for (JsonNode flow : admin.getJson("/" + realm + "/authentication/flows")) {
            if (flow.get("alias").asText().equals("browser")) {
                browserFlowId = flow.get("id").asText();
            }
        }
        ObjectNode other = Http.JSON.createObjectNode();
        other.put("clientId", "password-app");
        other.put("publicClient", true);
        other.put("standardFlowEnabled", true);
        other.set("redirectUris", Http.JSON.valueToTree(List.of("http://localhost:4000/*")));
        other.set("authenticationFlowBindingOverrides", Http.JSON.valueToTree(Map.of("browser", browserFlowId)));
        admin.createClient(realm, other);
        Map<String, Object> passwordApp = body("mira@example.test");
        passwordApp.put("client_id", "password-app");
        passwordApp.put("redirect_uri", "http://localhost:4000/cb");
        expectError(issue(token, passwordApp), 409, "not_configured");
    }

    @Test
    void returnedLinkSignsInThroughTheAuthorizationEndpointWithTheCallersStatePkceAndNonce() {
        LinkLogin browser = new LinkLogin(realmUrl()); // holds the PKCE verifier and state, as the back end would
        Http.Response issued = issue(backendToken(), body("mira@example.test", "send", false, "lifetime", 600,
                "state", browser.state, "nonce", "nonce-123", "code_challenge", OidcLogin.s256(browser.verifier)));
        assertEquals(200, issued.status(), issued.body());
        String link = issued.json().get("link").asText();
        assertTrue(link.startsWith(realmUrl() + "/magic-link/open?token="), link);
        assertEquals(600, issued.json().get("expires_in").asInt());

        Http.Response confirmed = browser.openAndConfirm(link);
        assertEquals(303, confirmed.status(), confirmed.body());
        String location = confirmed.header("Location");
        assertTrue(location.startsWith(realmUrl() + "/protocol/openid-connect/auth?"), location);
        assertTrue(location.contains("usso_ml_ref="), location);
        assertTrue(confirmed.raw().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("USSO_ML_BIND=")
                && c.contains("HttpOnly")), "binding cookie");

        String code = browser.followToCode(confirmed);
        assertTrue(browser.lastRedirect.contains("state=" + browser.state), browser.lastRedirect);
        JsonNode tokens = browser.exchange(code);
        assertEquals(miraId, OidcLogin.claims(tokens.get("access_token").asText()).get("sub").asText());
        assertEquals("nonce-123", OidcLogin.claims(tokens.get("id_token").asText()).get("nonce").asText());
        assertTrue(OidcLogin.claims(tokens.get("access_token").asText()).path("amr").toString().contains("email"));
        assertEquals(410, Http.plain().get(link).status(), "single use");
    }

    @Test
    void aStolenReferenceIsUselessWithoutTheConfirmingBrowsersCookie() {
        LinkLogin owner = new LinkLogin(realmUrl());
        Http.Response issued = issue(backendToken(), body("mira@example.test", "send", false,
                "state", owner.state, "code_challenge", OidcLogin.s256(owner.verifier)));
        Http.Response confirmed = owner.openAndConfirm(issued.json().get("link").asText());
        String location = confirmed.header("Location");

        Http thief = Http.withCookies();
        Http.Response stolen = thief.get(location);
        assertEquals(200, stolen.status(), "no redirect to the app with a code: " + stolen.header("Location"));
        assertTrue(stolen.body().contains("usso-ml-request-form"), "asked for an address instead");
        String events = admin.getJson("/" + realm + "/events?type=LOGIN_ERROR&max=50").toString();
        assertTrue(events.contains("other_browser"), events);
    }

    @Test
    void sentLinkArrivesByMailAndRequiredActionsStillRun() {
        Http.Response sent = issue(backendToken(), body("rami@example.test", "code_challenge",
                OidcLogin.s256("w".repeat(50))));
        assertEquals(202, sent.status(), sent.body());
        assertTrue(sent.json().get("sent").asBoolean());
        assertFalse(sent.body().contains("token="), "a sent link is not returned");
        String link = mail.awaitLink("rami@example.test", 1);

        LinkLogin browser = new LinkLogin(realmUrl());
        Http.Response end = browser.follow(browser.openAndConfirm(link));
        assertEquals(200, end.status(), "stops at the required action, not at the app");
        assertTrue(end.body().contains("kc-passwd-update-form"), end.body());
    }

    @Test
    void sendingIsLimitedPerAddress() {
        String token = backendToken();
        String challenge = OidcLogin.s256("x".repeat(50));
        for (int i = 0; i < 5; i++) {
            assertEquals(202, issue(token, body("lima@example.test", "code_challenge", challenge)).status());
        }
        Http.Response limited = issue(token, body("lima@example.test", "code_challenge", challenge));
        expectError(limited, 429, "too_many_requests");
        assertNotNull(limited.header("Retry-After"));
        assertEquals(200, issue(token, body("lima@example.test", "code_challenge", challenge, "send", false)).status(),
                "returning a link sends no mail and is not limited");
    }

    @Test
    void eventsNameTheCallerAndTheTargetClientButNeverTheLink() {
        Http.Response issued = issue(backendToken(), body("mira@example.test", "send", false,
                "code_challenge", OidcLogin.s256("y".repeat(50))));
        String link = issued.json().get("link").asText();
        String token = OidcLogin.query(URI.create(link).getRawQuery()).get("token");
        JsonNode events = admin.getJson("/" + realm + "/events?type=SEND_VERIFY_EMAIL&max=100");
        assertFalse(events.toString().contains(token));
        boolean found = false;
        for (JsonNode event : events) {
            JsonNode details = event.path("details");
            found |= "MAGIC_LINK_ISSUED".equals(details.path("usso_event").asText())
                    && "spa".equals(details.path("target_client").asText())
                    && "ml-backend".equals(event.path("clientId").asText());
        }
        assertTrue(found, events.toString());
    }

    @Test
    void returnedLinksOnlyForListedClientsAndNeverForAdministrativeAccounts() {
        String token = backendToken();
        ObjectNode other = Http.JSON.createObjectNode();
        other.put("clientId", "unlisted-app");
        other.put("publicClient", true);
        other.put("standardFlowEnabled", true);
        other.set("redirectUris", Http.JSON.valueToTree(List.of("http://localhost:4100/*")));
        admin.createClient(realm, other);
        Map<String, Object> unlisted = body("mira@example.test", "send", false);
        unlisted.put("client_id", "unlisted-app");
        unlisted.put("redirect_uri", "http://localhost:4100/cb");
        expectError(issue(token, unlisted), 403, "access_denied");
        unlisted.put("send", true);
        assertEquals(202, issue(token, unlisted).status(), "mailing a link to the person stays allowed");

        String adaId = admin.createUser(realm, "ada", PASSWORD, Map.of());
        String management = admin.clientUuid(realm, "realm-management");
        JsonNode viewUsers = admin.getJson("/" + realm + "/clients/" + management + "/roles/view-users");
        AdminApi.expect(admin.post("/" + realm + "/users/" + adaId + "/role-mappings/clients/" + management,
                List.of(viewUsers)), 204, "grant view-users");
        String challenge = OidcLogin.s256("z".repeat(50));
        expectError(issue(token, body("ada@example.test", "send", false, "code_challenge", challenge)), 403,
                "access_denied");
        assertEquals(202, issue(token, body("ada@example.test", "code_challenge", challenge)).status(),
                "an administrator may still be sent a link (only they can use it)");

        String events = admin.getJson("/" + realm + "/events?type=SEND_VERIFY_EMAIL_ERROR&max=100").toString();
        assertTrue(events.contains("link_client_not_allowed"), events);
        assertTrue(events.contains("privileged_user"), events);
    }

    @Test
    void anAccountWhoseAddressIsNotVerifiedIsTreatedAsUnknown() {
        admin.createUser(realm, "unver", PASSWORD, Map.of("emailVerified", false));
        String challenge = OidcLogin.s256("u".repeat(50));
        expectError(issue(backendToken(), body("unver@example.test", "code_challenge", challenge)), 404,
                "unknown_user");
        expectError(issue(backendToken(), body("unver@example.test", "send", false, "code_challenge", challenge)),
                404, "unknown_user");
    }
}
