package io.usso.keycloak.it.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;

/**
 * An app written for USSO's own SDK, pointed at a tenant of ours with only the issuer and JWKS URL changed: the
 * SDK's verification rules ({@link UssoSdkRules}) applied to the tokens and API-key answers the tenant really
 * issues. Access tokens pass; ID, refresh, expired, tampered and other tenants' tokens are refused; an API key
 * verified the SDK's way (keyless caller, tenant setting {@code verify-access=any-caller}) yields the owner's
 * UserData.
 */
class UssoSdkCompatibilityIT extends TenantIT {

    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Sdk-Compat-2026!";

    private String userId;
    private String otherRealm;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "media-editor", Map.of("usso.scopes",
                List.of("read:media/files create:media/files")));
        userId = admin.createUser(realm, "sdk-user", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, userId, "media-editor");
        ObjectNode shortLived = Http.JSON.createObjectNode();
        shortLived.put("clientId", "short-lived");
        shortLived.put("publicClient", true);
        shortLived.put("standardFlowEnabled", true);
        shortLived.putArray("redirectUris").add(REDIRECT);
        shortLived.putObject("attributes").put("access.token.lifespan", "1").put("pkce.code.challenge.method", "S256");
        admin.createClient(realm, shortLived);
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private JsonNode login(String client, String scope) {
        return new OidcLogin(realmUrl(), client, REDIRECT).login("sdk-user", PASSWORD, scope);
    }

    private JsonNode jwks(String realmUrl) {
        Http.Response r = Http.plain().get(realmUrl + "/protocol/openid-connect/certs");
        AdminApi.expect(r, 200, "JWKS");
        return r.json();
    }

    private String refusal(String jwt, String audience) {
        return assertThrows(UssoSdkRules.Refused.class,
                () -> UssoSdkRules.userDataFromToken(jwt, jwks(realmUrl()), audience, realmUrl())).getMessage();
    }

    @Test
    void anAccessTokenPassesWithTheUssoFields() {
        JsonNode access = UssoSdkRules.userDataFromToken(login(SPA, "openid").get("access_token").asText(),
                jwks(realmUrl()), null, realmUrl());
        assertEquals(userId, UssoSdkRules.userId(access));
        assertEquals(realm, access.get("tenant_id").asText());
        assertEquals("access", access.get("token_type").asText());
        assertTrue(strings(access.get("roles")).contains("media-editor"), access.toString());
        assertEquals(List.of("create:media/files", "read:media/files"), strings(access.get("scopes")));
        // UserData.aud is a string: a token for one audience parses, so an app may also pin it
        assertTrue(access.get("aud").isTextual(), "one audience, a string: " + access.get("aud"));
        String audience = access.get("aud").asText();
        JsonNode pinned = UssoSdkRules.userDataFromToken(login(SPA, "openid").get("access_token").asText(),
                jwks(realmUrl()), audience, realmUrl());
        assertEquals(userId, UssoSdkRules.userId(pinned));
    }

    @Test
    void anIdTokenIsRefused() {
        assertEquals("token_type", refusal(login(SPA, "openid").get("id_token").asText(), null));
    }

    @Test
    void aRefreshTokenIsRefused() {
        String refresh = login(SPA, "openid").get("refresh_token").asText();
        String alg = header(refresh).path("alg").asText();
        assertTrue(alg.startsWith("HS"), "refresh tokens stay HMAC-signed: " + alg);
        String reason = refusal(refresh, null);
        assertTrue(reason.equals("jwk_not_found") || reason.equals("signature"), reason);
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        String access = login("short-lived", "openid").get("access_token").asText();
        JsonNode claims = OidcLogin.claims(access);
        long waitMillis = (claims.get("exp").asLong() + 1) * 1000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, waitMillis));
        assertEquals("expired", refusal(access, null));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String access = login(SPA, "openid").get("access_token").asText();
        String[] parts = access.split("\\.");
        ObjectNode payload = (ObjectNode) OidcLogin.claims(access);
        payload.putArray("roles").add("media-editor").add("admin");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals("signature", refusal(forged, null));
    }

    @Test
    void anotherTenantsTokenIsRefused() {
        otherRealm = realm + "-other";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.createUser(otherRealm, "sdk-user", PASSWORD, Map.of());
        String foreign = new OidcLogin(server.realmUrl(otherRealm), SPA, REDIRECT)
                .login("sdk-user", PASSWORD, "openid").get("access_token").asText();
        assertEquals("jwk_not_found", refusal(foreign, null), "each tenant signs with its own keys");
        // even an app that (wrongly) fetched both tenants' keys refuses it by issuer
        UssoSdkRules.Refused byIssuer = assertThrows(UssoSdkRules.Refused.class, () -> UssoSdkRules
                .userDataFromToken(foreign, jwks(server.realmUrl(otherRealm)), null, realmUrl()));
        assertEquals("issuer", byIssuer.getMessage());
    }

    @Test
    void anApiKeyVerifiedTheSdkWayYieldsItsOwnersUserData() {
        String token = login(SPA, ApiScopes.openid(ApiScopes.API_KEYS)).get("access_token").asText();
        Http.Response created = Http.plain().postJson(realmUrl() + "/api-keys", Map.of("name", "sdk app",
                "scopes", List.of("read:media/files"), "expires_in_days", 30), "Authorization", "Bearer " + token);
        AdminApi.expect(created, 201, "create API key");
        String key = created.json().get("api_key").asText();
        String verifyEndpoint = realmUrl() + "/api-keys/verify";

        // the default (verify-access=role) wants a caller with verify-api-keys: the SDK, which sends none, is refused
        admin.setRealmAttributes(realm, Map.of("usso.api-keys.verify-access", "role"));
        assertEquals(403, Http.plain().postJson(verifyEndpoint, Map.of("api_key", key)).status());

        // a tenant that serves SDK-based apps lets keyless callers verify (rate-limited per address and prefix)
        admin.setRealmAttributes(realm, Map.of("usso.api-keys.verify-access", "any-caller"));
        Http.Response answer = Http.plain().postJson(verifyEndpoint, Map.of("api_key", key));
        assertEquals(200, answer.status(), answer.body());
        JsonNode user = UssoSdkRules.userData(answer.json());
        assertEquals(userId, UssoSdkRules.userId(user));
        assertEquals(userId, user.get("sub").asText());
        assertEquals(realm, user.get("tenant_id").asText());
        assertEquals(realmUrl(), user.get("iss").asText());
        assertTrue(strings(user.get("roles")).contains("media-editor"), user.toString());
        assertEquals(List.of("read:media/files"), strings(user.get("scopes")), "the key's scopes, not the owner's");
        assertTrue(UssoSdkRules.TOKEN_KINDS.contains(user.get("token_type").asText()));
        // a key, not a token: visible in fields the SDK keeps as extra claims
        assertEquals("api_key", user.get("session_type").asText());
        assertEquals(List.of("api_key"), strings(user.get("amr")));

        Http.Response wrong = Http.plain().postJson(verifyEndpoint, Map.of("api_key", key + "x"));
        assertEquals(401, wrong.status(), "the SDK treats any non-2xx as a refusal: " + wrong.body());
    }

    private static JsonNode header(String jwt) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
