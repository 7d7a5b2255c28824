package io.usso.keycloak.apikeys.verify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Node-local cache of key rows by keyed hash, so that a verification usually costs no database round trip. One per
 * server (held by the provider factory, like Keycloak's own realm and user caches), bounded, and kept correct on a
 * cluster by invalidation: every change of a key (revoke, rotate, shortened expiry, owner or realm removed) is
 * broadcast after its transaction commits ({@link ApiKeyInvalidations}) and evicts the entry on every node. The
 * time-to-live is only a safety net for a lost broadcast. Unknown keys are never cached (an attacker could fill the
 * cache with them; failed verifications are rate-limited instead).
 */
public final class ApiKeyCache {

    /** Default time-to-live of an entry. */
    public static final long DEFAULT_TTL_MILLIS = 60_000;
    /** Default bound; above it the cache is emptied (a cheap, rare full reload). */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private record Entry(ApiKeySnapshot snapshot, long loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Recent evictions by hash (epoch milliseconds), so that a read racing with one cannot re-cache stale data. */
    private final Map<String, Long> evictedAt = new ConcurrentHashMap<>();
    private volatile long lastBulkEviction;
    private final long ttlMillis;
    private final int maxEntries;
    private final LongSupplier clock;

    /** A cache with the defaults and the system clock. */
    public ApiKeyCache() {
        this(DEFAULT_TTL_MILLIS, DEFAULT_MAX_ENTRIES, System::currentTimeMillis);
    }

    /**
     * @param ttlMillis time-to-live of an entry, 0 = no caching
     * @param maxEntries bound
     * @param clock epoch milliseconds
     */
    public ApiKeyCache(long ttlMillis, int maxEntries, LongSupplier clock) {
        this.ttlMillis = Math.max(0, ttlMillis);
        this.maxEntries = Math.max(1, maxEntries);
        this.clock = clock;
    }

    /**
     * @param keyHash the keyed hash of a presented key
     * @return the cached row, or null when absent or stale
     */
    public ApiKeySnapshot get(String keyHash) {
        Entry entry = entries.get(keyHash);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() - entry.loadedAt() >= ttlMillis) {
            entries.remove(keyHash, entry);
            return null;
        }
        return entry.snapshot();
    }

    /**
     * Caches a row that was just read from the database.
     *
     * @param snapshot the row
     * @param loadedAt when the read started (epoch milliseconds): an invalidation that arrived in between wins
     */
    public void put(ApiKeySnapshot snapshot, long loadedAt) {
        if (ttlMillis == 0) {
            return;
        }
        Long evicted = evictedAt.get(snapshot.keyHash());
        if (lastBulkEviction >= loadedAt || (evicted != null && evicted >= loadedAt)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(snapshot.keyHash(), new Entry(snapshot, loadedAt));
    }

    /** @param keyHash evicts this key */
    public void evictHash(String keyHash) {
        long now = clock.getAsLong();
        evictedAt.values().removeIf(at -> now - at > ttlMillis);
        evictedAt.put(keyHash, now);
        entries.remove(keyHash);
    }

    /** @param userId evicts every key of this owner (user ids are unique across realms) */
    public void evictUser(String userId) {
        lastBulkEviction = clock.getAsLong();
        entries.values().removeIf(e -> e.snapshot().userId().equals(userId));
    }

    /** @param realmId evicts every key of this tenant */
    public void evictRealm(String realmId) {
        lastBulkEviction = clock.getAsLong();
        entries.values().removeIf(e -> e.snapshot().realmId().equals(realmId));
    }

    /** @return the number of cached entries (for server info) */
    public int size() {
        return entries.size();
    }

    /** @return the time-to-live in milliseconds */
    public long ttlMillis() {
        return ttlMillis;
    }
}
