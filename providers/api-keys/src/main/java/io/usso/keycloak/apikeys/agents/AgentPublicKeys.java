package io.usso.keycloak.apikeys.agents;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns what a caller sends as {@code public_key} — a PEM SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----})
 * or a JWK object — into an {@link AgentPublicKey} for a given algorithm, or an {@link AgentRequestException} that
 * says what is wrong: RSA and other key types, other curves, a key that does not match the algorithm, a private
 * key sent by mistake, or garbage. Both forms go through one path: build the DER, identify it, decode it with the
 * JDK, and for P-256 check that the point is on the curve.
 */
public final class AgentPublicKeys {

    /** Longest accepted PEM text, in characters. */
    public static final int MAX_PEM_LENGTH = 8 * 1024;

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\\s]*)-----END ([A-Z0-9 ]{1,40})-----");
    /** JWK members that only private (or symmetric) keys have. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv");
    private static final String USE_PUBLIC = "send the public key as a PEM SubjectPublicKeyInfo "
            + "(-----BEGIN PUBLIC KEY-----) or a public JWK";

    private AgentPublicKeys() {
    }

    /**
     * @param pem PEM text with exactly one {@code PUBLIC KEY} block (surrounding whitespace allowed)
     * @param algorithm the algorithm the key is for
     * @return the validated key
     * @throws AgentRequestException with a message saying what is wrong
     */
    public static AgentPublicKey fromPem(String pem, AgentAlgorithm algorithm) {
        if (pem == null || pem.isBlank()) {
            throw new AgentRequestException("public_key is empty: " + USE_PUBLIC);
        }
        if (pem.length() > MAX_PEM_LENGTH) {
            throw new AgentRequestException("public_key is longer than " + MAX_PEM_LENGTH + " characters");
        }
        String text = pem.strip();
        if (text.contains("PRIVATE KEY-----")) {
            throw privateKeySent();
        }
        Matcher m = PEM.matcher(text);
        if (!m.matches()) {
            throw new AgentRequestException("public_key is not a PEM block: " + USE_PUBLIC);
        }
        String label = m.group(1);
        if (!label.equals(m.group(3))) {
            throw new AgentRequestException("public_key has mismatched BEGIN and END lines");
        }
        if (label.equals("CERTIFICATE")) {
            throw new AgentRequestException("public_key is a certificate: " + USE_PUBLIC);
        }
        if (label.equals("RSA PUBLIC KEY")) {
            throw new AgentRequestException("RSA keys are not accepted: agents sign with "
                    + "Ed25519 (EdDSA) or P-256 (ES256)");
        }
        if (!label.equals("PUBLIC KEY")) {
            throw new AgentRequestException("public_key is a PEM '" + label + "' block: " + USE_PUBLIC);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new AgentRequestException("public_key is not valid base64 inside its PEM lines");
        }
        return fromSpki(der, algorithm);
    }

    /**
     * @param jwk a JWK object: {@code {"kty":"OKP","crv":"Ed25519","x":...}} or
     *            {@code {"kty":"EC","crv":"P-256","x":...,"y":...}}; {@code use} and {@code alg}, when present,
     *            must be {@code sig} and the algorithm; its {@code kid} is ignored (USSO's key id is computed)
     * @param algorithm the algorithm the key is for
     * @return the validated key
     * @throws AgentRequestException with a message saying what is wrong
     */
    public static AgentPublicKey fromJwk(JsonNode jwk, AgentAlgorithm algorithm) {
        if (jwk == null || !jwk.isObject()) {
            throw new AgentRequestException("public_key must be a PEM string or a JWK object");
        }
        for (Iterator<String> names = jwk.fieldNames(); names.hasNext();) {
            if (PRIVATE_MEMBERS.contains(names.next())) {
                throw privateKeySent();
            }
        }
        String kty = text(jwk, "kty");
        if (kty == null) {
            throw new AgentRequestException("public_key JWK needs a string \"kty\"");
        }
        String alg = text(jwk, "alg");
        if (alg != null && !alg.equals(algorithm.jose())) {
            throw new AgentRequestException("public_key JWK has \"alg\": \"" + printable(alg)
                    + "\" but the agent's algorithm is " + algorithm.jose());
        }
        String use = text(jwk, "use");
        if (use != null && !use.equals("sig")) {
            throw new AgentRequestException("public_key JWK must have \"use\": \"sig\" (or none)");
        }
        String crv = text(jwk, "crv");
        switch (kty) {
            case "OKP" -> {
                if (!"Ed25519".equals(crv)) {
                    throw wrongKey(algorithm, crv == null ? "an OKP key without a curve"
                            : "an OKP key on " + printable(crv));
                }
                if (algorithm != AgentAlgorithm.EDDSA) {
                    throw wrongKey(algorithm, "an Ed25519 key");
                }
                return fromSpki(KeyDer.ed25519Spki(coordinate(jwk, "x")), algorithm);
            }
            case "EC" -> {
                if (!"P-256".equals(crv)) {
                    throw wrongKey(algorithm, crv == null ? "an EC key without a curve"
                            : "an EC key on " + printable(crv));
                }
                if (algorithm != AgentAlgorithm.ES256) {
                    throw wrongKey(algorithm, "a P-256 EC key");
                }
                return fromSpki(KeyDer.p256Spki(coordinate(jwk, "x"), coordinate(jwk, "y")), algorithm);
            }
            case "RSA" -> throw new AgentRequestException("RSA keys are not accepted: agents sign with "
                    + "Ed25519 (EdDSA) or P-256 (ES256)");
            default -> throw new AgentRequestException("public_key JWK has unsupported \"kty\": \""
                    + printable(kty) + "\"; use OKP (Ed25519) or EC (P-256)");
        }
    }

    /**
     * @param der a SubjectPublicKeyInfo DER (or anything)
     * @param algorithm the algorithm the key is for
     * @return the validated key, key id over its canonical encoding
     * @throws AgentRequestException with a message saying what is wrong
     */
    static AgentPublicKey fromSpki(byte[] der, AgentAlgorithm algorithm) {
        KeyDer.KeyKind kind = KeyDer.identify(der);
        switch (kind) {
            case PRIVATE_KEY -> throw privateKeySent();
            case UNREADABLE -> throw new AgentRequestException("public_key is not a readable public key: "
                    + USE_PUBLIC);
            case RSA -> throw new AgentRequestException("RSA keys are not accepted: agents sign with "
                    + "Ed25519 (EdDSA) or P-256 (ES256)");
            default -> {
                KeyDer.KeyKind wanted = algorithm == AgentAlgorithm.EDDSA ? KeyDer.KeyKind.ED25519
                        : KeyDer.KeyKind.P256;
                if (kind != wanted) {
                    throw wrongKey(algorithm, kind.description());
                }
            }
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance(algorithm == AgentAlgorithm.EDDSA ? "Ed25519" : "EC")
                    .generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new AgentRequestException("public_key is not a valid " + algorithm.keyName());
        }
        if (algorithm == AgentAlgorithm.ES256) {
            requireOnP256((ECPublicKey) key);
        }
        return AgentPublicKey.of(algorithm, key);
    }

    private static void requireOnP256(ECPublicKey key) {
        ECParameterSpec spec = p256();
        EllipticCurve curve = spec.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        ECPoint w = key.getW();
        if (w.equals(ECPoint.POINT_INFINITY)) {
            throw new AgentRequestException("public_key is not a point on P-256");
        }
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new AgentRequestException("public_key is not a point on P-256");
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        if (!left.equals(right)) {
            throw new AgentRequestException("public_key is not a point on P-256");
        }
        if (key.getParams().getCurve().getField().getFieldSize() != 256 || !key.getParams().getOrder()
                .equals(spec.getOrder())) {
            throw new AgentRequestException("public_key is not a P-256 key");
        }
    }

    /** @return the P-256 domain parameters from the JDK */
    static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available in this JDK", e);
        }
    }

    private static byte[] coordinate(JsonNode jwk, String name) {
        String value = text(jwk, name);
        if (value == null) {
            throw new AgentRequestException("public_key JWK needs a base64url string \"" + name + "\"");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new AgentRequestException("public_key JWK \"" + name + "\" is not base64url");
        }
        if (bytes.length != 32) {
            throw new AgentRequestException("public_key JWK \"" + name + "\" must decode to 32 bytes, not "
                    + bytes.length);
        }
        return bytes;
    }

    private static String text(JsonNode jwk, String name) {
        JsonNode node = jwk.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new AgentRequestException("public_key JWK \"" + name + "\" must be a string");
        }
        return node.textValue();
    }

    private static AgentRequestException wrongKey(AgentAlgorithm algorithm, String got) {
        return new AgentRequestException("algorithm " + algorithm.jose() + " needs " + algorithm.keyDescription()
                + ", but public_key is " + got);
    }

    private static AgentRequestException privateKeySent() {
        return new AgentRequestException("public_key holds a private key: send only the public key and keep the "
                + "private key with the agent");
    }

    /** A value echoed in an error: at most 40 printable ASCII characters. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 40; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7F && c != '"' ? c : '?');
        }
        return out.toString();
    }
}
