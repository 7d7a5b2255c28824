package io.usso.keycloak.apikeys.agents;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;

/**
 * Generates agent key pairs with the JDK (Ed25519 or P-256) from a shared {@link SecureRandom}. The private key
 * leaves as PKCS#8 PEM once, in the creation answer; the server keeps only the public key.
 */
public final class AgentKeyGenerator {

    private final SecureRandom random;

    /**
     * @param random the randomness source, shared and thread-safe
     */
    public AgentKeyGenerator(SecureRandom random) {
        this.random = random;
    }

    /**
     * A fresh key pair: the public half validated like a caller's key, the private half as PEM.
     *
     * @param publicKey the public key record
     * @param privateKeyPem PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) of the private key
     */
    public record Generated(AgentPublicKey publicKey, String privateKeyPem) {

        @Override
        public String toString() {
            return "Generated[" + publicKey + ", private key hidden]";
        }
    }

    /**
     * @param algorithm the algorithm the agent will sign with
     * @return a new key pair
     */
    public Generated generate(AgentAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            if (algorithm == AgentAlgorithm.EDDSA) {
                generator = KeyPairGenerator.getInstance("Ed25519");
                generator.initialize(NamedParameterSpec.ED25519, random);
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            KeyPair pair = generator.generateKeyPair();
            AgentPublicKey publicKey = AgentPublicKeys.fromSpki(pair.getPublic().getEncoded(), algorithm);
            return new Generated(publicKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate " + algorithm.keyDescription(), e);
        }
    }

    /**
     * @param label the PEM label, e.g. {@code PRIVATE KEY}
     * @param der the DER bytes
     * @return the PEM text, 64-character base64 lines, ending with a newline
     */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
