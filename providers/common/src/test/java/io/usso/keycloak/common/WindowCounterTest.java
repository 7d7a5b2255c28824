package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WindowCounterTest {

    private final ConcurrentSingleUseStore store = new ConcurrentSingleUseStore();
    private final WindowCounter counter = new WindowCounter(store, "test", "realm-1", 900);

    @Test
    void parallelClaimsNeverOvershootAndFillTheWindow() throws Exception {
        int limit = 50;
        int threads = 16;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            granted.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                for (int i = 0; i < perThread; i++) {
                    if (counter.acquire("ip", "203.0.113.7", limit, 1000) == 0) {
                        mine++;
                    }
                }
                return mine;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : granted) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(limit, total, "exactly the limit, however many ask at once");
        assertTrue(counter.retryAfter("ip", "203.0.113.7", limit, 1000) > 0);
    }

    @Test
    void aStaleHintDoesNotRefuseAWindowWithRoom() {
        int limit = 200;
        for (int i = 0; i < 100; i++) {
            assertTrue(counter.record("address", "a@example.com", limit, 1000));
        }
        // a hint far behind (a lost concurrent write): more than MAX_PROBES taken slots ahead of it
        String base = counter.baseKey("address", "a@example.com", counter.windowStart(1000));
        store.put(base, 900, Map.of(WindowCounter.NOTE_COUNT, "0"));
        WindowCounter.Claim claim = counter.claim("address", "a@example.com", limit, 1000);
        assertTrue(claim.granted());
        assertEquals(100, claim.slot());
    }

    @Test
    void aReleasedSlotCanBeClaimedAgain() {
        for (int i = 0; i < 2; i++) {
            assertEquals(0, counter.acquire("id", "989121234567", 3, 1000));
        }
        WindowCounter.Claim third = counter.claim("id", "989121234567", 3, 1000);
        assertTrue(third.granted() && third.counted());
        assertFalse(counter.claim("id", "989121234567", 3, 1000).granted(), "full");
        counter.release(third, 1001);
        WindowCounter.Claim again = counter.claim("id", "989121234567", 3, 1002);
        assertTrue(again.granted(), "the send that did not happen is given back");
        assertFalse(counter.claim("id", "989121234567", 3, 1003).granted());
    }

    @Test
    void releasingAnEarlySlotLowersTheHint() {
        WindowCounter.Claim first = counter.claim("id", "x", 5, 1000);
        for (int i = 0; i < 4; i++) {
            counter.acquire("id", "x", 5, 1000);
        }
        counter.release(first, 1001);
        WindowCounter.Claim reused = counter.claim("id", "x", 5, 1002);
        assertTrue(reused.granted());
        assertEquals(0, reused.slot());
    }

    @Test
    void oneRequestWritesEachKeyOnceAsKeycloaksTransactionalStoreRequires() {
        OneTransactionStore tx = new OneTransactionStore();
        WindowCounter strict = new WindowCounter(tx, "test", "realm-1", 900);
        // a stale hint far behind: the claim probes on, but writes the base entry once
        for (int i = 0; i < 40; i++) {
            strict.acquire("id", "x", 100, 1000);
            tx.commit();
        }
        tx.put(strict.baseKey("id", "x", strict.windowStart(1000)), 900, Map.of(WindowCounter.NOTE_COUNT, "0"));
        tx.commit();
        WindowCounter.Claim claim = strict.claim("id", "x", 100, 1000);
        assertEquals(40, claim.slot());
        strict.release(claim, 1000); // same request: the gateway failed
        tx.commit();
        WindowCounter.Claim again = strict.claim("id", "x", 100, 1001);
        strict.release(again, 1001);
        assertEquals(40, again.slot(), "the given-back slot is tried first");
    }

    /** Fails like Keycloak's Infinispan store on a second put of one key within a transaction. */
    private static final class OneTransactionStore implements org.keycloak.models.SingleUseObjectProvider {
        private final ConcurrentSingleUseStore delegate = new ConcurrentSingleUseStore();
        private final java.util.Set<String> written = new java.util.HashSet<>();

        void commit() {
            written.clear();
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            if (!written.add(key)) {
                throw new IllegalStateException("Can't add session: task in progress for session");
            }
            delegate.put(key, lifespanSeconds, notes);
        }

        @Override
        public Map<String, String> get(String key) {
            return delegate.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return delegate.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return delegate.replace(key, notes);
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return delegate.putIfAbsent(key, lifespanInSeconds);
        }

        @Override
        public boolean contains(String key) {
            return delegate.contains(key);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noLimitAndNoValueCountNothing() {
        assertEquals(WindowCounter.Claim.UNCOUNTED, counter.claim("ip", null, 5, 1000));
        assertEquals(WindowCounter.Claim.UNCOUNTED, counter.claim("ip", "x", 0, 1000));
        counter.release(WindowCounter.Claim.UNCOUNTED, 1000);
        assertTrue(store.entries.isEmpty());
    }

    @Test
    void aReleaseAfterTheWindowEndedChangesNothing() {
        WindowCounter.Claim claim = counter.claim("id", "x", 1, 1000);
        counter.release(claim, claim.windowEnd());
        assertFalse(counter.claim("id", "x", 1, 1000).granted());
    }
}
