package io.usso.keycloak.apikeys.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgentKeyGeneratorTest {

    private final AgentKeyGenerator generator = new AgentKeyGenerator(new SecureRandom());

    @ParameterizedTest
    @EnumSource(AgentAlgorithm.class)
    void generatedPrivateKeySignsWhatThePublicKeyVerifies(AgentAlgorithm algorithm) throws Exception {
        AgentKeyGenerator.Generated generated = generator.generate(algorithm);
        String pem = generated.privateKeyPem();
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("-----END PRIVATE KEY-----\n"));
        assertTrue(pem.lines().allMatch(line -> line.length() <= 64), "PEM lines of at most 64 characters");

        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        boolean eddsa = algorithm == AgentAlgorithm.EDDSA;
        PrivateKey privateKey = KeyFactory.getInstance(eddsa ? "Ed25519" : "EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        byte[] message = "agent assertion".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(eddsa ? "Ed25519" : "SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance(eddsa ? "Ed25519" : "SHA256withECDSA");
        verifier.initVerify(generated.publicKey().key());
        verifier.update(message);
        assertTrue(verifier.verify(signature));

        assertEquals(algorithm, generated.publicKey().algorithm());
        assertEquals(AgentKeyIds.of(generated.publicKey().spki()), generated.publicKey().keyId());
        assertTrue(AgentKeyIds.isWellFormed(generated.publicKey().keyId()));
        assertFalse(generated.toString().contains(body.substring(0, 20)), "toString must hide the private key");
    }

    @ParameterizedTest
    @EnumSource(AgentAlgorithm.class)
    void everyGenerationIsANewKey(AgentAlgorithm algorithm) {
        assertNotEquals(generator.generate(algorithm).publicKey().keyId(),
                generator.generate(algorithm).publicKey().keyId());
    }
}
