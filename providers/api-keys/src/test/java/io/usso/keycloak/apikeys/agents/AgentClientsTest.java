package io.usso.keycloak.apikeys.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientRepresentation;

class AgentClientsTest {

    private static final long NOW = 1_700_000_000L;
    private final AgentPublicKey key = AgentPublicKeys.fromPem(KeyFixtures.ED25519_PEM, AgentAlgorithm.EDDSA);

    @Test
    void agentIsAConfidentialServiceAccountClientWithPrivateKeyJwtOnly() throws Exception {
        ClientRepresentation rep = AgentClients.representation("billing-bot", "bills", key, NOW);
        assertEquals("agent-billing-bot", rep.getClientId());
        assertEquals("billing-bot", rep.getName());
        assertEquals("bills", rep.getDescription());
        assertEquals("openid-connect", rep.getProtocol());
        assertFalse(rep.isPublicClient());
        assertFalse(rep.isBearerOnly());
        assertTrue(rep.isServiceAccountsEnabled());
        assertFalse(rep.isStandardFlowEnabled());
        assertFalse(rep.isImplicitFlowEnabled());
        assertFalse(rep.isDirectAccessGrantsEnabled());
        assertEquals("client-jwt", rep.getClientAuthenticatorType());
        assertNull(rep.getSecret(), "no client secret is chosen by us");

        Map<String, String> attributes = rep.getAttributes();
        assertEquals("true", attributes.get("usso.agent"));
        assertEquals("true", attributes.get("use.jwks.string"));
        assertEquals("false", attributes.get("use.jwks.url"));
        assertEquals("EdDSA", attributes.get("token.endpoint.auth.signing.alg"));
        assertEquals("300", attributes.get("token.endpoint.auth.signing.max.exp"));
        assertEquals(Long.toString(NOW), attributes.get("usso.agent.created_at"));
        JsonNode jwks = new ObjectMapper().readTree(attributes.get("jwks.string"));
        assertEquals(1, jwks.get("keys").size());
        assertEquals(KeyFixtures.ED25519_KID, jwks.get("keys").get(0).get("kid").asText());
        assertEquals(KeyFixtures.ED25519_KID, AgentClients.registeredKeyId(attributes.get("jwks.string")));
    }

    @Test
    void registeredKeyIdToleratesForeignJwks() {
        assertNull(AgentClients.registeredKeyId(null));
        assertNull(AgentClients.registeredKeyId("not json"));
        assertNull(AgentClients.registeredKeyId("{\"keys\": []}"));
        assertNull(AgentClients.registeredKeyId("{\"keys\": [{\"kid\": \"a\"}, {\"kid\": \"b\"}]}"));
        assertNull(AgentClients.registeredKeyId("{\"keys\": [{\"kty\": \"OKP\"}]}"));
    }

    @Test
    void findReturnsOnlyAgentsOfThisRealm() {
        RealmModel realm = mock(RealmModel.class);
        ClientModel agent = client("agent-bot", true);
        ClientModel plain = client("agent-plain", false);
        when(realm.getClientByClientId("agent-bot")).thenReturn(agent);
        when(realm.getClientByClientId("agent-plain")).thenReturn(plain);

        assertSame(agent, AgentClients.find(realm, "agent-bot"));
        assertNull(AgentClients.find(realm, "agent-plain"), "a client without the marker is not an agent");
        assertNull(AgentClients.find(realm, "agent-missing"));
        for (String id : List.of("spa", "realm-management", "agent-", "agent-../x", "")) {
            assertNull(AgentClients.find(realm, id));
        }
        verify(realm, never()).getClientByClientId("spa");
        assertNull(AgentClients.find(realm, null));
    }

    @Test
    void listShowsOnlyMarkedAgentsSortedAndPaged() {
        RealmModel realm = mock(RealmModel.class);
        ClientModel b = client("agent-b", true);
        ClientModel a = client("agent-a", true);
        ClientModel unmarked = client("agent-c", false);
        ClientModel contains = client("my-agent-d", true);
        when(realm.searchClientByClientIdStream("agent-", null, null))
                .thenReturn(java.util.stream.Stream.of(b, unmarked, contains, a));
        assertEquals(List.of(a, b), AgentClients.list(realm, 0, 10).toList());
        when(realm.searchClientByClientIdStream("agent-", null, null))
                .thenReturn(java.util.stream.Stream.of(b, unmarked, contains, a));
        assertEquals(List.of(b), AgentClients.list(realm, 1, 1).toList());
    }

    @Test
    void summaryShowsNothingSecret() {
        ClientModel agent = client("agent-bot", true);
        Map<String, String> attributes = AgentClients.keyAttributes(key, NOW);
        attributes.forEach((name, value) -> when(agent.getAttribute(name)).thenReturn(value));
        when(agent.getAttribute("usso.agent.created_at")).thenReturn("123");
        when(agent.getName()).thenReturn("bot");
        when(agent.isEnabled()).thenReturn(true);
        when(agent.getSecret()).thenReturn("super-secret");

        Map<String, Object> item = AgentJson.listItem(AgentClients.summary(agent));
        assertEquals("agent-bot", item.get("client_id"));
        assertEquals(KeyFixtures.ED25519_KID, item.get("key_id"));
        assertEquals("EdDSA", item.get("algorithm"));
        assertEquals(true, item.get("enabled"));
        assertEquals(123L, item.get("created_at"));
        assertEquals(NOW, item.get("key_updated_at"));
        assertFalse(AgentJson.write(item).contains("super-secret"));
    }

    @Test
    void credentialsFileCarriesThePrivateKeyOnlyWhenGenerated() {
        Map<String, Object> generated = AgentJson.credentials("agent-bot", key, "-----BEGIN PRIVATE KEY-----\n",
                "https://id/realms/t/protocol/openid-connect/token", "https://id/realms/t", NOW);
        assertEquals(List.of("type", "client_id", "key_id", "algorithm", "token_uri", "issuer", "private_key",
                "created_at"), List.copyOf(generated.keySet()));
        assertEquals("agent", generated.get("type"));
        assertEquals(KeyFixtures.ED25519_KID, generated.get("key_id"));
        assertFalse(AgentJson.credentials("agent-bot", key, null, "t", "i", NOW).containsKey("private_key"));
    }

    private static ClientModel client(String clientId, boolean agent) {
        ClientModel client = mock(ClientModel.class);
        when(client.getClientId()).thenReturn(clientId);
        when(client.getAttribute("usso.agent")).thenReturn(agent ? "true" : null);
        return client;
    }
}
