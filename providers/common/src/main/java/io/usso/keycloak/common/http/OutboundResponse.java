package io.usso.keycloak.common.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to an outbound request (any status but a redirect, which the guard refuses).
 *
 * @param status the HTTP status
 * @param contentType the answer's content type, may be null
 * @param body at most the policy's {@link OutboundPolicy#maxResponseBytes()} bytes of the body
 * @param truncated whether the body was longer and the rest was dropped
 * @param headers the answer's headers, names in lower case, the first value of each (never null)
 */
public record OutboundResponse(int status, String contentType, byte[] body, boolean truncated,
        Map<String, String> headers) {

    /** Copies the body and the headers. */
    public OutboundResponse {
        body = body == null ? new byte[0] : body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * An answer without headers.
     *
     * @param status the HTTP status
     * @param contentType the content type, may be null
     * @param body the body
     * @param truncated whether the body was cut
     */
    public OutboundResponse(int status, String contentType, byte[] body, boolean truncated) {
        this(status, contentType, body, truncated, Map.of());
    }

    /**
     * @param name a header name, any case
     * @return its first value, or null
     */
    public String header(String name) {
        return name == null ? null : headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return whether the status is 2xx */
    public boolean successful() {
        return status >= 200 && status <= 299;
    }

    /** Never shows the body. */
    @Override
    public String toString() {
        return "OutboundResponse{status=" + status + ", " + body.length + " body bytes" + (truncated ? ", truncated" : "")
                + "}";
    }
}
