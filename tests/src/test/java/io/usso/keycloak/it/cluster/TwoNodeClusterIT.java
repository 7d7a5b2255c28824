package io.usso.keycloak.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Jwks;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two nodes of the distribution on one PostgreSQL database form a Keycloak cluster (Infinispan over JGroups on
 * loopback, JDBC_PING discovery). Node A is the suite's server, node B joins it for this class. Every step of a
 * flow is sent to a chosen node, as a load balancer without sticky sessions would.
 *
 * <p>Runs in the PostgreSQL run of the suite; the H2 run has no shared database and skips it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT extends TenantIT {

    private static final String APP = "cluster-app";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Two-Nodes-2026!";

    private UssoServer a;
    private UssoServer b;
    private final String secret = UssoServer.randomSecret();

    @BeforeAll
    void joinSecondNode() {
        assumeTrue(server.clusterCapable(), "the cluster needs the shared PostgreSQL database (USSO_TEST_DB=postgres)");
        a = server;
        b = a.startPeer("b");
        a.awaitClusterSize(2, Duration.ofMinutes(2));
        b.awaitClusterSize(2, Duration.ofMinutes(2));
    }

    @Override
    protected void setUpTenant() {
        ObjectNode client = AdminApi.confidentialClient(APP, secret, true);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add("http://localhost:3000/*");
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        ArrayNode mappers = client.putArray("protocolMappers");
        ObjectNode audience = mappers.addObject();
        audience.put("name", "self-audience");
        audience.put("protocol", "openid-connect");
        audience.put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", APP).put("access.token.claim", "true")
                .put("introspection.token.claim", "true");
        admin.createClient(realm, client);
        admin.assignClientScope(realm, APP, ApiScopes.API_KEYS, false);
        admin.createRealmRole(realm, "editor", Map.of("usso.scopes", List.of("update:media/files")));
        String erin = admin.createUser(realm, "erin", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, erin, "editor");
        // the app's service account may verify API keys
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, APP), "verify-api-keys");
    }

    @AfterAll
    void stopSecondNode() {
        if (b != null) {
            b.kill();
        }
    }

    private OidcLogin loginVia(UssoServer node) {
        return new OidcLogin(node.realmUrl(realm), APP, REDIRECT).withSecret(secret);
    }

    private Http.Response introspect(UssoServer node, String token) {
        return Http.plain().postForm(node.realmUrl(realm) + "/protocol/openid-connect/token/introspect",
                Map.of("token", token, "client_id", APP, "client_secret", secret));
    }

    private Http.Response refresh(UssoServer node, String refreshToken) {
        return Http.plain().postForm(node.realmUrl(realm) + "/protocol/openid-connect/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", APP,
                        "client_secret", secret));
    }

    @Test
    @Order(1)
    void loginStartedOnAFinishesOnB() {
        OidcLogin.Pending pending = loginVia(a).start("openid");
        String code = pending.submit("erin", PASSWORD, b.baseUrl());
        JsonNode tokens = pending.exchange(code, b.baseUrl());
        // both nodes sign with the realm's keys from the shared database; the issuer is the same URL
        JsonNode access = Jwks.fetch(a.realmUrl(realm)).verify(tokens.get("access_token").asText());
        Jwks.fetch(b.realmUrl(realm)).verify(tokens.get("access_token").asText());
        assertEquals(realm, access.get("tenant_id").asText());
        assertEquals(List.of("update:media/files"), strings(access.get("scopes")));
    }

    @Test
    @Order(2)
    void tokenFromAIsIntrospectedAndRefreshedOnBAndLogoutOnAEndsItOnB() {
        JsonNode tokens = loginVia(a).login("erin", PASSWORD, "openid");
        String access = tokens.get("access_token").asText();
        String refreshToken = tokens.get("refresh_token").asText();

        JsonNode onB = introspect(b, access).json();
        assertTrue(onB.get("active").asBoolean(), onB.toString());
        assertEquals(realm, onB.get("tenant_id").asText(), "USSO claims in introspection on the other node");

        Http.Response refreshed = refresh(b, refreshToken);
        assertEquals(200, refreshed.status(), refreshed.body());
        String newRefresh = refreshed.json().get("refresh_token").asText();
        String newAccess = refreshed.json().get("access_token").asText();

        Http.Response logout = Http.plain().postForm(a.realmUrl(realm) + "/protocol/openid-connect/logout",
                Map.of("refresh_token", newRefresh, "client_id", APP, "client_secret", secret));
        assertEquals(204, logout.status(), logout.body());

        assertFalse(introspect(b, newAccess).json().get("active").asBoolean(), "session ended on A is gone on B");
        Http.Response again = refresh(b, newRefresh);
        assertEquals(400, again.status(), again.body());
        assertEquals("invalid_grant", again.json().get("error").asText());
    }

    @Test
    @Order(3)
    void roleRevokedOnAIsGoneFromTheNextTokenIssuedByB() {
        String frank = admin.createUser(realm, "frank", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, frank, "editor");
        JsonNode before = Jwks.fetch(b.realmUrl(realm)).verify(
                loginVia(b).login("frank", PASSWORD, "openid").get("access_token").asText());
        assertTrue(strings(before.get("scopes")).contains("update:media/files"));

        // the admin API of node A changes the user; node B must not serve a stale cached user
        ArrayNode editor = Http.JSON.createArrayNode().add(admin.role(realm, "editor"));
        AdminApi.expect(admin.delete("/" + realm + "/users/" + frank + "/role-mappings/realm", editor), 204, "revoke");
        JsonNode after = Jwks.fetch(b.realmUrl(realm)).verify(
                loginVia(b).login("frank", PASSWORD, "openid").get("access_token").asText());
        assertFalse(after.has("scopes") && strings(after.get("scopes")).contains("update:media/files"), after.toString());
    }

    @Test
    @Order(4)
    void clientCredentialsTokensFromBothNodesCarryTheSameUssoClaims() {
        List<JsonNode> claims = new ArrayList<>();
        for (UssoServer node : List.of(a, b, a, b)) {
            Http.Response r = Http.plain().postForm(node.realmUrl(realm) + "/protocol/openid-connect/token",
                    Map.of("grant_type", "client_credentials", "client_id", APP, "client_secret", secret));
            assertEquals(200, r.status(), r.body());
            claims.add(Jwks.fetch(node.realmUrl(realm)).verify(r.json().get("access_token").asText()));
        }
        for (JsonNode c : claims) {
            assertEquals(claims.get(0).get("sub"), c.get("sub"));
            assertEquals(realm, c.get("tenant_id").asText());
            assertEquals("access", c.get("token_type").asText());
        }
    }

    @Test
    @Order(5)
    void apiKeyCreatedOnAVerifiesOnBAndItsRevocationOnAIsSeenOnBAtOnce() {
        String userToken = loginVia(a).login("erin", PASSWORD, ApiScopes.openid(ApiScopes.API_KEYS))
                .get("access_token").asText();
        Http.Response created = Http.plain().postJson(a.realmUrl(realm) + "/api-keys",
                Map.of("name", "cluster", "scopes", List.of("update:media/files")), "Authorization", "Bearer " + userToken);
        assertEquals(201, created.status(), created.body());
        String key = created.json().get("api_key").asText();
        String id = created.json().get("id").asText();
        assertEquals(200, verifyOn(b, key).status(), "a key made on A verifies on B");

        Http.Response revoke = Http.plain().delete(a.realmUrl(realm) + "/api-keys/" + id, "Authorization", "Bearer " + userToken);
        long revokedAt = System.nanoTime();
        assertEquals(204, revoke.status(), revoke.body());
        // B cached the key at the verification above; A's revocation evicts it on B (cluster invalidation after
        // commit), so B refuses the key within one second, in practice at the very next request.
        Http.Response after = verifyOn(b, key);
        while (after.status() == 200 && System.nanoTime() - revokedAt < 1_000_000_000L) {
            after = verifyOn(b, key);
        }
        assertEquals(401, after.status(), "revoked on A, still accepted on B after 1 s: " + after.body());
    }

    private Http.Response verifyOn(UssoServer node, String key) {
        String token = OidcLogin.clientCredentials(node.realmUrl(realm), APP, secret);
        return Http.plain().postJson(node.realmUrl(realm) + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + token);
    }

    /** Last: node B dies (SIGKILL) between the login page and the password; node A finishes the login. */
    @Test
    @Order(100)
    void loginSurvivesTheNodeThatStartedItBeingKilled() {
        OidcLogin.Pending pending = loginVia(b).start("openid");
        b.kill();
        assertFalse(b.isAlive());
        String code = pending.submit("erin", PASSWORD, a.baseUrl());
        JsonNode tokens = pending.exchange(code, a.baseUrl());
        JsonNode access = Jwks.fetch(a.realmUrl(realm)).verify(tokens.get("access_token").asText());
        assertEquals(realm, access.get("tenant_id").asText());
        a.awaitClusterSize(1, Duration.ofMinutes(1));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
