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
        for (int i = 1; i <= 99; i++) {
            assertNull(buffer.recordUse("k1", 2_000 + i * 100, "198.51.100.2"));
        }
        assertTrue(buffer.drain(7_000).isEmpty(), "written 5 s ago: waits for the interval");
        assertTrue(buffer.drain(31_999).isEmpty());
        assertNull(buffer.recordUse("k1", 31_000, "198.51.100.3"));
        List<UsageBuffer.Flush> due = buffer.drain(32_000);
        assertEquals(1, due.size());
        assertEquals(100, due.get(0).uses(), "99 + 1 since the last write");
        assertEquals(31_000, due.get(0).lastUsedAt());
        assertEquals("198.51.100.3", due.get(0).lastUsedIp());
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
        assertTrue(buffer.drain(8).isEmpty(), "restored uses wait for the interval");
        List<UsageBuffer.Flush> drained = buffer.drain(30_001);
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
