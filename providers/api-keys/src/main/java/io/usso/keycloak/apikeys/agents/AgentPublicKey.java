package io.usso.keycloak.apikeys.agents;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated agent public key: the algorithm it is for, the key, its canonical SubjectPublicKeyInfo DER and its
 * key id ({@link AgentKeyIds#of}). Renders itself as the JWK Keycloak's {@code JWTClientAuthenticator} verifies
 * assertions with.
 *
 * @param algorithm the JWS algorithm the agent signs with
 * @param key the public key
 * @param spki canonical SubjectPublicKeyInfo DER of {@code key}
 * @param keyId lower-case hex SHA-256 of {@code spki}
 */
public record AgentPublicKey(AgentAlgorithm algorithm, PublicKey key, byte[] spki, String keyId) {

    /** Copies the DER. */
    public AgentPublicKey {
        spki = spki.clone();
    }

    /**
     * @param algorithm the JWS algorithm
     * @param key a public key of the matching type
     * @return the record, key id computed from the key's canonical encoding
     */
    public static AgentPublicKey of(AgentAlgorithm algorithm, PublicKey key) {
        byte[] spki = key.getEncoded();
        return new AgentPublicKey(algorithm, key, spki, AgentKeyIds.of(spki));
    }

    @Override
    public byte[] spki() {
        return spki.clone();
    }

    /** @return the public JWK ({@code kty}, {@code crv}, {@code x}[, {@code y}], {@code kid}, {@code use}, {@code alg}) */
    public Map<String, Object> jwk() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> jwk = new LinkedHashMap<>();
        if (algorithm == AgentAlgorithm.EDDSA) {
            jwk.put("kty", "OKP");
            jwk.put("crv", AgentAlgorithm.EDDSA.curve());
            jwk.put("x", b64.encodeToString(KeyDer.ed25519Raw(spki)));
        } else {
            ECPublicKey ec = (ECPublicKey) key;
            jwk.put("kty", "EC");
            jwk.put("crv", AgentAlgorithm.ES256.curve());
            jwk.put("x", b64.encodeToString(unsigned32(ec.getW().getAffineX())));
            jwk.put("y", b64.encodeToString(unsigned32(ec.getW().getAffineY())));
        }
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", algorithm.jose());
        return jwk;
    }

    /** @return the JWK set holding only this key: the value of the client attribute {@code jwks.string} */
    public Map<String, Object> jwks() {
        return Map.of("keys", List.of(jwk()));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == 32) {
            return bytes;
        }
        if (bytes.length > 32) {
            // a leading sign byte
            return Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        }
        byte[] padded = new byte[32];
        System.arraycopy(bytes, 0, padded, 32 - bytes.length, bytes.length);
        return padded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentPublicKey that && algorithm == that.algorithm
                && Arrays.equals(spki, that.spki);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(spki);
    }

    @Override
    public String toString() {
        return "AgentPublicKey[" + algorithm.jose() + ", kid=" + keyId + "]";
    }
}
