package io.usso.keycloak.it.compat;

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
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.Http;

/**
 * What USSO's Python SDK ({@code usso} 0.33 with {@code usso-jwt} 0.2) requires of a token and of an API-key
 * verification answer, written from reading its source ({@code verify_jwt}, {@code UserData},
 * {@code APIHeaderConfig}, the FastAPI dependency), not copied from it:
 * <ul>
 * <li>the JWS header's {@code kid} must name a key of the tenant's JWKS (no such key: refused); the signature must
 *     verify with it under the header's {@code alg} (RSA, ECDSA, EdDSA, or HMAC with a shared key the SDK does not
 *     have for our tenants);</li>
 * <li>{@code exp}, when present, must be in the future; {@code nbf}, when present, past; {@code iat} no more than
 *     60 s ahead;</li>
 * <li>{@code token_type}, when present, must be the expected kind ({@code access} for API calls);</li>
 * <li>with an expected audience configured, {@code aud} must be present and equal one of the expected values (a
 *     JSON array never equals a string: multi-audience tokens fail such a check); with an expected issuer,
 *     {@code iss} when present must match;</li>
 * <li>the payload must parse as {@code UserData}: {@code token_type} one of {@code access, refresh, secure,
 *     one_time, temporary, mfa_temporary} or absent; {@code aud}, {@code sub}, {@code iss}, {@code jti},
 *     {@code tenant_id}, {@code workspace_id}, {@code acr} strings or absent; {@code iat}, {@code nbf},
 *     {@code exp} integers or absent; {@code roles}, {@code scopes} arrays of strings or absent; anything else is
 *     kept as an extra claim.</li>
 * </ul>
 * An API key is verified by {@code POST <verify_endpoint> {"api_key": ...}} with no credentials of the caller; a
 * non-2xx answer is a refusal, a 2xx body must parse as {@code UserData} (no {@code token_type} check there).
 */
final class UssoSdkRules {

    /** The token kinds the SDK's {@code TokenType} enumeration accepts. */
    static final Set<String> TOKEN_KINDS = Set.of("access", "refresh", "secure", "one_time", "temporary",
            "mfa_temporary");

    /** A refusal by the SDK, with its reason. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private UssoSdkRules() {
    }

    /**
     * The SDK's {@code user_data_from_token(token, expected_token_type="access")}.
     *
     * @param jwt the token
     * @param jwks the tenant's JWKS
     * @param audience the expected audience configured in the app, or null
     * @param issuer the expected issuer configured in the app, or null
     * @return the UserData payload
     * @throws Refused when the SDK refuses the token
     */
    static JsonNode userDataFromToken(String jwt, JsonNode jwks, String audience, String issuer) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("format");
        }
        JsonNode header = decode(parts[0]);
        JsonNode payload = decode(parts[1]);
        String kid = header.path("kid").asText(null);
        JsonNode jwk = null;
        for (JsonNode k : jwks.path("keys")) {
            if (kid != null && kid.equals(k.path("kid").asText())) {
                jwk = k;
            }
        }
        if (jwk == null) {
            throw new Refused("jwk_not_found");
        }
        if (!signatureValid(header.path("alg").asText(), jwk, parts)) {
            throw new Refused("signature");
        }
        long now = System.currentTimeMillis() / 1000;
        if (payload.has("exp") && now >= payload.get("exp").asLong()) {
            throw new Refused("expired");
        }
        if (payload.has("nbf") && now < payload.get("nbf").asLong()) {
            throw new Refused("not_valid_yet");
        }
        if (payload.has("iat") && now < payload.get("iat").asLong() - 60) {
            throw new Refused("issued_in_future");
        }
        if (payload.has("token_type") && !"access".equals(payload.get("token_type").asText())) {
            throw new Refused("token_type");
        }
        if (audience != null && (!payload.has("aud") || !payload.get("aud").isTextual()
                || !audience.equals(payload.get("aud").asText()))) {
            throw new Refused("audience");
        }
        if (issuer != null && payload.has("iss") && !issuer.equals(payload.get("iss").asText())) {
            throw new Refused("issuer");
        }
        return userData(payload);
    }

    /**
     * The SDK's {@code UserData(**body)}: the types it requires.
     *
     * @param body a token payload or a verify answer
     * @return the body
     * @throws Refused when pydantic would refuse it
     */
    static JsonNode userData(JsonNode body) {
        if (!body.isObject()) {
            throw new Refused("user_data_not_an_object");
        }
        JsonNode type = body.get("token_type");
        if (type != null && !type.isNull() && !(type.isTextual() && TOKEN_KINDS.contains(type.asText()))) {
            throw new Refused("user_data_token_type:" + type);
        }
        for (String name : List.of("jti", "iss", "aud", "sub", "tenant_id", "workspace_id", "acr",
                "signing_level")) {
            JsonNode v = body.get(name);
            if (v != null && !v.isNull() && !v.isTextual()) {
                throw new Refused("user_data_" + name + "_not_a_string:" + v);
            }
        }
        for (String name : List.of("iat", "nbf", "exp")) {
            JsonNode v = body.get(name);
            if (v != null && !v.isNull() && !v.isIntegralNumber()) {
                throw new Refused("user_data_" + name + "_not_an_integer:" + v);
            }
        }
        for (String name : List.of("roles", "scopes")) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isArray()) {
                throw new Refused("user_data_" + name + "_not_a_list:" + v);
            }
            v.forEach(item -> {
                if (!item.isTextual()) {
                    throw new Refused("user_data_" + name + "_item_not_a_string:" + item);
                }
            });
        }
        return body;
    }

    /** The SDK's {@code UserData.user_id}: the extra claim {@code user_id}, else {@code sub}. */
    static String userId(JsonNode userData) {
        return userData.hasNonNull("user_id") ? userData.get("user_id").asText() : userData.path("sub").asText("");
    }

    private static boolean signatureValid(String alg, JsonNode jwk, String[] parts) {
        try {
            Signature signature;
            PublicKey key;
            switch (alg) {
                case "RS256" -> {
                    signature = Signature.getInstance("SHA256withRSA");
                    key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            unsigned(jwk.get("n").asText()), unsigned(jwk.get("e").asText())));
                }
                case "EdDSA" -> {
                    signature = Signature.getInstance("Ed25519");
                    key = ed25519(jwk.get("x").asText());
                }
                default -> {
                    // HS*: the SDK holds no shared secret of ours; other algorithms are not used by our tenants
                    return false;
                }
            }
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static BigInteger unsigned(String b64) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(b64));
    }

    private static PublicKey ed25519(String x) throws GeneralSecurityException {
        byte[] bytes = Base64.getUrlDecoder().decode(x);
        boolean xOdd = (bytes[bytes.length - 1] & 0x80) != 0;
        bytes[bytes.length - 1] &= 0x7f;
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, bytes))));
    }

    private static JsonNode decode(String part) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new Refused("format");
        }
    }
}
