package io.usso.keycloak.apikeys.agents;

import java.util.Locale;

/**
 * The JWS algorithms an agent may sign its client assertions with, and the one key type each needs. The name is
 * the JOSE {@code alg} value, stored in the client attribute {@code token.endpoint.auth.signing.alg} so that
 * Keycloak rejects assertions signed with any other algorithm.
 */
public enum AgentAlgorithm {

    /** Ed25519 signatures (USSO's default), JWK {@code kty=OKP, crv=Ed25519}. */
    EDDSA("EdDSA", "Ed25519"),
    /** ECDSA on P-256 with SHA-256, JWK {@code kty=EC, crv=P-256}. */
    ES256("ES256", "P-256");

    /** The algorithm of a new agent when the request names none. */
    public static final AgentAlgorithm DEFAULT = EDDSA;

    private final String jose;
    private final String curve;

    AgentAlgorithm(String jose, String curve) {
        this.jose = jose;
        this.curve = curve;
    }

    /** @return the JOSE {@code alg} value, e.g. {@code EdDSA} */
    public String jose() {
        return jose;
    }

    /** @return the JWK {@code crv} of the key this algorithm needs, e.g. {@code Ed25519} */
    public String curve() {
        return curve;
    }

    /** @return the key type this algorithm needs, for error messages: "Ed25519 key" or "P-256 EC key" */
    public String keyName() {
        return this == EDDSA ? "Ed25519 key" : "P-256 EC key";
    }

    /** @return {@link #keyName()} with its article, e.g. "an Ed25519 key" */
    public String keyDescription() {
        return (this == EDDSA ? "an " : "a ") + keyName();
    }

    /**
     * @param value a JOSE algorithm name, case-insensitive ({@code EdDSA}, {@code ES256}); also {@code Ed25519}
     * @return the algorithm, or null when it is not one agents may use
     */
    public static AgentAlgorithm fromJose(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "eddsa", "ed25519" -> EDDSA;
            case "es256" -> ES256;
            default -> null;
        };
    }
}
