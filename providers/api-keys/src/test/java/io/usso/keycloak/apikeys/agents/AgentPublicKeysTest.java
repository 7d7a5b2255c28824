package io.usso.keycloak.apikeys.agents;

import static io.usso.keycloak.apikeys.agents.KeyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentPublicKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ed25519PemGivesUssoKeyIdAndOkpJwk() {
        AgentPublicKey key = AgentPublicKeys.fromPem(ED25519_PEM, AgentAlgorithm.EDDSA);
        assertEquals(ED25519_KID, key.keyId(), "kid = SHA-256 hex of the SPKI DER, as openssl computes it");
        assertEquals(Map.of("kty", "OKP", "crv", "Ed25519", "x", ED25519_X, "kid", ED25519_KID, "use", "sig",
                "alg", "EdDSA"), key.jwk());
    }

    @Test
    void p256PemGivesUssoKeyIdAndEcJwk() {
        AgentPublicKey key = AgentPublicKeys.fromPem(P256_PEM, AgentAlgorithm.ES256);
        assertEquals(P256_KID, key.keyId());
        assertEquals(Map.of("kty", "EC", "crv", "P-256", "x", P256_X, "y", P256_Y, "kid", P256_KID, "use", "sig",
                "alg", "ES256"), key.jwk());
    }

    @Test
    void pemWithCrlfAndSurroundingWhitespaceIsAccepted() {
        String messy = "\r\n  " + P256_PEM.replace("\n", "\r\n") + "\n\n";
        assertEquals(P256_KID, AgentPublicKeys.fromPem(messy, AgentAlgorithm.ES256).keyId());
    }

    @Test
    void compressedP256PointIsEitherCanonicalisedOrRefusedClearly() {
        // The key id is always over the canonical (uncompressed) encoding, never over what the caller sent.
        try {
            assertEquals(P256_KID, AgentPublicKeys.fromPem(P256_COMPRESSED_PEM, AgentAlgorithm.ES256).keyId());
        } catch (AgentRequestException e) {
            assertEquals("public_key is not a valid P-256 EC key", e.getMessage());
        }
    }

    @Test
    void jwkAndPemOfTheSameKeyAgree() {
        AgentPublicKey fromJwk = AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", ED25519_X,
                "kid", "caller-chosen", "use", "sig", "alg", "EdDSA"), AgentAlgorithm.EDDSA);
        assertEquals(AgentPublicKeys.fromPem(ED25519_PEM, AgentAlgorithm.EDDSA), fromJwk);
        assertEquals(ED25519_KID, fromJwk.keyId(), "the caller's kid is ignored");

        AgentPublicKey ec = AgentPublicKeys.fromJwk(jwk("kty", "EC", "crv", "P-256", "x", P256_X, "y", P256_Y),
                AgentAlgorithm.ES256);
        assertEquals(P256_KID, ec.keyId());
        assertArrayEquals(AgentPublicKeys.fromPem(P256_PEM, AgentAlgorithm.ES256).spki(), ec.spki());
    }

    @Test
    void keyTypeMustMatchTheAlgorithm() {
        assertRefused(() -> AgentPublicKeys.fromPem(ED25519_PEM, AgentAlgorithm.ES256),
                "algorithm ES256 needs a P-256 EC key, but public_key is an Ed25519 key");
        assertRefused(() -> AgentPublicKeys.fromPem(P256_PEM, AgentAlgorithm.EDDSA),
                "algorithm EdDSA needs an Ed25519 key, but public_key is a P-256 EC key");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "EC", "crv", "P-256", "x", P256_X, "y", P256_Y),
                AgentAlgorithm.EDDSA), "needs an Ed25519 key");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", ED25519_X),
                AgentAlgorithm.ES256), "needs a P-256 EC key");
    }

    @Test
    void otherCurvesAreRefused() {
        assertRefused(() -> AgentPublicKeys.fromPem(P384_PEM, AgentAlgorithm.ES256), "is a P-384 EC key");
        assertRefused(() -> AgentPublicKeys.fromPem(SECP256K1_PEM, AgentAlgorithm.ES256), "is a secp256k1 EC key");
        assertRefused(() -> AgentPublicKeys.fromPem(ED448_PEM, AgentAlgorithm.EDDSA), "is an Ed448 key");
        assertRefused(() -> AgentPublicKeys.fromPem(X25519_PEM, AgentAlgorithm.EDDSA), "X25519");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "EC", "crv", "P-384", "x", P256_X, "y", P256_Y),
                AgentAlgorithm.ES256), "an EC key on P-384");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed448", "x", ED25519_X),
                AgentAlgorithm.EDDSA), "an OKP key on Ed448");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "x", ED25519_X), AgentAlgorithm.EDDSA),
                "without a curve");
    }

    @Test
    void rsaIsRefusedInEveryForm() {
        for (AgentAlgorithm algorithm : AgentAlgorithm.values()) {
            assertRefused(() -> AgentPublicKeys.fromPem(RSA_PEM, algorithm), "RSA keys are not accepted");
            assertRefused(() -> AgentPublicKeys.fromPem(RSA_PKCS1_PEM, algorithm), "RSA keys are not accepted");
            assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "RSA", "n", "AQAB", "e", "AQAB"), algorithm),
                    "RSA keys are not accepted");
        }
    }

    @Test
    void privateKeysSentByMistakeAreRefusedAndNeverEchoed() {
        String secret = "MC4CAQAwBQYDK2VwBCIEIMtJvvmOxC6noZFUNstht5W";
        for (String pem : new String[] {ED25519_PRIVATE_PEM, ED25519_PRIVATE_AS_PUBLIC_PEM,
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----"}) {
            AgentRequestException e = assertThrows(AgentRequestException.class,
                    () -> AgentPublicKeys.fromPem(pem, AgentAlgorithm.EDDSA));
            assertTrue(e.getMessage().contains("holds a private key"), e.getMessage());
            assertTrue(!e.getMessage().contains(secret.substring(10, 30)), "the key must not be echoed");
        }
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", ED25519_X,
                "d", "y0m--Y7ELqehkVQ2y2G3lb688K6XgDLu1TjoSZrQqW0"), AgentAlgorithm.EDDSA), "holds a private key");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "oct", "k", "c2VjcmV0"), AgentAlgorithm.EDDSA),
                "holds a private key");
    }

    @Test
    void certificatesAndOtherPemBlocksAreRefused() {
        assertRefused(() -> AgentPublicKeys.fromPem(CERTIFICATE_PEM, AgentAlgorithm.EDDSA), "is a certificate");
        assertRefused(() -> AgentPublicKeys.fromPem(
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----", AgentAlgorithm.ES256),
                "PEM 'EC PARAMETERS' block");
        assertRefused(() -> AgentPublicKeys.fromPem(ED25519_PEM.replace("END PUBLIC KEY", "END CERTIFICATE"),
                AgentAlgorithm.EDDSA), "mismatched");
        assertRefused(() -> AgentPublicKeys.fromPem(ED25519_PEM + ED25519_PEM, AgentAlgorithm.EDDSA),
                "not a PEM block");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "MCowBQYDK2VwAyEAitjgJhirVfnKfRMnEgPh+pV9vMRDSTQrshXmINEsNX0=",
            "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAitjgJhirVfnKfRMnEgPh\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAitjgJhirVfnKfRMnEgPh+pV9vMRDSTQrshXmINEsNX0AAA==\n"
                    + "-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"})
    void garbageIsRefusedWithA400Message(String pem) {
        AgentRequestException e = assertThrows(AgentRequestException.class,
                () -> AgentPublicKeys.fromPem(pem, AgentAlgorithm.EDDSA));
        assertTrue(e.getMessage().startsWith("public_key") || e.getMessage().contains("RSA"), e.getMessage());
    }

    @Test
    void hugeInputIsRefusedBeforeParsing() {
        assertRefused(() -> AgentPublicKeys.fromPem("A".repeat(AgentPublicKeys.MAX_PEM_LENGTH + 1),
                AgentAlgorithm.EDDSA), "longer than");
    }

    @Test
    void p256PointOffTheCurveIsRefused() {
        byte[] y = Base64.getUrlDecoder().decode(P256_Y);
        y[31] ^= 1;
        String badY = Base64.getUrlEncoder().withoutPadding().encodeToString(y);
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "EC", "crv", "P-256", "x", P256_X, "y", badY),
                AgentAlgorithm.ES256), "not a point on P-256");
    }

    @Test
    void malformedJwksAreRefused() {
        assertRefused(() -> AgentPublicKeys.fromJwk(JSON.createArrayNode(), AgentAlgorithm.EDDSA), "JWK object");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("crv", "Ed25519", "x", ED25519_X), AgentAlgorithm.EDDSA),
                "\"kty\"");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519"), AgentAlgorithm.EDDSA),
                "\"x\"");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", "AAAA"),
                AgentAlgorithm.EDDSA), "32 bytes");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", "+/+/"),
                AgentAlgorithm.EDDSA), "not base64url");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "EC", "crv", "P-256", "x", P256_X),
                AgentAlgorithm.ES256), "\"y\"");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", ED25519_X,
                "alg", "ES256"), AgentAlgorithm.EDDSA), "\"alg\"");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "OKP", "crv", "Ed25519", "x", ED25519_X,
                "use", "enc"), AgentAlgorithm.EDDSA), "\"use\"");
        assertRefused(() -> AgentPublicKeys.fromJwk(jwk("kty", "XYZ"), AgentAlgorithm.EDDSA), "unsupported");
        ObjectNode numeric = jwk("kty", "OKP", "crv", "Ed25519");
        numeric.put("x", 5);
        assertRefused(() -> AgentPublicKeys.fromJwk(numeric, AgentAlgorithm.EDDSA), "must be a string");
    }

    private static ObjectNode jwk(String... members) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i + 1 < members.length; i += 2) {
            node.put(members[i], members[i + 1]);
        }
        return node;
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable call, String expected) {
        AgentRequestException e = assertThrows(AgentRequestException.class, call);
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" should contain \""
                + expected + "\"");
    }
}
