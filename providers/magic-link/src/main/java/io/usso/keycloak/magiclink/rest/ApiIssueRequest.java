package io.usso.keycloak.magiclink.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usso.keycloak.magiclink.LinkSecrets;

/**
 * The body of {@code POST /realms/{realm}/magic-link}, validated:
 * <pre>
 * {"email": "a@example.org", "client_id": "app", "redirect_uri": "https://app/cb",
 *  "lifetime": 900, "send": true,
 *  "scope": "openid", "state": "...", "nonce": "...", "code_challenge": "...", "code_challenge_method": "S256"}
 * </pre>
 * {@code email}, {@code client_id} and {@code redirect_uri} are required; {@code lifetime} (seconds) defaults to the
 * tenant's link lifetime; {@code send} defaults to {@code true} (false: the link is returned instead). The OAuth
 * parameters are passed on to the authorization request the link continues with. Problems are
 * {@link ApiRequestException}s with status 400 whose messages never quote the input.
 *
 * @param email the address, normalised
 * @param clientId the client the login is for
 * @param redirectUri where the code goes (validated against the client later)
 * @param lifetimeSeconds requested lifetime, null for the tenant's default
 * @param send whether to e-mail the link
 * @param scope OAuth scope, may be null
 * @param state OAuth state, may be null
 * @param nonce OIDC nonce, may be null
 * @param codeChallenge PKCE challenge, may be null
 * @param codeChallengeMethod {@code S256} or {@code plain}, null when no challenge
 */
record ApiIssueRequest(String email, String clientId, String redirectUri, Integer lifetimeSeconds, boolean send,
        String scope, String state, String nonce, String codeChallenge, String codeChallengeMethod) {

    /** Largest accepted body, in bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** Longest OAuth parameter value accepted. */
    static final int MAX_PARAM = 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /**
     * @param in the body, may be null
     * @return the validated request
     * @throws ApiRequestException 400 on any problem
     */
    static ApiIssueRequest parse(InputStream in) {
        JsonNode root = readObject(in);
        String email = text(root, "email", true, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw invalid("email is not an e-mail address");
        }
        String clientId = text(root, "client_id", true, 255);
        String redirectUri = text(root, "redirect_uri", true, 2048);

        Integer lifetime = null;
        JsonNode lifetimeNode = root.get("lifetime");
        if (lifetimeNode != null && !lifetimeNode.isNull()) {
            if (!lifetimeNode.isIntegralNumber() || !lifetimeNode.canConvertToInt() || lifetimeNode.intValue() < 1) {
                throw new ApiRequestException(400, "invalid_lifetime", "lifetime must be a positive number of seconds");
            }
            lifetime = lifetimeNode.intValue();
        }
        boolean send = true;
        JsonNode sendNode = root.get("send");
        if (sendNode != null && !sendNode.isNull()) {
            if (!sendNode.isBoolean()) {
                throw invalid("send must be true or false");
            }
            send = sendNode.booleanValue();
        }
        String challenge = text(root, "code_challenge", false, 128);
        String method = text(root, "code_challenge_method", false, 10);
        if (challenge != null && !CODE_CHALLENGE.matcher(challenge).matches()) {
            throw invalid("code_challenge must be 43 to 128 characters of [A-Za-z0-9._~-]");
        }
        if (method != null && !method.equals("S256") && !method.equals("plain")) {
            throw invalid("code_challenge_method must be S256 or plain");
        }
        if (method != null && challenge == null) {
            throw invalid("code_challenge_method without code_challenge");
        }
        return new ApiIssueRequest(LinkSecrets.normalizeAddress(email), clientId, redirectUri, lifetime, send,
                text(root, "scope", false, MAX_PARAM), text(root, "state", false, MAX_PARAM),
                text(root, "nonce", false, MAX_PARAM), challenge,
                challenge == null ? null : (method == null ? "S256" : method));
    }

    private static JsonNode readObject(InputStream in) {
        String body;
        try {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw invalid("The request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("The request body is not valid UTF-8");
        } catch (IOException e) {
            throw invalid("The request body could not be read");
        }
        if (body.isBlank()) {
            throw invalid("The request body must be a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException | RuntimeException e) {
            // Jackson messages quote the input: not passed on
            throw invalid("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object");
        }
        return root;
    }

    private static String text(JsonNode root, String field, boolean required, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            if (required) {
                throw invalid(field + " must not be blank");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw invalid(field + " must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + " must not contain control characters");
        }
        return value;
    }

    private static ApiRequestException invalid(String message) {
        return new ApiRequestException(400, "invalid_request", message);
    }
}
