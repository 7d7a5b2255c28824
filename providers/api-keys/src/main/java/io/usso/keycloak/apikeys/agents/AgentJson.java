package io.usso.keycloak.apikeys.agents;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers of the agents endpoint: JSON errors {@code {"error", "error_description"}}, the credentials file
 * (the only place a private key ever appears) and list items. Every answer is {@code Cache-Control: no-store}.
 */
public final class AgentJson {

    /** {@code type} of the credentials file, as in USSO. */
    public static final String CREDENTIALS_TYPE = "agent";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AgentJson() {
    }

    /**
     * @param status HTTP status
     * @param error machine-readable code
     * @param description client-safe text
     * @return the JSON error answer
     */
    public static Response error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return json(status, body);
    }

    /**
     * @param status HTTP status
     * @param body a map or list of plain values
     * @return the JSON answer, not cached
     */
    public static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(write(body)).build();
    }

    /**
     * The credentials file of an agent, USSO style (like a cloud service-account key).
     *
     * @param clientId the agent's client id
     * @param key its public key (for {@code key_id} and {@code algorithm})
     * @param privateKeyPem the generated private key, or null when the caller sent the public key
     * @param tokenUri the realm's token endpoint
     * @param issuer the realm's issuer
     * @param createdAt epoch seconds
     * @return the body
     */
    public static Map<String, Object> credentials(String clientId, AgentPublicKey key, String privateKeyPem,
            String tokenUri, String issuer, long createdAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", CREDENTIALS_TYPE);
        body.put("client_id", clientId);
        body.put("key_id", key.keyId());
        body.put("algorithm", key.algorithm().jose());
        body.put("token_uri", tokenUri);
        body.put("issuer", issuer);
        if (privateKeyPem != null) {
            body.put("private_key", privateKeyPem);
        }
        body.put("created_at", createdAt);
        return body;
    }

    /**
     * @param summary an agent
     * @return one element of the list answer
     */
    public static Map<String, Object> listItem(AgentClients.Summary summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", summary.clientId());
        body.put("name", summary.name());
        body.put("description", summary.description());
        body.put("key_id", summary.keyId());
        body.put("algorithm", summary.algorithm());
        body.put("enabled", summary.enabled());
        body.put("created_at", summary.createdAt());
        body.put("key_updated_at", summary.keyUpdatedAt());
        return body;
    }

    /**
     * @param body a map or list of plain values
     * @return its JSON text
     */
    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a response body", e);
        }
    }
}
