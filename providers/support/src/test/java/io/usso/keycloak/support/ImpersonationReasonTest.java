package io.usso.keycloak.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ImpersonationReasonTest {

    private static ImpersonationReason.Read read(String body, String header) {
        return ImpersonationReason.read(body == null ? null : body.getBytes(StandardCharsets.UTF_8), header);
    }

    @Test
    void theBodyGivesTheReasonInAnyLanguage() {
        assertEquals("تیکت ۴۷۱۱", read("{\"reason\": \"تیکت ۴۷۱۱\"}", null).reason());
        assertEquals("from body", read("{\"reason\": \"from body\"}", "from header").reason());
    }

    @Test
    void withoutABodyTheHeaderGivesIt() {
        assertEquals("ticket 4711", read("", "ticket 4711").reason());
        assertEquals("ticket 4711", read(null, "ticket 4711").reason());
        assertEquals("ticket 4711", read("{}", "ticket 4711").reason());
        assertEquals("ticket 4711", read("{\"reason\": null}", "ticket 4711").reason());
        assertNull(read("", null).reason());
        assertNull(read("", null).problem());
    }

    @Test
    void hostileBodiesAreProblemsNotExceptions() {
        for (String body : new String[] {"[]", "\"reason\"", "{", "{\"reason\": 42}", "{\"reason\": {\"a\": 1}}",
            "{\"reason\": [\"x\"]}", "null", "nope"}) {
            ImpersonationReason.Read read = read(body, "header");
            assertNull(read.reason(), body);
            assertNotNull(read.problem(), body);
        }
        assertNotNull(ImpersonationReason.read(new byte[] {(byte) 0xC3, (byte) 0x28}, null).problem(), "not UTF-8");
        assertNotNull(ImpersonationReason.read(new byte[ImpersonationReason.MAX_BODY_BYTES + 1], null).problem());
    }

    @Test
    void readingStopsOneByteAfterTheCap() throws IOException {
        byte[] huge = new byte[1_000_000];
        assertEquals(ImpersonationReason.MAX_BODY_BYTES + 1,
                ImpersonationReason.readCapped(new ByteArrayInputStream(huge)).length);
        assertEquals(0, ImpersonationReason.readCapped(null).length);
    }
}
