package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * USSO agents against the real server: {@code /realms/{realm}/agents} creates confidential clients that
 * authenticate with {@code private_key_jwt}; the agent signs its own client assertion with a standard JOSE library
 * (nimbus-jose-jwt) and gets an access token with the {@code client_credentials} grant from Keycloak's own token
 * endpoint.
 */
class AgentsIT extends TenantIT {

    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Agents-IT-2026!";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** SubjectPublicKeyInfo of an Ed25519 key up to the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private String otherRealm;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "billing-reader", Map.of());
        admin.createRealmRole(realm, "billing-admin", Map.of());
        String agentAdmin = admin.createUser(realm, "agent-admin", PASSWORD, Map.of());
        grantRealmManagement(realm, agentAdmin, "manage-clients", "view-clients");
        admin.grantRealmRoles(realm, agentAdmin, "billing-reader");
        grantRealmManagement(realm, admin.createUser(realm, "viewer", PASSWORD, Map.of()), "view-clients");
        admin.createUser(realm, "nobody", PASSWORD, Map.of());
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void generatedEdDsaAgentSignsItsOwnAssertionAndGetsAToken() throws Exception {
        Http.Response created = createAgent(userToken("agent-admin"), Map.of("name", "billing-bot",
                "roles", List.of("billing-reader"), "description", "bills"));
        assertEquals(201, created.status(), created.body());
        assertEquals("no-store", created.header("Cache-Control"));
        JsonNode credentials = created.json();
        assertEquals("agent", credentials.get("type").asText());
        assertEquals("agent-billing-bot", credentials.get("client_id").asText());
        assertEquals("EdDSA", credentials.get("algorithm").asText());
        assertEquals(realmUrl() + "/protocol/openid-connect/token", credentials.get("token_uri").asText());
        assertEquals(realmUrl(), credentials.get("issuer").asText());
        assertTrue(credentials.get("private_key").asText().startsWith("-----BEGIN PRIVATE KEY-----"));

        Ed25519Agent agent = Ed25519Agent.fromCredentials(credentials);
        assertEquals(sha256Hex(agent.spki()), credentials.get("key_id").asText(),
                "key_id = SHA-256 hex of the public key's SubjectPublicKeyInfo, as in USSO");

        String assertion = agent.assertion(credentials.get("token_uri").asText(), 300);
        Http.Response token = tokenRequest(assertion);
        assertEquals(200, token.status(), token.body());
        JWTClaimsSet claims = SignedJWT.parse(token.json().get("access_token").asText()).getJWTClaimsSet();
        assertEquals("agent-billing-bot", claims.getStringClaim("azp"));
        assertEquals(admin.serviceAccountUserId(realm, "agent-billing-bot"), claims.getSubject(),
                "the token is the agent's service account");
        assertTrue(claims.toString().contains("billing-reader"), "the granted role is in the token: " + claims);

        Http.Response replay = tokenRequest(assertion);
        assertInvalidClient(replay, "a client assertion is single use");

        // the client secret Keycloak generated for the confidential client never authenticates the agent
        String uuid = admin.clientUuid(realm, "agent-billing-bot");
        String secret = admin.getJson("/" + realm + "/clients/" + uuid + "/client-secret").path("value").asText();
        Http.Response bySecret = Http.plain().postForm(tokenUrl(), Map.of("grant_type", "client_credentials",
                "client_id", "agent-billing-bot", "client_secret", secret));
        assertNotEquals(200, bySecret.status(), "client_secret must not work for an agent: " + bySecret.body());

        JsonNode client = admin.getJson("/" + realm + "/clients/" + uuid);
        assertEquals("client-jwt", client.get("clientAuthenticatorType").asText());
        assertFalse(client.get("standardFlowEnabled").asBoolean());
        assertFalse(client.get("directAccessGrantsEnabled").asBoolean());
        assertFalse(client.get("publicClient").asBoolean());
    }

    @Test
    void es256AgentFromTheCallersPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";

        Http.Response created = createAgent(userToken("agent-admin"), Map.of("name", "es-bot", "algorithm", "ES256",
                "public_key", pem));
        assertEquals(201, created.status(), created.body());
        JsonNode credentials = created.json();
        assertNull(credentials.get("private_key"), "the caller keeps its private key; none is returned");
        assertEquals("ES256", credentials.get("algorithm").asText());
        String kid = credentials.get("key_id").asText();
        assertEquals(sha256Hex(pair.getPublic().getEncoded()), kid);

        JWSSigner signer = new ECDSASigner((ECPrivateKey) pair.getPrivate());
        Http.Response token = tokenRequest(sign(signer, JWSAlgorithm.ES256, kid, "agent-es-bot", realmUrl(), 60));
        assertEquals(200, token.status(), token.body());

        // the same key as a JWK object works too (another agent)
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build();
        Http.Response fromJwk = createAgent(userToken("agent-admin"), Map.of("name", "es-jwk-bot",
                "algorithm", "ES256", "public_key", jwk.toJSONObject()));
        assertEquals(201, fromJwk.status(), fromJwk.body());
        assertEquals(kid, fromJwk.json().get("key_id").asText());
        assertEquals(200, tokenRequest(sign(signer, JWSAlgorithm.ES256, kid, "agent-es-jwk-bot", tokenUrl(), 60))
                .status());
    }

    @Test
    void assertionsSignedWithAnotherKeyOrOutOfDateAreRefused() throws Exception {
        JsonNode credentials = createAgent(userToken("agent-admin"), Map.of("name", "guarded")).json();
        String kid = credentials.get("key_id").asText();
        Ed25519Agent agent = Ed25519Agent.fromCredentials(credentials);
        Ed25519Agent intruder = Ed25519Agent.random("agent-guarded");

        assertInvalidClient(tokenRequest(intruder.assertionWithKid(kid, tokenUrl(), 60)),
                "another key under the agent's kid");
        assertInvalidClient(tokenRequest(intruder.assertion(tokenUrl(), 60)), "another key under its own kid");
        assertInvalidClient(tokenRequest(agent.assertion(tokenUrl(), -30)), "an expired assertion");
        assertInvalidClient(tokenRequest(agent.assertion("https://elsewhere.example/token", 60)),
                "an assertion for another audience");
        assertEquals(200, tokenRequest(agent.assertion(tokenUrl(), 60)).status(), "the agent's own key works");
    }

    @Test
    void callersNeedAValidTokenOfThisRealmAndTheRightRole() {
        Map<String, Object> body = Map.of("name", "nope");
        Http.Response anonymous = Http.plain().postJson(agentsUrl(), body);
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("invalid_token", anonymous.json().get("error").asText());
        assertEquals(401, createAgent("not-a-token", body).status());
        assertEquals(401, Http.plain().get(agentsUrl()).status());

        otherRealm = realm + "-o";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        String otherAdmin = admin.createUser(otherRealm, "agent-admin", PASSWORD, Map.of());
        grantRealmManagement(otherRealm, otherAdmin, "manage-clients", "view-clients");
        String foreignToken = new OidcLogin(server.realmUrl(otherRealm), SPA, REDIRECT)
                .login("agent-admin", PASSWORD, ApiScopes.openid(ApiScopes.AGENTS)).get("access_token").asText();
        Http.Response foreign = createAgent(foreignToken, body);
        assertEquals(401, foreign.status(), "a token of another tenant: " + foreign.body());
        assertEquals(401, Http.plain().get(agentsUrl(), "Authorization", "Bearer " + foreignToken).status());

        Http.Response viewer = createAgent(userToken("viewer"), body);
        assertEquals(403, viewer.status(), viewer.body());
        assertEquals("access_denied", viewer.json().get("error").asText());
        Http.Response nobody = Http.plain().get(agentsUrl(), "Authorization", "Bearer " + userToken("nobody"));
        assertEquals(403, nobody.status(), nobody.body());
        assertEquals(0, admin.getJson("/" + realm + "/clients?clientId=agent-nope").size(), "nothing was created");
    }

    @Test
    void viewersListAgentsWithoutSecrets() {
        JsonNode created = createAgent(userToken("agent-admin"), Map.of("name", "listed")).json();
        Http.Response list = Http.plain().get(agentsUrl(), "Authorization", "Bearer " + userToken("viewer"));
        assertEquals(200, list.status(), list.body());
        JsonNode item = null;
        for (JsonNode agent : list.json()) {
            if (agent.get("client_id").asText().equals("agent-listed")) {
                item = agent;
            }
            assertTrue(agent.get("client_id").asText().startsWith("agent-"), "only agents are listed");
        }
        assertNotNull(item, list.body());
        assertEquals(created.get("key_id").asText(), item.get("key_id").asText());
        assertEquals("EdDSA", item.get("algorithm").asText());
        assertTrue(item.get("enabled").asBoolean());
        assertTrue(item.get("created_at").asLong() > 0);
        assertFalse(list.body().contains("PRIVATE KEY"));
        assertFalse(list.body().contains(created.get("private_key").asText().substring(30, 60)));
        assertEquals(400, Http.plain().get(agentsUrl() + "?max=0", "Authorization", "Bearer "
                + userToken("viewer")).status());
    }

    @Test
    void badBodiesGetA400WithADescription() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem = pem("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        String p384Pem = pem("PUBLIC KEY", ec.generateKeyPair().getPublic().getEncoded());
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        KeyPair edPair = ed.generateKeyPair();
        String edPem = pem("PUBLIC KEY", edPair.getPublic().getEncoded());
        String edPrivatePem = pem("PRIVATE KEY", edPair.getPrivate().getEncoded());

        List<Object> bodies = List.of("not json", "[]", "{}", Map.of("name", "bad name"),
                Map.of("name", "x".repeat(65)), Map.of("name", "a", "algorithm", "RS256"),
                Map.of("name", "a", "public_key", rsaPem), Map.of("name", "a", "algorithm", "ES256", "public_key", p384Pem),
                Map.of("name", "a", "algorithm", "ES256", "public_key", edPem),
                Map.of("name", "a", "public_key", edPrivatePem), Map.of("name", "a", "public_key", "garbage"),
                Map.of("name", "a", "public_key", Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA", "d", "AAAA")),
                Map.of("name", "a", "roles", "billing-reader"), Map.of("name", "a", "roles", List.of("no-such-role")),
                Map.of("name", "a", "secret", "x"));
        String token = userToken("agent-admin");
        for (Object body : bodies) {
            Http.Response r = createAgent(token, body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertEquals("invalid_request", r.json().get("error").asText());
            assertFalse(r.json().get("error_description").asText().isBlank());
        }
        Http.Response privateKey = createAgent(token, Map.of("name", "a", "public_key", edPrivatePem));
        assertTrue(privateKey.json().get("error_description").asText().contains("private key"));
        assertFalse(privateKey.body().contains(edPrivatePem.substring(40, 60)), "the private key is not echoed");
        assertEquals(0, admin.getJson("/" + realm + "/clients?clientId=agent-a").size());
    }

    @Test
    void aCallerCannotGiveRolesItHasNot() {
        String token = userToken("agent-admin");
        Http.Response escalation = createAgent(token, Map.of("name", "climber", "roles", List.of("billing-admin")));
        assertEquals(403, escalation.status(), escalation.body());
        assertTrue(escalation.json().get("error_description").asText().contains("billing-admin"));
        assertEquals(0, admin.getJson("/" + realm + "/clients?clientId=agent-climber").size(), "nothing created");
        Http.Response mixed = createAgent(token, Map.of("name", "climber",
                "roles", List.of("billing-reader", "billing-admin")));
        assertEquals(403, mixed.status(), mixed.body());

        Http.Response allowed = createAgent(token, Map.of("name", "climber", "roles", List.of("billing-reader")));
        assertEquals(201, allowed.status(), allowed.body());
        Http.Response again = createAgent(token, Map.of("name", "climber"));
        assertEquals(409, again.status(), "the client id is taken: " + again.body());
    }

    @Test
    void deletedAgentsGetNoMoreTokens() throws Exception {
        JsonNode credentials = createAgent(userToken("agent-admin"), Map.of("name", "short-lived")).json();
        Ed25519Agent agent = Ed25519Agent.fromCredentials(credentials);
        assertEquals(200, tokenRequest(agent.assertion(tokenUrl(), 60)).status());

        assertEquals(403, deleteAgent(userToken("viewer"), "agent-short-lived").status(), "viewers cannot delete");
        assertEquals(403, deleteAgent(userToken("nobody"), "agent-no-such").status(),
                "no permission: 403 whether the agent exists or not");
        assertEquals(404, deleteAgent(userToken("agent-admin"), SPA).status(), "only agents are deleted here");
        assertEquals(404, deleteAgent(userToken("agent-admin"), "agent-no-such").status());

        String serviceAccount = admin.serviceAccountUserId(realm, "agent-short-lived");
        assertEquals(200, admin.get("/" + realm + "/users/" + serviceAccount).status());
        assertEquals(204, deleteAgent(userToken("agent-admin"), "agent-short-lived").status());
        assertInvalidClient(tokenRequest(agent.assertion(tokenUrl(), 60)), "a deleted agent");
        assertEquals(404, deleteAgent(userToken("agent-admin"), "agent-short-lived").status());
        assertEquals(404, admin.get("/" + realm + "/users/" + serviceAccount).status(),
                "the service account goes with the agent");
    }

    @Test
    void keyRotationEndsTheOldKeyAtOnce() throws Exception {
        String token = userToken("agent-admin");
        JsonNode first = createAgent(token, Map.of("name", "rotating", "roles", List.of("billing-reader"))).json();
        Ed25519Agent oldKey = Ed25519Agent.fromCredentials(first);
        assertEquals(200, tokenRequest(oldKey.assertion(tokenUrl(), 60)).status());

        Http.Response rotated = Http.plain().postJson(agentsUrl() + "/agent-rotating/keys", Map.of(),
                "Authorization", "Bearer " + token);
        assertEquals(201, rotated.status(), rotated.body());
        assertEquals("no-store", rotated.header("Cache-Control"));
        JsonNode second = rotated.json();
        assertNotEquals(first.get("key_id").asText(), second.get("key_id").asText());
        Ed25519Agent newKey = Ed25519Agent.fromCredentials(second);

        assertInvalidClient(tokenRequest(oldKey.assertion(tokenUrl(), 60)), "the replaced key");
        Http.Response fresh = tokenRequest(newKey.assertion(tokenUrl(), 60));
        assertEquals(200, fresh.status(), fresh.body());
        assertTrue(SignedJWT.parse(fresh.json().get("access_token").asText()).getJWTClaimsSet().toString()
                .contains("billing-reader"), "roles survive the rotation");

        // to ES256 with a caller-provided key; viewers may not rotate
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Map<String, Object> body = Map.of("algorithm", "ES256", "public_key", pem("PUBLIC KEY",
                pair.getPublic().getEncoded()));
        assertEquals(403, Http.plain().postJson(agentsUrl() + "/agent-rotating/keys", body,
                "Authorization", "Bearer " + userToken("viewer")).status());
        Http.Response toEs = Http.plain().postJson(agentsUrl() + "/agent-rotating/keys", body,
                "Authorization", "Bearer " + token);
        assertEquals(201, toEs.status(), toEs.body());
        assertNull(toEs.json().get("private_key"));
        assertInvalidClient(tokenRequest(newKey.assertion(tokenUrl(), 60)), "EdDSA after the switch to ES256");
        assertEquals(200, tokenRequest(sign(new ECDSASigner((ECPrivateKey) pair.getPrivate()), JWSAlgorithm.ES256,
                toEs.json().get("key_id").asText(), "agent-rotating", tokenUrl(), 60)).status());
        assertEquals(404, Http.plain().postJson(agentsUrl() + "/spa/keys", Map.of(),
                "Authorization", "Bearer " + token).status(), "only agents are re-keyed here");
    }

    @Test
    void changesAreEventsWithoutThePrivateKey() {
        JsonNode credentials = createAgent(userToken("agent-admin"), Map.of("name", "audited")).json();
        createAgent(userToken("agent-admin"), Map.of("name", "audited-2", "roles", List.of("billing-admin")));
        JsonNode events = admin.getJson("/" + realm + "/events?max=500");
        JsonNode register = null;
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("CLIENT_REGISTER")
                    && event.path("details").path("client_id").asText().equals("agent-audited")) {
                register = event;
            }
        }
        assertNotNull(register, "CLIENT_REGISTER event expected: " + events);
        assertEquals("usso-agent", register.get("details").get("auth_method").asText());
        assertEquals(credentials.get("key_id").asText(), register.get("details").get("key_id").asText());
        assertEquals("EdDSA", register.get("details").get("algorithm").asText());
        String agentAdminId = admin.getJson("/" + realm + "/users?username=agent-admin&exact=true").get(0)
                .get("id").asText();
        assertEquals(agentAdminId, register.get("userId").asText(), "the caller is the event's user");
        String privateBody = credentials.get("private_key").asText().replaceAll("-----[A-Z ]+-----|\\s", "");
        assertFalse(events.toString().contains(privateBody.substring(10, 40)), "an event carries the private key");
        assertTrue(events.toString().contains("CLIENT_REGISTER_ERROR"), "the refused escalation is an event");
        assertFalse(server.logText().contains(privateBody.substring(10, 40)), "the log carries the private key");
    }

    // ------------------------------------------------------------------ helpers

    private String agentsUrl() {
        return realmUrl() + "/agents";
    }

    private String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    private String userToken(String username) {
        return new OidcLogin(realmUrl(), SPA, REDIRECT).login(username, PASSWORD, ApiScopes.openid(ApiScopes.AGENTS)).get("access_token")
                .asText();
    }

    private Http.Response createAgent(String token, Object body) {
        return Http.plain().postJson(agentsUrl(), body, "Authorization", "Bearer " + token);
    }

    private Http.Response deleteAgent(String token, String clientId) {
        return Http.plain().delete(agentsUrl() + "/" + clientId, "Authorization", "Bearer " + token);
    }

    private Http.Response tokenRequest(String assertion) {
        return Http.plain().postForm(tokenUrl(), Map.of("grant_type", "client_credentials",
                "client_assertion_type", JWT_BEARER, "client_assertion", assertion));
    }

    private static void assertInvalidClient(Http.Response r, String what) {
        assertTrue(r.status() == 400 || r.status() == 401, what + ": " + r.status() + " " + r.body());
        assertEquals("invalid_client", r.json().path("error").asText(), what + ": " + r.body());
        assertNull(r.json().get("access_token"), what);
    }

    /** Grants client roles of {@code realm-management} (the tenant's admin roles). */
    private void grantRealmManagement(String inRealm, String userId, String... roles) {
        String managementId = admin.clientUuid(inRealm, "realm-management");
        ArrayNode list = Http.JSON.createArrayNode();
        for (String role : roles) {
            list.add(admin.getJson("/" + inRealm + "/clients/" + managementId + "/roles/" + role));
        }
        AdminApi.expect(admin.post("/" + inRealm + "/users/" + userId + "/role-mappings/clients/" + managementId,
                list), 204, "grant realm-management roles");
    }

    /** A client assertion: iss = sub = client id, aud, jti, iat, exp. */
    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, String clientId, String audience,
            long lifetimeSeconds) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now.minusSeconds(lifetimeSeconds < 0 ? 120 : 0)))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END "
                + label + "-----\n";
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** An agent holding an Ed25519 key, as a program reading the credentials file would. */
    private record Ed25519Agent(String clientId, String kid, OctetKeyPair key) {

        static Ed25519Agent fromCredentials(JsonNode credentials) throws Exception {
            String body = credentials.get("private_key").asText().replaceAll("-----[A-Z ]+-----|\\s", "");
            EdECPrivateKey privateKey = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            byte[] seed = privateKey.getBytes().orElseThrow();
            return of(credentials.get("client_id").asText(), credentials.get("key_id").asText(), seed);
        }

        static Ed25519Agent random(String clientId) throws Exception {
            Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPair();
            byte[] spki = concat(ED25519_SPKI_PREFIX, pair.getPublicKey());
            return of(clientId, sha256Hex(spki), pair.getPrivateKey());
        }

        private static Ed25519Agent of(String clientId, String kid, byte[] seed) throws Exception {
            byte[] x = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
            OctetKeyPair key = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(seed))
                    .keyID(kid).build();
            return new Ed25519Agent(clientId, kid, key);
        }

        byte[] spki() {
            return concat(ED25519_SPKI_PREFIX, key.getDecodedX());
        }

        String assertion(String audience, long lifetimeSeconds) throws Exception {
            return assertionWithKid(kid, audience, lifetimeSeconds);
        }

        String assertionWithKid(String headerKid, String audience, long lifetimeSeconds) throws Exception {
            return sign(new Ed25519Signer(key), JWSAlgorithm.EdDSA, headerKid, clientId, audience, lifetimeSeconds);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}
