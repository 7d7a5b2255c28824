package io.usso.keycloak.common;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON answer of a USSO REST endpoint, independent of the JAX-RS runtime until {@link #toResponse()} (so endpoint
 * logic can be unit-tested). Errors have the OAuth shape {@code {"error": ..., "error_description": ...}}; every
 * reply is sent with {@code Cache-Control: no-store}.
 *
 * @param status HTTP status
 * @param body serialised JSON
 * @param headers extra headers (e.g. {@code Retry-After}), never null
 */
public record JsonReply(int status, String body, Map<String, String> headers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the headers. */
    public JsonReply {
        headers = Map.copyOf(headers);
    }

    /**
     * @param status HTTP status
     * @param error machine-readable code
     * @param description client-safe text, or null to leave it out
     * @return the error reply
     */
    public static JsonReply error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return json(status, body);
    }

    /**
     * @param status HTTP status
     * @param body a map, list or plain value Jackson can write
     * @return the reply
     */
    public static JsonReply json(int status, Object body) {
        try {
            return new JsonReply(status, MAPPER.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a response body", e);
        }
    }

    /**
     * @param name header name
     * @param value header value
     * @return this reply with one more header
     */
    public JsonReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new JsonReply(status, body, more);
    }

    /** @return the JAX-RS response: JSON, not cached, with the extra headers */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(body);
        headers.forEach(builder::header);
        return builder.build();
    }
}
