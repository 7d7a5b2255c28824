package io.usso.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Offline JWT verification against a realm's JWKS with the JDK alone (RS256 and EdDSA/Ed25519), the way a
 * resource server or USSO's SDK verifies an access token: find the key by {@code kid}, check the signature,
 * then the time claims.
 */
public final class Jwks {

    private final JsonNode keys;

    public Jwks(JsonNode jwks) {
        this.keys = jwks.get("keys");
    }

    public static Jwks fetch(String realmUrl) {
        Http.Response r = Http.plain().get(realmUrl + "/protocol/openid-connect/certs");
        AdminApi.expect(r, 200, "JWKS");
        return new Jwks(r.json());
    }

    /** Verifies the signature and time claims and returns the payload; throws AssertionError otherwise. */
    public JsonNode verify(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS: " + jwt);
        }
        JsonNode header = decode(parts[0]);
        JsonNode payload = decode(parts[1]);
        String kid = header.path("kid").asText();
        String alg = header.path("alg").asText();
        JsonNode jwk = null;
        for (JsonNode k : keys) {
            if (kid.equals(k.path("kid").asText())) {
                jwk = k;
            }
        }
        if (jwk == null) {
            throw new AssertionError("kid " + kid + " not in the JWKS");
        }
        try {
            Signature signature = switch (alg) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "EdDSA" -> Signature.getInstance("Ed25519");
                default -> throw new AssertionError("unexpected alg " + alg);
            };
            signature.initVerify(publicKey(jwk, alg));
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("bad signature");
            }
        } catch (GeneralSecurityException e) {
            throw new AssertionError("signature check failed: " + e, e);
        }
        long now = System.currentTimeMillis() / 1000;
        if (payload.path("exp").asLong() <= now) {
            throw new AssertionError("expired token");
        }
        if (payload.path("iat").asLong() > now + 60) {
            throw new AssertionError("iat in the future");
        }
        return payload;
    }

    public static JsonNode header(String jwt) {
        return decode(jwt.split("\\.")[0]);
    }

    public static JsonNode decode(String part) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PublicKey publicKey(JsonNode jwk, String alg) throws GeneralSecurityException {
        if (alg.equals("RS256")) {
            BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText()));
            BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText()));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        }
        // RFC 8037: x is the little-endian encoding of y with the x-parity in the top bit of the last byte
        byte[] x = Base64.getUrlDecoder().decode(jwk.get("x").asText());
        boolean xOdd = (x[x.length - 1] & 0x80) != 0;
        x[x.length - 1] &= 0x7f;
        for (int i = 0, j = x.length - 1; i < j; i++, j--) {
            byte t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, x))));
    }
}
