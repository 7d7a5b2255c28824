package io.usso.keycloak.apikeys.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UsageBufferTest {

    @Test
    void firstUseIsWrittenAtOnceLaterOnesOncePerInterval() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        UsageBuffer.Flush first = buffer.recordUse("k1", 1_000, "198.51.100.1");
        assertNotNull(first);
        assertEquals(1, first.uses());
        for (int i = 1; i <= 99; i++) {
            assertNull(buffer.recordUse("k1", 1_000 + i * 100, "198.51.100.2"));
        }
        UsageBuffer.Flush due = buffer.recordUse("k1", 31_000, "198.51.100.3");
        assertNotNull(due);
        assertEquals(100, due.uses(), "99 buffered + this one");
        assertEquals(31_000, due.lastUsedAt());
        assertEquals("198.51.100.3", due.lastUsedIp());
    }

    @Test
    void drainTakesWhatIsPendingAndForgetsIdleKeys() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        buffer.recordUse("k1", 0, null);
        buffer.recordUse("k1", 10, null);
        buffer.recordUse("k1", 20, null);
        List<UsageBuffer.Flush> drained = buffer.drain(25);
        assertEquals(1, drained.size());
        assertEquals(2, drained.get(0).uses());
        assertTrue(buffer.drain(26).isEmpty());
        assertEquals(1, buffer.size());
        buffer.drain(30_026);
        assertEquals(0, buffer.size(), "idle for an interval: forgotten");
    }

    @Test
    void restoreKeepsUsesForTheNextFlush() {
        UsageBuffer buffer = new UsageBuffer(30_000);
        buffer.recordUse("k1", 0, null);
        buffer.restore(new UsageBuffer.Flush("k1", 5, 7, "203.0.113.1"));
        List<UsageBuffer.Flush> drained = buffer.drain(8);
        assertEquals(5, drained.get(0).uses());
        assertEquals("203.0.113.1", drained.get(0).lastUsedIp());
    }

    @Test
    void zeroIntervalWritesEveryUse() {
        UsageBuffer buffer = new UsageBuffer(0);
        assertEquals(1, buffer.recordUse("k1", 0, null).uses());
        assertEquals(1, buffer.recordUse("k1", 1, null).uses());
        assertEquals(0, buffer.size());
    }
}
