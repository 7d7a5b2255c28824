package io.usso.keycloak.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the reason of an impersonation request: the JSON body {@code {"reason": "..."}} (any language) or, for
 * scripts, the header {@value ImpersonationNotes#REASON_HEADER} (ASCII). Keycloak's endpoint reads no body, so the
 * body is ours to read; it is capped at {@value #MAX_BODY_BYTES} bytes.
 */
public final class ImpersonationReason {

    /** Largest body read. */
    public static final int MAX_BODY_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was read: the raw reason (may be null) or what is wrong with the request. */
    public record Read(String reason, String problem) {
    }

    private ImpersonationReason() {
    }

    /**
     * @param body the request body as read by {@link #readCapped}, may be null
     * @param header the value of {@value ImpersonationNotes#REASON_HEADER}, may be null
     * @return the reason (body first), or the problem of a body that is not a JSON object with a string
     *         {@code reason}
     */
    public static Read read(byte[] body, String header) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > MAX_BODY_BYTES) {
            return new Read(null, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String text = utf8(bytes);
        if (text == null) {
            return new Read(null, "the request body is not UTF-8");
        }
        if (text.isBlank() || text.strip().equals("{}")) {
            return new Read(header, null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            return new Read(null, "the request body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return new Read(null, "the request body must be a JSON object such as {\"reason\": \"...\"}");
        }
        JsonNode reason = json.get("reason");
        if (reason == null || reason.isNull()) {
            return new Read(header, null);
        }
        if (!reason.isTextual()) {
            return new Read(null, "reason must be a string");
        }
        return new Read(reason.asText(), null);
    }

    /**
     * @param body the request's body stream, may be null
     * @return at most {@value #MAX_BODY_BYTES} + 1 bytes of it (one more tells "too large")
     * @throws IOException when it cannot be read
     */
    public static byte[] readCapped(InputStream body) throws IOException {
        return body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
