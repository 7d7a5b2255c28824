package io.usso.keycloak.apikeys.agents;

import static io.usso.keycloak.apikeys.agents.KeyFixtures.ED25519_KID;
import static io.usso.keycloak.apikeys.agents.KeyFixtures.ED25519_PEM;
import static io.usso.keycloak.apikeys.agents.KeyFixtures.ED25519_X;
import static io.usso.keycloak.apikeys.agents.KeyFixtures.P256_KID;
import static io.usso.keycloak.apikeys.agents.KeyFixtures.P256_PEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void minimalBodyGeneratesAnEdDsaAgent() {
        AgentRequests.CreateAgent request = AgentRequests.parseCreate("{\"name\": \"billing-bot\"}");
        assertEquals("billing-bot", request.name());
        assertEquals(AgentAlgorithm.EDDSA, request.algorithm());
        assertNull(request.publicKey(), "no key: the server generates one");
        assertEquals(List.of(), request.roles());
        assertNull(request.description());
    }

    @Test
    void fullBodyIsParsed() throws Exception {
        AgentRequests.CreateAgent request = AgentRequests.parseCreate(JSON.writeValueAsString(Map.of(
                "name", "Etl_1.x", "algorithm", "ES256", "public_key", P256_PEM,
                "roles", List.of("reader", "writer", "reader"), "description", "  nightly export  ")));
        assertEquals(AgentAlgorithm.ES256, request.algorithm());
        assertEquals(P256_KID, request.publicKey().keyId());
        assertEquals(List.of("reader", "writer"), request.roles(), "duplicates removed, order kept");
        assertEquals("nightly export", request.description());
    }

    @Test
    void publicKeyMayBeAJwkObject() throws Exception {
        AgentRequests.CreateAgent request = AgentRequests.parseCreate(JSON.writeValueAsString(Map.of(
                "name", "a", "public_key", Map.of("kty", "OKP", "crv", "Ed25519", "x", ED25519_X))));
        assertEquals(ED25519_KID, request.publicKey().keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "with/slash", "émoji", "a:b", "tab\t"})
    void badNamesAreRefused(String name) throws Exception {
        assertRefused(JSON.writeValueAsString(Map.of("name", name)), "name must be 1 to 64 characters");
    }

    @Test
    void nameLengthLimitIs64() throws Exception {
        assertEquals(64, AgentRequests.parseCreate(JSON.writeValueAsString(Map.of("name", "n".repeat(64))))
                .name().length());
        assertRefused(JSON.writeValueAsString(Map.of("name", "n".repeat(65))), "1 to 64");
    }

    @Test
    void badBodiesAreRefused() {
        assertRefused("", "JSON object body is required");
        assertRefused("not json", "not valid JSON");
        assertRefused("[]", "must be a JSON object");
        assertRefused("{\"name\": \"a\"} {}", "not valid JSON");
        assertRefused("{\"name\": \"a\", \"name\": \"b\"}", "not valid JSON");
        assertRefused("{}", "name is required");
        assertRefused("{\"name\": 5}", "name must be a string");
        assertRefused("{\"name\": \"a\", \"algorithm\": \"RS256\"}", "algorithm must be");
        assertRefused("{\"name\": \"a\", \"algorithm\": 1}", "algorithm must be");
        assertRefused("{\"name\": \"a\", \"public_key\": 42}", "PEM string or a JWK object");
        assertRefused("{\"name\": \"a\", \"roles\": \"admin\"}", "roles must be an array");
        assertRefused("{\"name\": \"a\", \"roles\": [1]}", "non-empty strings");
        assertRefused("{\"name\": \"a\", \"roles\": [\"\"]}", "non-empty strings");
        assertRefused("{\"name\": \"a\", \"description\": 3}", "description must be a string");
        assertRefused("{\"name\": \"a\", \"description\": \"" + "d".repeat(256) + "\"}", "at most 255");
        assertRefused("{\"name\": \"a\", \"description\": \"a\\u0000b\"}", "control characters");
        assertRefused("{\"name\": \"a\", \"private_key\": \"x\"}", "Unknown field \"private_key\"");
    }

    @Test
    void tooManyRolesAreRefused() throws Exception {
        List<String> roles = java.util.stream.IntStream.range(0, AgentRequests.MAX_ROLES + 1)
                .mapToObj(i -> "r" + i).toList();
        assertRefused(JSON.writeValueAsString(Map.of("name", "a", "roles", roles)), "at most 50");
    }

    @Test
    void keyAndAlgorithmMustAgree() throws Exception {
        assertRefused(JSON.writeValueAsString(Map.of("name", "a", "public_key", P256_PEM)),
                "algorithm EdDSA needs an Ed25519 key");
        assertRefused(JSON.writeValueAsString(Map.of("name", "a", "algorithm", "ES256", "public_key", ED25519_PEM)),
                "algorithm ES256 needs a P-256 EC key");
    }

    @Test
    void replaceKeyDefaultsToTheAgentsCurrentAlgorithm() throws Exception {
        AgentRequests.ReplaceKey empty = AgentRequests.parseReplaceKey("", AgentAlgorithm.ES256);
        assertEquals(AgentAlgorithm.ES256, empty.algorithm());
        assertNull(empty.publicKey());
        assertEquals(AgentAlgorithm.EDDSA, AgentRequests.parseReplaceKey("{\"algorithm\": \"EdDSA\"}",
                AgentAlgorithm.ES256).algorithm());
        assertEquals(ED25519_KID, AgentRequests.parseReplaceKey(JSON.writeValueAsString(Map.of(
                "public_key", ED25519_PEM)), AgentAlgorithm.EDDSA).publicKey().keyId());
        AgentRequestException e = assertThrows(AgentRequestException.class,
                () -> AgentRequests.parseReplaceKey("{\"name\": \"other\"}", AgentAlgorithm.EDDSA));
        assertTrue(e.getMessage().contains("Unknown field"), e.getMessage());
    }

    @Test
    void bodiesAreBoundedAndStrictUtf8() {
        byte[] big = new byte[AgentRequests.MAX_BODY_BYTES + 1];
        assertThrows(AgentRequestException.class, () -> AgentRequests.readBody(new ByteArrayInputStream(big)));
        assertThrows(AgentRequestException.class,
                () -> AgentRequests.readBody(new ByteArrayInputStream(new byte[] {'{', (byte) 0xC3, '}'})));
        assertEquals("", AgentRequests.readBody(null));
    }

    private static void assertRefused(String body, String expected) {
        AgentRequestException e = assertThrows(AgentRequestException.class, () -> AgentRequests.parseCreate(body));
        assertTrue(e.getMessage().contains(expected), "\"" + e.getMessage() + "\" should contain \"" + expected
                + "\" for body " + body);
    }
}
