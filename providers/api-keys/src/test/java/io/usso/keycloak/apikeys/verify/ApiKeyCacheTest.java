package io.usso.keycloak.apikeys.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ApiKeyCache cache = new ApiKeyCache(60_000, 3, clock::get);

    private static ApiKeySnapshot key(String hash, String realm, String user) {
        return new ApiKeySnapshot("id-" + hash, realm, user, "n", "uss_abcdef", hash, "", 1L, null, null);
    }

    @Test
    void hitUntilTtlThenMiss() {
        ApiKeySnapshot a = key("h1", "r1", "u1");
        cache.put(a, clock.get());
        assertSame(a, cache.get("h1"));
        clock.addAndGet(59_999);
        assertSame(a, cache.get("h1"));
        clock.addAndGet(1);
        assertNull(cache.get("h1"), "stale after the TTL");
        assertEquals(0, cache.size());
    }

    @Test
    void evictionsByHashUserAndRealm() {
        cache.put(key("h1", "r1", "u1"), clock.get());
        cache.put(key("h2", "r1", "u2"), clock.get());
        cache.put(key("h3", "r2", "u3"), clock.get());
        cache.evictHash("h1");
        assertNull(cache.get("h1"));
        cache.evictUser("u2");
        assertNull(cache.get("h2"));
        assertEquals("h3", cache.get("h3").keyHash());
        cache.evictRealm("r2");
        assertNull(cache.get("h3"));
    }

    @Test
    void aReadThatRacedWithAnEvictionIsNotCached() {
        long readStart = clock.get();
        clock.addAndGet(5);
        cache.evictHash("h1"); // revoked on another node while this node was reading the old row
        clock.addAndGet(5);
        cache.put(key("h1", "r1", "u1"), readStart);
        assertNull(cache.get("h1"), "the old row must not be cached");

        long laterRead = clock.addAndGet(1);
        cache.put(key("h1", "r1", "u1"), laterRead);
        assertEquals("h1", cache.get("h1").keyHash(), "a read that started after the eviction is cached");

        long userRead = clock.get();
        cache.evictUser("u9");
        cache.put(key("h5", "r1", "u9"), userRead);
        assertNull(cache.get("h5"), "same for bulk evictions");
    }

    @Test
    void boundedAndOffWhenTtlIsZero() {
        for (int i = 0; i < 10; i++) {
            clock.incrementAndGet();
            cache.put(key("h" + i, "r", "u"), clock.get());
        }
        assertEquals(true, cache.size() <= 3);
        ApiKeyCache off = new ApiKeyCache(0, 10, clock::get);
        off.put(key("h1", "r", "u"), clock.get());
        assertNull(off.get("h1"));
    }

    @Test
    void invalidationMessagesEvictTheRightEntries() {
        ApiKeyInvalidations invalidations = new ApiKeyInvalidations(cache);
        cache.put(key("h1", "r1", "u1"), clock.get());
        cache.put(key("h2", "r1", "u2"), clock.get());
        cache.put(key("h3", "r2", "u3"), clock.get());
        clock.incrementAndGet();
        invalidations.apply("x");
        invalidations.apply("q:whatever");
        invalidations.apply(null);
        assertEquals(3, cache.size(), "garbage changes nothing");
        invalidations.apply("h:h1");
        assertNull(cache.get("h1"));
        invalidations.apply("u:u2");
        assertNull(cache.get("h2"));
        invalidations.apply("r:r2");
        assertNull(cache.get("h3"));
    }
}
