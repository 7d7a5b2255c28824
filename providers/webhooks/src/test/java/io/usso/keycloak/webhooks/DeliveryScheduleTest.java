package io.usso.keycloak.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.webhooks.delivery.Backoff;
import io.usso.keycloak.webhooks.delivery.DeliveryDecision;
import io.usso.keycloak.webhooks.delivery.DeliveryDecision.Outcome;
import io.usso.keycloak.webhooks.delivery.RetryAfter;

class DeliveryScheduleTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void backoffDoublesWithJitterInTheUpperHalfAndStopsAtTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofHours(1));
        assertEquals(1000, b.delay(1, null, () -> 0.0).toMillis());
        assertEquals(1000, b.delay(1, null, () -> 0.999).toMillis());
        assertEquals(2000, b.delay(3, null, () -> 0.0).toMillis());
        assertEquals(3999, b.delay(3, null, () -> 0.99999).toMillis(), 1);
        assertEquals(7999, b.delay(4, null, () -> 0.99999).toMillis(), 1);
        assertEquals(8000 / 2, b.delay(4, null, () -> 0.0).toMillis());
        for (int attempt = 1; attempt < 80; attempt++) {
            long ms = b.delay(attempt, null, Math::random).toMillis();
            assertTrue(ms >= 1000 && ms <= 3_600_000, attempt + ": " + ms);
        }
        assertEquals(1_800_000, b.delay(40, null, () -> 0.0).toMillis());
    }

    @Test
    void retryAfterWinsWhenLaterButStaysCapped() {
        Backoff b = Backoff.DEFAULT;
        assertEquals(120_000, b.delay(1, Duration.ofSeconds(120), () -> 0.0).toMillis());
        assertEquals(1000, b.delay(1, Duration.ZERO, () -> 0.0).toMillis());
        assertEquals(3_600_000, b.delay(1, Duration.ofDays(3), () -> 0.0).toMillis());
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("30", now));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Mon, 07 Dec 2026 10:01:30 GMT", now));
        assertEquals(Duration.ZERO, RetryAfter.parse("Mon, 07 Dec 2026 09:00:00 GMT", now));
        assertNull(RetryAfter.parse("soon", now));
        assertNull(RetryAfter.parse("-5", now));
        assertNull(RetryAfter.parse(null, now));
    }

    @Test
    void statusesDecideAsTheSpecificationSays() {
        assertEquals(Outcome.DELIVERED, decide(200, false, 1, T0).outcome());
        assertEquals(Outcome.DELIVERED, decide(204, false, 1, T0).outcome());
        assertEquals(Outcome.DISABLE, decide(410, false, 1, T0).outcome());
        for (int status : new int[] {301, 400, 404, 429, 500, 502, 503, 504}) {
            DeliveryDecision d = decide(status, false, 1, T0);
            assertEquals(Outcome.RETRY, d.outcome(), "status " + status);
            assertEquals(T0 + 1000, d.nextAttemptAt());
        }
        assertEquals(Outcome.RETRY, decide(null, false, 2, T0).outcome(), "timeout or broken connection");
        assertEquals(Outcome.DEAD, decide(null, true, 1, T0).outcome(), "guard refusal is final");
    }

    @Test
    void olderThanTheMaximumAgeIsDeadLettered() {
        long almostADayLater = T0 + DAY.toMillis() - 500;
        assertEquals(Outcome.DEAD, decide(503, false, 30, almostADayLater).outcome());
        assertEquals(Outcome.RETRY, decide(503, false, 3, T0 + 10_000).outcome());
    }

    private static DeliveryDecision decide(Integer status, boolean refused, int attempts, long now) {
        return DeliveryDecision.decide(status, refused, null, attempts, T0, now, DAY, Backoff.DEFAULT, () -> 0.0);
    }
}
