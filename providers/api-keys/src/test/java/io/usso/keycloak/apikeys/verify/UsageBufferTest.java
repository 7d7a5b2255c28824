package io.usso.keycloak.apikeys.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UsageBufferTest {

    @Test
    void requestsNeverWriteTheTimerWritesTheFirstUseAtOnceThenOncePerInterval() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        assertEquals(5_000, buffer.timerPeriodMillis());
        assertNull(buffer.recordUse("k1", 1_000, "198.51.100.1"), "a request never writes");
        List<UsageBuffer.Flush> first = buffer.drain(2_000);
        assertEquals(1, first.size(), "the first use is due at the next tick");
        assertEquals(1, first.get(0).uses());
        long secondDue = 2_000 - UsageBuffer.phase("k1", 30_000) + 30_000;
        for (int i = 1; i <= 99; i++) {
            assertNull(buffer.recordUse("k1", 2_000 + i * 10, "198.51.100.2"));
        }
        assertNull(buffer.recordUse("k1", 3_000, "198.51.100.3"));
        assertTrue(buffer.drain(secondDue - 1).isEmpty(), "not due before its phase in the interval");
        List<UsageBuffer.Flush> due = buffer.drain(secondDue);
        assertEquals(1, due.size());
        assertEquals(100, due.get(0).uses(), "99 + 1 since the last write");
        assertEquals(3_000, due.get(0).lastUsedAt());
        assertEquals("198.51.100.3", due.get(0).lastUsedIp());
        assertNull(buffer.recordUse("k1", secondDue + 1, null));
        assertTrue(buffer.drain(secondDue + 29_999).isEmpty(), "from then on a full interval");
        assertEquals(1, buffer.drain(secondDue + 30_000).size());
    }

    @Test
    void keysFirstUsedTogetherComeDueAcrossTheInterval() {
        long interval = 30_000;
        java.util.Set<Long> ticks = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            long phase = UsageBuffer.phase(java.util.UUID.randomUUID().toString(), interval);
            assertTrue(phase >= 0 && phase < interval);
            ticks.add(phase / 5_000);
        }
        assertEquals(6, ticks.size(), "spread over every 5-second tick of the interval");
    }

    @Test
    void drainTakesWhatIsDueAndForgetsIdleKeys() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        buffer.recordUse("k1", 0, null);
        buffer.recordUse("k1", 10, null);
        buffer.recordUse("k1", 20, null);
        buffer.recordUse("k2", 20, null);
        List<UsageBuffer.Flush> drained = buffer.drain(25);
        assertEquals(2, drained.size());
        assertEquals(3, drained.stream().filter(f -> f.keyId().equals("k1")).findFirst().orElseThrow().uses());
        assertTrue(buffer.drain(26).isEmpty());
        assertEquals(2, buffer.size());
        buffer.drain(30_026);
        assertEquals(0, buffer.size(), "idle for an interval: forgotten");
    }

    @Test
    void aFullBufferHandsNewKeysBackToBeWrittenAtOnce() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        for (int i = 0; i < UsageBuffer.MAX_KEYS; i++) {
            assertNull(buffer.recordUse("k" + i, 0, null));
        }
        UsageBuffer.Flush now = buffer.recordUse("one-more", 1, "203.0.113.9");
        assertNotNull(now);
        assertEquals(1, now.uses());
        assertNull(buffer.recordUse("k1", 2, null), "a pending key still waits");
        assertEquals(UsageBuffer.MAX_KEYS, buffer.size());
    }

    @Test
    void restoreKeepsUsesForTheNextFlush() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        buffer.recordUse("k1", 0, null);
        List<UsageBuffer.Flush> failed = buffer.drain(1);
        failed.forEach(buffer::restore);
        buffer.restore(new UsageBuffer.Flush("k1", 5, 7, "203.0.113.1"));
        long due = 1 - UsageBuffer.phase("k1", 30_000) + 30_000;
        assertTrue(buffer.drain(due - 1).isEmpty(), "restored uses wait for the key's next turn");
        List<UsageBuffer.Flush> drained = buffer.drain(due);
        assertEquals(6, drained.get(0).uses());
        assertEquals("203.0.113.1", drained.get(0).lastUsedIp());
    }

    @Test
    void zeroIntervalWritesEveryUse() {
        UsageBuffer buffer = new UsageBuffer(0);
        assertEquals(1, buffer.recordUse("k1", 0, null).uses());
        assertEquals(1, buffer.recordUse("k1", 1, null).uses());
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.timerPeriodMillis(), "no timer");
    }
}
