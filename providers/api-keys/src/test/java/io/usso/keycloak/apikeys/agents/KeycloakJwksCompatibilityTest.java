package io.usso.keycloak.apikeys.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;
import org.keycloak.util.JWKSUtils;
import org.keycloak.util.JsonSerialization;

/**
 * The {@code jwks.string} we store is read by Keycloak's own JWK code (as {@code ClientPublicKeyLoader} does) into
 * the same key, kid and algorithm: what {@code JWTClientAuthenticator} verifies assertions with.
 */
class KeycloakJwksCompatibilityTest {

    @BeforeAll
    static void initCrypto() {
        CryptoIntegration.init(KeycloakJwksCompatibilityTest.class.getClassLoader());
    }

    @ParameterizedTest
    @EnumSource(AgentAlgorithm.class)
    void keycloakReadsTheStoredJwks(AgentAlgorithm algorithm) throws Exception {
        AgentPublicKey key = new AgentKeyGenerator(new SecureRandom()).generate(algorithm).publicKey();
        Map<String, String> attributes = AgentClients.keyAttributes(key, 1_700_000_000L);
        JSONWebKeySet set = JsonSerialization.readValue(
                attributes.get(OIDCConfigAttributes.JWKS_STRING), JSONWebKeySet.class);

        List<KeyWrapper> keys = JWKSUtils.getKeyWrappersForUse(set, JWK.Use.SIG).getKeys();
        assertEquals(1, keys.size());
        KeyWrapper wrapper = keys.get(0);
        assertEquals(key.keyId(), wrapper.getKid());
        assertEquals(algorithm.jose(), wrapper.getAlgorithm());
        assertEquals(KeyUse.SIG, wrapper.getUse());
        assertEquals(algorithm == AgentAlgorithm.EDDSA ? "OKP" : "EC", wrapper.getType());
        assertArrayEquals(key.spki(), wrapper.getPublicKey().getEncoded());
        assertEquals("true", attributes.get(OIDCConfigAttributes.USE_JWKS_STRING));
        assertEquals(algorithm.jose(), attributes.get(OIDCConfigAttributes.TOKEN_ENDPOINT_AUTH_SIGNING_ALG));
    }
}
