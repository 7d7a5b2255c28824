package io.usso.keycloak.it.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, section 1: a realm token proves only what it was issued for. Each attack of the issue, tried against the
 * real server, and the legitimate path next to it: an API key's token minting a wider key or acting as its owner, a
 * password alone approving a QR login or minting a key, tokens without the dedicated scope or the {@code usso-api}
 * audience, service accounts acting for people, a stale sign-in minting a key, a narrow token minting a wide key, the
 * API-key grant by a client that did not opt in, a rotated-out key rotated again, and a valid key locked out through
 * its public display prefix. Every refusal by the token policy is a {@code PERMISSION_TOKEN_ERROR} event naming the
 * endpoint and the reason.
 */
class TokenPolicyIT extends TenantIT {

    private static final String PASSWORD = "Token-Policy-2026!";
    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String GRANT = "urn:usso:params:oauth:grant-type:api-key";
    /** Everything a person's app may ask for. */
    private static final String PERSON_SCOPES = ApiScopes.openid(ApiScopes.API_KEYS, ApiScopes.AGENTS,
            ApiScopes.QR_APPROVE);
    /** A well-formed QR code that does not exist: a token the policy accepts gets 404, a refused one 401/403. */
    private static final String UNKNOWN_QR_CODE = "A".repeat(27);
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int FAILURES_PER_PREFIX = 10;

    private final String secret = UssoServer.randomSecret();
    private final SecureRandom random = new SecureRandom();

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "media-editor", Map.of("usso.scopes",
                List.of("read:media/files create:media/files")));
        admin.createRealmRole(realm, "billing", Map.of("usso.scopes", List.of("read:billing")));
        String owner = admin.createUser(realm, "owner", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, owner, "media-editor", "billing");
        grantRealmManagement(owner, "view-clients", "manage-clients");
        // failures against one display prefix only; no per-address limit, no window boundary during the test
        admin.setRealmAttributes(realm, Map.of("usso.api-keys.verify-failures-per-ip", "0",
                "usso.api-keys.verify-failures-per-key", Integer.toString(FAILURES_PER_PREFIX),
                "usso.api-keys.verify-failure-window-seconds", "86400"));
        saveRefusalEvents();

        admin.createClient(realm, AdminApi.confidentialClient("verifier", secret, true));
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "verifier"), "verify-api-keys");

        // a back end exchanging keys for tokens (opted in), whose tokens may ask for every person's scope
        ObjectNode keyApp = AdminApi.confidentialClient("key-app", secret, false);
        keyApp.putObject("attributes").put("usso.api-key-grant", "true");
        admin.createClient(realm, keyApp);
        optionalPersonScopes("key-app");
        // a confidential client that did not opt in to the API-key grant
        admin.createClient(realm, AdminApi.confidentialClient("plain-app", secret, false));
        // an app with direct (password) grants, as admin-cli had
        ObjectNode passwordApp = AdminApi.confidentialClient("password-app", secret, false);
        passwordApp.put("directAccessGrantsEnabled", true);
        admin.createClient(realm, passwordApp);
        optionalPersonScopes("password-app");
        // a trusted back end: magic links (default scope, role), and the person's scopes on request
        admin.createClient(realm, AdminApi.confidentialClient("backend", secret, true));
        admin.assignClientScope(realm, "backend", ApiScopes.MAGIC_LINK, true);
        optionalPersonScopes("backend");
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "backend"), "issue-magic-links");
        // the role without the magic-link scope
        admin.createClient(realm, AdminApi.confidentialClient("backend-no-scope", secret, true));
        admin.assignClientScope(realm, "backend-no-scope", ApiScopes.API_KEYS, false);
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "backend-no-scope"), "issue-magic-links");

        // an app whose tokens carry only the billing role's USSO scopes (role scope mappings, no full scope)
        ObjectNode narrow = Http.JSON.createObjectNode();
        narrow.put("clientId", "narrow-spa");
        narrow.put("publicClient", true);
        narrow.put("standardFlowEnabled", true);
        narrow.put("fullScopeAllowed", false);
        narrow.putArray("redirectUris").add("http://localhost:3000/*");
        narrow.putObject("attributes").put("pkce.code.challenge.method", "S256");
        admin.createClient(realm, narrow);
        admin.assignClientScope(realm, "narrow-spa", ApiScopes.API_KEYS, false);
        AdminApi.expect(admin.post("/" + realm + "/clients/" + admin.clientUuid(realm, "narrow-spa")
                + "/scope-mappings/realm", Http.JSON.createArrayNode().add(admin.role(realm, "billing"))), 204,
                "narrow-spa scope mapping");
    }

    // ------------------------------------------------------------------ attacks and legitimate paths

    @Test
    void aNarrowKeysTokenNeitherMintsKeysNorListsThemNorApprovesLoginsNorManagesAgents() {
        String key = createKey(personToken(PERSON_SCOPES), List.of("read:billing")).get("api_key").asText();
        Http.Response grant = apiKeyGrant("key-app", key, PERSON_SCOPES);
        assertEquals(200, grant.status(), grant.body());
        String token = grant.json().get("access_token").asText();
        JsonNode claims = OidcLogin.claims(token);
        assertTrue(claims.get("aud").toString().contains(ApiScopes.AUDIENCE)
                && claims.get("scope").asText().contains(ApiScopes.API_KEYS), "audience and scope are not what "
                + "stops it: " + claims);

        assertRefused(create(token, List.of("read:billing")), 403, "access_denied");
        assertRefused(create(token, List.of("read:media/files")), 403, "access_denied");
        assertRefused(get(token, "/api-keys"), 403, "access_denied");
        assertRefused(approve(token), 403, "access_denied");
        assertRefused(get(token, "/qr-login/" + UNKNOWN_QR_CODE), 403, "access_denied");
        assertRefused(get(token, "/agents"), 403, "access_denied");
        assertRefused(post(token, "/agents", Map.of("name", "from-a-key")), 403, "access_denied");
        assertEquals(0, admin.getJson("/" + realm + "/clients?clientId=agent-from-a-key").size());

        assertRefusalEvent("api-keys.create", "api_key");
        assertRefusalEvent("api-keys.list", "api_key");
        assertRefusalEvent("qr-login.approve", "api_key");
        assertRefusalEvent("qr-login.inspect", "api_key");
        assertRefusalEvent("agents.read", "api_key");
        assertRefusalEvent("agents.manage", "api_key");
    }

    @Test
    void aPasswordAloneNeitherApprovesAQrLoginNorMintsAKey() {
        Http.Response adminCli = passwordGrant("admin-cli", null, "openid");
        assertTrue(adminCli.status() == 400 || adminCli.status() == 401, adminCli.status() + " " + adminCli.body());
        assertEquals("unauthorized_client", adminCli.json().path("error").asText(),
                "the tenant's admin-cli has no direct grants: " + adminCli.body());

        Http.Response password = passwordGrant("password-app", secret, PERSON_SCOPES);
        assertEquals(200, password.status(), password.body());
        String token = password.json().get("access_token").asText();
        assertNotNull(OidcLogin.claims(token).get("sid"), "a stored session: what stops it is the missing browser flow");

        Http.Response approve = assertRefused(approve(token), 401, "insufficient_user_authentication");
        assertTrue(approve.header("WWW-Authenticate").contains("insufficient_user_authentication"),
                approve.header("WWW-Authenticate"));
        assertRefused(create(token, List.of("read:billing")), 401, "insufficient_user_authentication");
        assertRefused(post(token, "/agents", Map.of("name", "from-a-password")), 401,
                "insufficient_user_authentication");
        assertEquals(200, get(token, "/api-keys").status(), "listing one's keys needs a stored session only");

        assertRefusalEvent("qr-login.approve", "not_interactive");
        assertRefusalEvent("api-keys.create", "not_interactive");
    }

    @Test
    void aTokenNeedsTheEndpointsScopeAndTheUssoAudience() {
        String agentsOnly = personToken(ApiScopes.openid(ApiScopes.AGENTS));
        Http.Response noScope = assertRefused(create(agentsOnly, List.of("read:billing")), 403,
                "insufficient_scope");
        String challenge = noScope.header("WWW-Authenticate");
        assertNotNull(challenge, "WWW-Authenticate expected");
        assertTrue(challenge.contains("error=\"insufficient_scope\"") && challenge.contains(ApiScopes.API_KEYS),
                challenge);
        Http.Response noQrScope = assertRefused(approve(agentsOnly), 403, "insufficient_scope");
        assertTrue(noQrScope.header("WWW-Authenticate").contains(ApiScopes.QR_APPROVE),
                noQrScope.header("WWW-Authenticate"));

        String openidOnly = personToken("openid");
        assertTrue(!OidcLogin.claims(openidOnly).path("aud").toString().contains(ApiScopes.AUDIENCE),
                "no dedicated scope, no usso-api audience");
        Http.Response noAudience = assertRefused(create(openidOnly, List.of("read:billing")), 401, "invalid_token");
        assertTrue(noAudience.header("WWW-Authenticate").contains("invalid_token"),
                noAudience.header("WWW-Authenticate"));
        assertRefused(get(openidOnly, "/api-keys"), 401, "invalid_token");
        assertRefused(get(openidOnly, "/agents"), 401, "invalid_token");
        assertRefused(approve(openidOnly), 401, "invalid_token");

        // the legitimate path: a browser sign-in asking for the scopes
        String person = personToken(PERSON_SCOPES);
        assertEquals(201, create(person, List.of("read:billing")).status());
        assertEquals(200, get(person, "/api-keys").status());
        assertEquals(200, get(person, "/agents").status());
        assertEquals(404, approve(person).status(), "past the token policy: the code is unknown");

        assertRefusalEvent("api-keys.create", "scope");
        assertRefusalEvent("qr-login.approve", "scope");
        assertRefusalEvent("api-keys.create", "audience");
        assertRefusalEvent("agents.read", "audience");
    }

    @Test
    void serviceAccountsIssueMagicLinksWithTheScopeButNeverActForPeople() {
        String backend = clientCredentials("backend", ApiScopes.openid(ApiScopes.API_KEYS, ApiScopes.AGENTS,
                ApiScopes.QR_APPROVE));
        assertRefused(create(backend, List.of("read:billing")), 403, "access_denied");
        assertRefused(get(backend, "/api-keys"), 403, "access_denied");
        assertRefused(post(backend, "/agents", Map.of("name", "from-a-service")), 403, "access_denied");
        assertRefused(get(backend, "/agents"), 403, "access_denied");
        assertRefused(approve(backend), 403, "access_denied");

        // allowed to issue links: past the token and role checks, to the link checks (spa's flow has no link step)
        Map<String, Object> link = Map.of("email", "owner@example.test", "client_id", SPA, "redirect_uri", REDIRECT,
                "code_challenge", OidcLogin.s256("v".repeat(50)), "send", false);
        Http.Response issued = post(backend, "/magic-link", link);
        assertEquals(409, issued.status(), issued.body());
        assertEquals("not_configured", issued.json().path("error").asText(), issued.body());

        Http.Response withoutScope = assertRefused(post(clientCredentials("backend-no-scope",
                ApiScopes.openid(ApiScopes.API_KEYS)), "/magic-link", link), 403, "insufficient_scope");
        assertTrue(withoutScope.header("WWW-Authenticate").contains(ApiScopes.MAGIC_LINK),
                withoutScope.header("WWW-Authenticate"));
        assertRefused(post(clientCredentials("backend-no-scope", "openid"), "/magic-link", link), 401,
                "invalid_token");
        assertRefused(post(personToken(PERSON_SCOPES), "/magic-link", link), 403, "insufficient_scope");

        assertRefusalEvent("api-keys.create", "service_account");
        assertRefusalEvent("agents.manage", "service_account");
        assertRefusalEvent("qr-login.approve", "service_account");
        assertRefusalEvent("magic-link.issue", "scope");
        assertRefusalEvent("magic-link.issue", "audience");
    }

    @Test
    void aSignInOlderThanTheTenantsMaximumMustBeRenewedToMintButStillLists() throws InterruptedException {
        admin.setRealmAttributes(realm, Map.of("usso.security.reauth-max-age-seconds", "30"));
        try {
            String token = personToken(PERSON_SCOPES);
            assertEquals(201, create(token, List.of("read:billing")).status(), "a fresh sign-in mints");
            Thread.sleep(31_000);
            Http.Response stale = assertRefused(create(token, List.of("read:billing")), 401,
                    "insufficient_user_authentication");
            String challenge = stale.header("WWW-Authenticate");
            assertTrue(challenge.contains("insufficient_user_authentication") && challenge.contains("max_age=30"),
                    challenge);
            assertRefused(approve(token), 401, "insufficient_user_authentication");
            assertEquals(200, get(token, "/api-keys").status(), "listing needs no recent sign-in");
            assertRefusalEvent("api-keys.create", "login_too_old");
        } finally {
            admin.setRealmAttributes(realm, Map.of("usso.security.reauth-max-age-seconds", "600"));
        }
    }

    @Test
    void aKeyNeverCarriesMoreThanTheCallingTokensScopes() {
        String narrow = new OidcLogin(realmUrl(), "narrow-spa", REDIRECT)
                .login("owner", PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
        assertEquals(List.of("read:billing"), strings(OidcLogin.claims(narrow).get("scopes")),
                "the owner also holds read:media/files, the token does not");

        Http.Response wider = create(narrow, List.of("read:media/files"));
        assertEquals(400, wider.status(), wider.body());
        assertEquals("invalid_scope", wider.json().path("error").asText(), wider.body());
        Http.Response mixed = create(narrow, List.of("read:billing", "read:media/files"));
        assertEquals(400, mixed.status(), mixed.body());

        JsonNode created = createKey(narrow, List.of("read:billing"));
        assertEquals(List.of("read:billing"), strings(created.get("scopes")));
        Http.Response verified = verify(created.get("api_key").asText());
        assertEquals(200, verified.status(), verified.body());
        assertEquals(List.of("read:billing"), strings(verified.json().get("scopes")));
    }

    @Test
    void theApiKeyGrantIsForClientsThatOptedIn() {
        String key = createKey(personToken(PERSON_SCOPES), List.of("read:billing")).get("api_key").asText();
        Http.Response refused = apiKeyGrant("plain-app", key, null);
        assertEquals(400, refused.status(), refused.body());
        assertEquals("unauthorized_client", refused.json().path("error").asText(), refused.body());

        admin.assignClientScope(realm, "plain-app", ApiScopes.API_KEY_GRANT, false);
        Http.Response allowed = apiKeyGrant("plain-app", key, null);
        assertEquals(200, allowed.status(), "opted in with the client scope " + ApiScopes.API_KEY_GRANT + ": "
                + allowed.body());
        assertEquals(200, apiKeyGrant("key-app", key, null).status(), "opted in with the client attribute");
    }

    @Test
    void aRotatedOutKeyCannotBeRotatedAgain() {
        String token = personToken(PERSON_SCOPES);
        JsonNode first = createKey(token, List.of("read:billing"));
        Http.Response rotated = rotate(token, first.get("id").asText(), 600);
        assertEquals(201, rotated.status(), rotated.body());
        assertEquals(200, verify(first.get("api_key").asText()).status(), "the old key works during its grace");

        Http.Response again = rotate(token, first.get("id").asText(), 600);
        assertEquals(400, again.status(), again.body());
        assertEquals("already_rotated", again.json().path("error").asText(), again.body());
        assertEquals(201, rotate(token, rotated.json().get("id").asText(), 0).status(), "its replacement rotates");
    }

    @Test
    void failuresAgainstAKeysPublicDisplayPrefixDoNotLockTheKeyOut() {
        String key = createKey(personToken(PERSON_SCOPES), List.of("read:billing")).get("api_key").asText();
        for (int i = 0; i < FAILURES_PER_PREFIX; i++) {
            Http.Response wrong = verify(withDisplayPrefixOf(key));
            assertEquals(401, wrong.status(), "failure " + (i + 1) + ": " + wrong.body());
        }
        Http.Response limited = verify(withDisplayPrefixOf(key));
        assertEquals(429, limited.status(), "a wrong key with the locked prefix: " + limited.body());
        assertNotNull(limited.header("Retry-After"));

        Http.Response real = verify(key);
        assertEquals(200, real.status(), "the real key still verifies: " + real.body());
        assertEquals(429, verify(withDisplayPrefixOf(key)).status(), "and wrong ones stay limited");
        assertEquals(200, verify(key).status());
    }

    // ------------------------------------------------------------------ helpers

    private String personToken(String scope) {
        return new OidcLogin(realmUrl(), SPA, REDIRECT).login("owner", PASSWORD, scope).get("access_token").asText();
    }

    private String clientCredentials(String clientId, String scope) {
        Http.Response r = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret, "scope", scope));
        AdminApi.expect(r, 200, "client_credentials token of " + clientId);
        return r.json().get("access_token").asText();
    }

    private Http.Response passwordGrant(String clientId, String clientSecret, String scope) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", clientId,
                "username", "owner", "password", PASSWORD, "scope", scope));
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        return Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", form);
    }

    private Http.Response apiKeyGrant(String clientId, String key, String scope) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", GRANT, "client_id", clientId,
                "client_secret", secret, "api_key", key));
        if (scope != null) {
            form.put("scope", scope);
        }
        return Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", form);
    }

    private Http.Response get(String token, String path) {
        return Http.plain().get(realmUrl() + path, "Authorization", "Bearer " + token);
    }

    private Http.Response post(String token, String path, Object body) {
        return Http.plain().postJson(realmUrl() + path, body, "Authorization", "Bearer " + token);
    }

    private Http.Response create(String token, List<String> scopes) {
        return post(token, "/api-keys", Map.of("name", "policy", "scopes", scopes));
    }

    private JsonNode createKey(String token, List<String> scopes) {
        Http.Response r = create(token, scopes);
        AdminApi.expect(r, 201, "create API key");
        return r.json();
    }

    private Http.Response rotate(String token, String id, int graceSeconds) {
        return post(token, "/api-keys/" + id + "/rotate", Map.of("grace_seconds", graceSeconds));
    }

    private Http.Response approve(String token) {
        return post(token, "/qr-login/" + UNKNOWN_QR_CODE + "/approve", Map.of("number", 42));
    }

    private Http.Response verify(String key) {
        return Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + OidcLogin.clientCredentials(realmUrl(), "verifier", secret));
    }

    /** Asserts a JSON refusal with its {@code WWW-Authenticate} challenge and returns it. */
    private static Http.Response assertRefused(Http.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().path("error").asText(), r.body());
        assertTrue(r.json().has("error_description"), r.body());
        assertNotNull(r.header("WWW-Authenticate"), "WWW-Authenticate expected: " + r.body());
        return r;
    }

    /** Asserts a stored {@code PERMISSION_TOKEN_ERROR} event of the endpoint with the reason (stored on commit). */
    private void assertRefusalEvent(String endpoint, String reason) {
        JsonNode events = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            events = admin.getJson("/" + realm + "/events?type=PERMISSION_TOKEN_ERROR&max=1000");
            for (JsonNode event : events) {
                if (endpoint.equals(event.at("/details/usso_endpoint").asText())
                        && reason.equals(event.at("/details/reason").asText())) {
                    assertEquals("token_not_allowed", event.path("error").asText(), event.toString());
                    return;
                }
            }
            sleep(100);
        }
        fail("no PERMISSION_TOKEN_ERROR event for " + endpoint + " with reason " + reason + ": " + events);
    }

    /**
     * {@code PERMISSION_TOKEN_ERROR} is not among the event types Keycloak saves by default, and the tenant template
     * saves the default types only: this test realm saves it too.
     */
    private void saveRefusalEvents() {
        ObjectNode config = (ObjectNode) admin.getJson("/" + realm + "/events/config");
        ArrayNode types = config.has("enabledEventTypes") ? (ArrayNode) config.get("enabledEventTypes")
                : config.putArray("enabledEventTypes");
        if (types.isEmpty()) {
            admin.serverInfo().at("/enums/eventType").forEach(types::add);
        }
        if (!types.toString().contains("\"PERMISSION_TOKEN_ERROR\"")) {
            types.add("PERMISSION_TOKEN_ERROR");
        }
        config.put("eventsEnabled", true);
        AdminApi.expect(admin.put("/" + realm + "/events/config", config), 204, "events config");
    }

    private void optionalPersonScopes(String clientId) {
        for (String scope : List.of(ApiScopes.API_KEYS, ApiScopes.AGENTS, ApiScopes.QR_APPROVE)) {
            admin.assignClientScope(realm, clientId, scope, false);
        }
    }

    private void grantRealmManagement(String userId, String... roles) {
        String managementId = admin.clientUuid(realm, "realm-management");
        ArrayNode list = Http.JSON.createArrayNode();
        for (String role : roles) {
            list.add(admin.getJson("/" + realm + "/clients/" + managementId + "/roles/" + role));
        }
        AdminApi.expect(admin.post("/" + realm + "/users/" + userId + "/role-mappings/clients/" + managementId,
                list), 204, "grant realm-management roles");
    }

    /**
     * Another well-formed key (valid checksum) with the same public display prefix ({@code uss_} and the first six
     * secret characters) as {@code key}: what anyone who saw the masked key can send.
     */
    private String withDisplayPrefixOf(String key) {
        String prefix = "uss_";
        StringBuilder secret = new StringBuilder(key.substring(prefix.length(), prefix.length() + 6));
        while (secret.length() < 32) {
            secret.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return prefix + secret + checksum(prefix + secret);
    }

    /** The key format's checksum: CRC32 of the prefix and secret, six base62 digits left-padded with '0'. */
    private static String checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        long rest = crc.getValue();
        StringBuilder reversed = new StringBuilder();
        do {
            reversed.append(BASE62.charAt((int) (rest % 62)));
            rest /= 62;
        } while (rest > 0);
        while (reversed.length() < 6) {
            reversed.append('0');
        }
        return reversed.reverse().toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
