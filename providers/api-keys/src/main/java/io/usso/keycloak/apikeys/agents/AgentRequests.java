package io.usso.keycloak.apikeys.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses and validates the bodies of {@code POST /agents} and {@code POST /agents/{clientId}/keys}. Everything
 * wrong becomes an {@link AgentRequestException} (400 {@code invalid_request}) naming the field; unknown fields
 * are refused so that a typo (or a private key in the wrong field) never passes silently.
 */
public final class AgentRequests {

    /** Largest accepted body, in bytes. */
    public static final int MAX_BODY_BYTES = 32 * 1024;
    /** Agent names: 1 to 64 of {@code A-Z a-z 0-9 . _ -}. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Most roles one request may give. */
    public static final int MAX_ROLES = 50;
    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 255;

    private static final Set<String> CREATE_FIELDS = Set.of("name", "algorithm", "public_key", "roles",
            "description");
    private static final Set<String> KEY_FIELDS = Set.of("algorithm", "public_key");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AgentRequests() {
    }

    /**
     * A validated creation request.
     *
     * @param name the agent name (client id {@code agent-<name>})
     * @param algorithm the signing algorithm
     * @param publicKey the caller's public key, or null to generate a key pair
     * @param roles realm role names to give the service account, de-duplicated, in request order
     * @param description free text, or null
     */
    public record CreateAgent(String name, AgentAlgorithm algorithm, AgentPublicKey publicKey, List<String> roles,
            String description) {

        /** Copies the roles. */
        public CreateAgent {
            roles = List.copyOf(roles);
        }
    }

    /**
     * A validated key replacement.
     *
     * @param algorithm the signing algorithm from now on
     * @param publicKey the caller's public key, or null to generate a key pair
     */
    public record ReplaceKey(AgentAlgorithm algorithm, AgentPublicKey publicKey) {
    }

    /**
     * Reads a body, at most {@value #MAX_BODY_BYTES} bytes, as strict UTF-8.
     *
     * @param in the body, may be null
     * @return the text, "" for none
     */
    public static String readBody(InputStream in) {
        if (in == null) {
            return "";
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new AgentRequestException("The request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AgentRequestException("The request body is not valid UTF-8");
        } catch (IOException e) {
            throw new AgentRequestException("The request body could not be read");
        }
    }

    /**
     * @param body {@code {"name", "algorithm", "public_key", "roles", "description"}}
     * @return the validated request
     */
    public static CreateAgent parseCreate(String body) {
        JsonNode root = object(body, false);
        refuseUnknown(root, CREATE_FIELDS);
        String name = name(root.get("name"));
        AgentAlgorithm algorithm = algorithm(root.get("algorithm"), AgentAlgorithm.DEFAULT);
        AgentPublicKey key = publicKey(root.get("public_key"), algorithm);
        return new CreateAgent(name, algorithm, key, roles(root.get("roles")), description(root.get("description")));
    }

    /**
     * @param body {@code {"algorithm", "public_key"}}, both optional; an empty body generates a new key
     * @param current the agent's algorithm so far, used when the body names none
     * @return the validated request
     */
    public static ReplaceKey parseReplaceKey(String body, AgentAlgorithm current) {
        JsonNode root = object(body, true);
        refuseUnknown(root, KEY_FIELDS);
        AgentAlgorithm algorithm = algorithm(root.get("algorithm"), current);
        return new ReplaceKey(algorithm, publicKey(root.get("public_key"), algorithm));
    }

    private static JsonNode object(String body, boolean emptyAllowed) {
        if (body == null || body.isBlank()) {
            if (emptyAllowed) {
                return MAPPER.createObjectNode();
            }
            throw new AgentRequestException("A JSON object body is required");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AgentRequestException("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new AgentRequestException("The request body must be a JSON object");
        }
        return root;
    }

    private static void refuseUnknown(JsonNode root, Set<String> allowed) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw new AgentRequestException("Unknown field \"" + shorten(field) + "\"; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String name(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new AgentRequestException("name is required");
        }
        if (!node.isTextual()) {
            throw new AgentRequestException("name must be a string");
        }
        String name = node.textValue();
        if (!NAME.matcher(name).matches()) {
            throw new AgentRequestException("name must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        return name;
    }

    private static AgentAlgorithm algorithm(JsonNode node, AgentAlgorithm fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        AgentAlgorithm algorithm = node.isTextual() ? AgentAlgorithm.fromJose(node.textValue()) : null;
        if (algorithm == null) {
            throw new AgentRequestException("algorithm must be \"EdDSA\" (Ed25519) or \"ES256\" (P-256)");
        }
        return algorithm;
    }

    private static AgentPublicKey publicKey(JsonNode node, AgentAlgorithm algorithm) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return AgentPublicKeys.fromPem(node.textValue(), algorithm);
        }
        if (node.isObject()) {
            return AgentPublicKeys.fromJwk(node, algorithm);
        }
        throw new AgentRequestException("public_key must be a PEM string or a JWK object");
    }

    private static List<String> roles(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new AgentRequestException("roles must be an array of realm role names");
        }
        if (node.size() > MAX_ROLES) {
            throw new AgentRequestException("roles may name at most " + MAX_ROLES + " roles");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().isBlank() || element.textValue().length() > 255) {
                throw new AgentRequestException("roles must be non-empty strings of at most 255 characters");
            }
            roles.add(element.textValue());
        }
        return new ArrayList<>(roles);
    }

    private static String description(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new AgentRequestException("description must be a string");
        }
        String description = node.textValue().strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw new AgentRequestException("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        for (int i = 0; i < description.length(); i++) {
            if (Character.isISOControl(description.charAt(i))) {
                throw new AgentRequestException("description must not contain control characters");
            }
        }
        return description.isEmpty() ? null : description;
    }

    private static String shorten(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length() && out.length() < 40; i++) {
            char c = field.charAt(i);
            out.append(c >= 0x20 && c < 0x7F && c != '"' ? c : '?');
        }
        return out.toString();
    }
}
