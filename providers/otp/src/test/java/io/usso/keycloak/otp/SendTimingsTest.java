package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendTimingsTest {

    private final Fakes.SingleUse store = new Fakes.SingleUse();
    private final SendTimings timings = new SendTimings(100);

    @Test
    void decoyDelayFollowsRealSendsWithinBounds() {
        for (int i = 0; i < 200; i++) {
            timings.record(store, "r1", "sms", SendTimings.Outcome.DELIVERED, 800);
        }
        long average = timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.DELIVERED);
        assertTrue(Math.abs(average - 800) <= 10, "average " + average);
        for (int i = 0; i < 100; i++) {
            long delay = SendTimings.decoyDelayMillis(average);
            assertTrue(delay >= 550 && delay <= 1050, "delay " + delay);
        }
        timings.record(store, "r1", "sms", SendTimings.Outcome.DELIVERED, 60_000);
        assertTrue(timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.DELIVERED)
                <= SendTimings.MAX_DELAY_MILLIS);
        assertEquals(0, SendTimings.decoyDelayMillis(0));
    }

    @Test
    void oneTenantsSlowGatewayDoesNotChangeAnotherTenantsDecoys() {
        for (int i = 0; i < 100; i++) {
            timings.record(store, "slow-tenant", "sms", SendTimings.Outcome.DELIVERED, 2500);
            timings.record(store, "fast-tenant", "sms", SendTimings.Outcome.DELIVERED, 40);
        }
        assertTrue(timings.averageMillis(store, "slow-tenant", "sms", SendTimings.Outcome.DELIVERED) > 2400);
        long fast = timings.averageMillis(store, "fast-tenant", "sms", SendTimings.Outcome.DELIVERED);
        assertTrue(fast < 60, "the fast tenant's decoys imitate its own gateway: " + fast);
        assertEquals(100, timings.averageMillis(store, "new-tenant", "sms", SendTimings.Outcome.DELIVERED),
                "a tenant without sends starts at the channel's estimate, not at another tenant's");
        assertEquals(100, timings.averageMillis(store, "slow-tenant", "email", SendTimings.Outcome.DELIVERED),
                "channels are apart too");
    }

    @Test
    void failuresAreEstimatedApartAndStartFromTheDeliveredEstimate() {
        for (int i = 0; i < 100; i++) {
            timings.record(store, "r1", "sms", SendTimings.Outcome.DELIVERED, 400);
        }
        long delivered = timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.DELIVERED);
        assertEquals(delivered, timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.FAILED));
        for (int i = 0; i < 100; i++) {
            timings.record(store, "r1", "sms", SendTimings.Outcome.FAILED, 3000);
        }
        assertTrue(timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.FAILED) > 2900);
        assertEquals(delivered, timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.DELIVERED));
    }

    @Test
    void aBrokenStoredValueFallsBackToTheInitialEstimate() {
        store.put("usso-otp-timing:r1:sms:sent", 60, java.util.Map.of(SendTimings.NOTE_MILLIS, "-5"));
        assertEquals(100, timings.averageMillis(store, "r1", "sms", SendTimings.Outcome.DELIVERED));
    }
}
