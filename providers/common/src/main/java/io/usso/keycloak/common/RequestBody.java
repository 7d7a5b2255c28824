package io.usso.keycloak.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A REST request's JSON body, read with a size cap as strict UTF-8 and parsed into a JSON object. Failures are an
 * {@link IllegalArgumentException} whose message is safe to show the caller (a 400 {@code invalid_request}).
 */
public final class RequestBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RequestBody() {
    }

    /**
     * @param in the body, may be null
     * @param maxBytes the largest accepted body
     * @return the text ("" for no body)
     * @throws IllegalArgumentException when the body is too large, unreadable or not UTF-8
     */
    public static String text(InputStream in, int maxBytes) {
        if (in == null) {
            return "";
        }
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IllegalArgumentException("The request body is larger than " + maxBytes + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The request body is not valid UTF-8", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("The request body could not be read", e);
        }
    }

    /**
     * @param in the body, may be null
     * @param maxBytes the largest accepted body
     * @param emptyAllowed whether no body counts as {@code {}}
     * @return the JSON object
     * @throws IllegalArgumentException when the body is not one JSON object (or too large, or not UTF-8)
     */
    public static JsonNode object(InputStream in, int maxBytes, boolean emptyAllowed) {
        String text = text(in, maxBytes);
        if (text.isBlank()) {
            if (emptyAllowed) {
                return MAPPER.createObjectNode();
            }
            throw new IllegalArgumentException("The request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request body is not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object");
        }
        return node;
    }
}
