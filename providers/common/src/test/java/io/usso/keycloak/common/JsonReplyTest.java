package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReplyTest {

    @Test
    void errorsHaveTheOAuthShape() {
        JsonReply reply = JsonReply.error(400, "invalid_request", "Bad \"input\"");
        assertEquals(400, reply.status());
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"Bad \\\"input\\\"\"}", reply.body());
        assertEquals("{\"error\":\"not_found\"}", JsonReply.error(404, "not_found", null).body());
    }

    @Test
    void headersAreAddedWithoutChangingTheOriginal() {
        JsonReply reply = JsonReply.json(200, Map.of("status", "ok"));
        JsonReply limited = reply.withHeader("Retry-After", "7");
        assertEquals(Map.of("Retry-After", "7"), limited.headers());
        assertFalse(reply.headers().containsKey("Retry-After"));
        assertEquals("{\"status\":\"ok\"}", limited.body());
    }
}
