package io.usso.keycloak.common.http;

import java.nio.charset.StandardCharsets;

/**
 * The answer to an outbound request (any status but a redirect, which the guard refuses).
 *
 * @param status the HTTP status
 * @param contentType the answer's content type, may be null
 * @param body at most the policy's {@link OutboundPolicy#maxResponseBytes()} bytes of the body
 * @param truncated whether the body was longer and the rest was dropped
 */
public record OutboundResponse(int status, String contentType, byte[] body, boolean truncated) {

    /** Copies the body. */
    public OutboundResponse {
        body = body == null ? new byte[0] : body.clone();
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
