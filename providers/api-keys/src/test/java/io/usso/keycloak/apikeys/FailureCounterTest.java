package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.apikeys.FailureCounter.Dimension;
import io.usso.keycloak.apikeys.FailureCounter.Limited;

class FailureCounterTest {

    private static final long T0 = 1_700_000_040L; // a multiple of 60: the start of a 60 s window
    private static final String IP = "203.0.113.7";
    private static final String PREFIX = "uss_Ab3dE9";

    /** In-memory stand-in for the replicated single-use object cache (test only), with lifespans. */
    static final class FakeStore implements SingleUseObjectProvider {
        record Entry(Map<String, String> notes, long expiresAt) {
        }

        final Map<String, Entry> entries = new HashMap<>();
        long now = T0;
        boolean broken;

        private void tick() {
            if (broken) {
                throw new IllegalStateException("cache down");
            }
            entries.values().removeIf(e -> e.expiresAt <= now);
        }

        @Override
        public synchronized void put(String key, long lifespanSeconds, Map<String, String> notes) {
            tick();
            entries.put(key, new Entry(Map.copyOf(notes), now + lifespanSeconds));
        }

        @Override
        public synchronized Map<String, String> get(String key) {
            tick();
            Entry e = entries.get(key);
            return e == null ? null : e.notes;
        }

        @Override
        public synchronized Map<String, String> remove(String key) {
            tick();
            Entry e = entries.remove(key);
            return e == null ? null : e.notes;
        }

        @Override
        public synchronized boolean replace(String key, Map<String, String> notes) {
            throw new AssertionError("replace drops the lifespan in Infinispan; FailureCounter must not use it");
        }

        @Override
        public synchronized boolean putIfAbsent(String key, long lifespanSeconds) {
            tick();
            if (entries.containsKey(key)) {
                return false;
            }
            entries.put(key, new Entry(Map.of(), now + lifespanSeconds));
            return true;
        }

        @Override
        public synchronized boolean contains(String key) {
            tick();
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    private final FakeStore store = new FakeStore();

    private FailureCounter counter(int perIp, int perKey) {
        return new FailureCounter(store, "realm-a", 60, perIp, perKey);
    }

    @Test
    void limitsAfterExactlyLimitFailuresUntilTheWindowEnds() {
        FailureCounter counter = counter(3, 0);
        store.now = T0 + 15;
        for (int i = 0; i < 3; i++) {
            assertNull(counter.check(IP, null, store.now), "failure " + i);
            counter.recordFailure(IP, null, store.now);
        }
        assertEquals(new Limited(Dimension.IP, 45), counter.check(IP, null, store.now));
        store.now = T0 + 59;
        assertEquals(new Limited(Dimension.IP, 1), counter.check(IP, null, store.now));
        assertNull(counter.check("198.51.100.1", null, store.now), "other IPs are not affected");
        store.now = T0 + 60;
        assertNull(counter.check(IP, null, store.now), "a new window starts from zero");
        store.now = T0 + 61;
        assertTrue(store.entries.isEmpty(), "every entry expires with its window: " + store.entries.keySet());
    }

    @Test
    void keyDimensionCountsOnlyWithADisplayPrefixAndIpIsCheckedFirst() {
        FailureCounter counter = counter(5, 2);
        counter.recordFailure(IP, null, T0);
        counter.recordFailure(IP, null, T0);
        assertNull(counter.check("198.51.100.1", PREFIX, T0), "malformed keys count for the IP only");
        counter.recordFailure("198.51.100.1", PREFIX, T0);
        counter.recordFailure("198.51.100.2", PREFIX, T0);
        assertEquals(new Limited(Dimension.KEY, 60), counter.check("198.51.100.3", PREFIX, T0),
                "the prefix limit holds across IPs");
        assertNull(counter.check("198.51.100.3", "uss_Zz9yX8", T0));
        counter.recordFailure(IP, null, T0);
        counter.recordFailure(IP, null, T0);
        counter.recordFailure(IP, null, T0);
        assertEquals(Dimension.IP, counter.check(IP, PREFIX, T0).dimension(), "both reached: IP reported");
    }

    @Test
    void zeroMeansNoLimitAndStoresNothing() {
        FailureCounter counter = counter(0, 0);
        for (int i = 0; i < 100; i++) {
            counter.recordFailure(IP, PREFIX, T0);
        }
        assertNull(counter.check(IP, PREFIX, T0));
        assertTrue(store.entries.isEmpty());
        FailureCounter nullValues = counter(1, 1);
        nullValues.recordFailure(null, null, T0);
        assertNull(nullValues.check(null, null, T0));
        assertTrue(store.entries.isEmpty());
    }

    @Test
    void keysAreHashedPerRealmAndWindowWithBoundedLength() {
        FailureCounter counter = counter(2, 2);
        counter.recordFailure(IP, PREFIX, T0);
        String ipHash = FailureCounter.sha256Hex(IP);
        assertTrue(store.entries.containsKey("usso-apikey-fail:realm-a:ip:" + ipHash + ":" + T0),
                store.entries.keySet().toString());
        assertEquals(Map.of("n", "1"),
                store.entries.get("usso-apikey-fail:realm-a:ip:" + ipHash + ":" + T0).notes());
        assertTrue(store.entries.containsKey("usso-apikey-fail:realm-a:key:" + FailureCounter.sha256Hex(PREFIX)
                + ":" + T0));
        for (String key : store.entries.keySet()) {
            assertFalse(key.contains(IP) || key.contains(PREFIX), key);
            assertTrue(key.length() < 140, key);
        }
        assertEquals(T0, counter.windowStart(T0 + 59));
        assertEquals(64, FailureCounter.sha256Hex("x".repeat(10_000)).length());

        counter.recordFailure(IP, PREFIX, T0);
        assertTrue(counter.check(IP, PREFIX, T0) != null);
        assertNull(new FailureCounter(store, "realm-b", 60, 2, 2).check(IP, PREFIX, T0), "realms are separate");
    }

    @Test
    void staleOrBrokenHintStillCountsEveryFailure() {
        FailureCounter counter = counter(4, 0);
        counter.recordFailure(IP, null, T0);
        counter.recordFailure(IP, null, T0);
        String base = counter.baseKey(Dimension.IP, IP, T0);
        store.remove(base); // lost hint (e.g. its transaction did not commit)
        counter.recordFailure(IP, null, T0);
        assertEquals("3", store.get(base).get("n"));
        store.put(base, 60, Map.of("n", "junk"));
        counter.recordFailure(IP, null, T0);
        assertEquals(Dimension.IP, counter.check(IP, null, T0).dimension());
        store.put(base, 60, Map.of("n", "999999"));
        counter.recordFailure(IP, null, T0); // full: nothing more stored
        assertEquals(4 + 1, store.entries.size(), "4 slots and the hint");
    }

    @Test
    void concurrentFailuresNeverClaimMoreThanTheLimit() throws Exception {
        FailureCounter counter = counter(20, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> counter.recordFailure(IP, null, T0)));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20 + 1, store.entries.size(), store.entries.keySet().toString());
        assertEquals(Dimension.IP, counter.check(IP, null, T0).dimension());
    }

    @Test
    void cacheErrorsFailOpen() {
        FailureCounter counter = counter(1, 1);
        store.broken = true;
        counter.recordFailure(IP, PREFIX, T0);
        assertNull(counter.check(IP, PREFIX, T0));
        assertThrows(IllegalArgumentException.class, () -> new FailureCounter(store, "r", 0, 1, 1));
    }

    @Test
    void forVerifyUsesTheTenantSettings() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.VERIFY_FAILURES_PER_IP, "1",
                ApiKeyConfig.VERIFY_FAILURES_PER_KEY, "0", ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS, "10"));
        FailureCounter counter = FailureCounter.forVerify(store, "realm-a", config);
        counter.recordFailure(IP, PREFIX, T0 + 3);
        assertEquals(new Limited(Dimension.IP, 7), counter.check(IP, PREFIX, T0 + 3));
        assertNull(counter.check("198.51.100.1", PREFIX, T0 + 3), "per-key limit 0 = none");
        assertEquals(1 + 1, store.entries.size());
    }
}
