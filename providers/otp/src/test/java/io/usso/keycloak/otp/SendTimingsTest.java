package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendTimingsTest {

    @Test
    void decoyDelayFollowsRealSendsWithinBounds() {
        SendTimings timings = new SendTimings(100);
        for (int i = 0; i < 200; i++) {
            timings.record(800);
        }
        assertTrue(Math.abs(timings.averageMillis() - 800) <= 10, "average " + timings.averageMillis());
        for (int i = 0; i < 100; i++) {
            long delay = timings.decoyDelayMillis();
            assertTrue(delay >= 550 && delay <= 1050, "delay " + delay);
        }
        timings.record(60_000);
        assertTrue(timings.decoyDelayMillis() <= SendTimings.MAX_DELAY_MILLIS);
        assertEquals(0, new SendTimings(0).decoyDelayMillis());
    }
}
