package io.usso.keycloak.apikeys.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write-behind counter of key uses ({@code usage_count}, {@code last_used_at}, {@code last_used_ip}).
 *
 * <p>Writing the row on every verification made every request of a busy key wait for the same row lock (p99 in
 * hundreds of milliseconds). Instead each node adds up its uses per key and writes them with one UPDATE
 * ({@code usage_count = usage_count + n}, so nodes never overwrite each other) at most once per flush interval per
 * key: the first use after the interval flushes in its own request, and a timer flushes what idle keys left behind.
 * The figures in the database are therefore up to one interval (plus one timer period) behind, and a node that
 * crashes loses at most one interval of its counts — usage figures are informational, never a security decision.
 * Bounded: when {@value #MAX_KEYS} keys are pending, new keys are written through at once.
 */
public final class UsageBuffer {

    /** Default flush interval per key. */
    public static final long DEFAULT_FLUSH_INTERVAL_MILLIS = 30_000;
    /** Most keys held pending at once. */
    public static final int MAX_KEYS = 50_000;

    /** Uses of one key to write. */
    public record Flush(String keyId, long uses, long lastUsedAt, String lastUsedIp) {
    }

    private static final class Pending {
        long uses;
        long lastUsedAt;
        String lastUsedIp;
        long lastFlushAt;

        Pending(long now) {
            this.lastFlushAt = now;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final long flushIntervalMillis;

    /** @param flushIntervalMillis how long uses of a key may wait, 0 = write every use at once */
    public UsageBuffer(long flushIntervalMillis) {
        this.flushIntervalMillis = Math.max(0, flushIntervalMillis);
    }

    /**
     * Counts one use.
     *
     * @param keyId the key
     * @param nowMillis time of use
     * @param ip caller address, may be null
     * @return the uses to write now (in this request), or null when they can wait
     */
    public Flush recordUse(String keyId, long nowMillis, String ip) {
        if (flushIntervalMillis == 0 || (pending.size() >= MAX_KEYS && !pending.containsKey(keyId))) {
            return new Flush(keyId, 1, nowMillis, ip);
        }
        Flush[] due = new Flush[1];
        pending.compute(keyId, (id, p) -> {
            Pending entry = p == null ? new Pending(nowMillis) : p;
            entry.uses++;
            entry.lastUsedAt = Math.max(entry.lastUsedAt, nowMillis);
            entry.lastUsedIp = ip;
            // The first use of a key is written at once (the console shows "used" immediately); later ones wait.
            if (p == null || nowMillis - entry.lastFlushAt >= flushIntervalMillis) {
                due[0] = new Flush(id, entry.uses, entry.lastUsedAt, entry.lastUsedIp);
                entry.uses = 0;
                entry.lastFlushAt = nowMillis;
            }
            return entry;
        });
        return due[0];
    }

    /**
     * Takes everything pending (timer flush) and forgets keys idle for a whole interval.
     *
     * @param nowMillis current time
     * @return the uses to write
     */
    public List<Flush> drain(long nowMillis) {
        List<Flush> out = new ArrayList<>();
        for (String id : List.copyOf(pending.keySet())) {
            pending.computeIfPresent(id, (key, entry) -> {
                if (entry.uses > 0) {
                    out.add(new Flush(key, entry.uses, entry.lastUsedAt, entry.lastUsedIp));
                    entry.uses = 0;
                    entry.lastFlushAt = nowMillis;
                    return entry;
                }
                return nowMillis - entry.lastFlushAt >= flushIntervalMillis ? null : entry;
            });
        }
        return out;
    }

    /**
     * Puts uses back after a failed write (they are retried with the next flush).
     *
     * @param flush what could not be written
     */
    public void restore(Flush flush) {
        pending.compute(flush.keyId(), (id, p) -> {
            Pending entry = p == null ? new Pending(flush.lastUsedAt()) : p;
            entry.uses += flush.uses();
            entry.lastUsedAt = Math.max(entry.lastUsedAt, flush.lastUsedAt());
            if (entry.lastUsedIp == null) {
                entry.lastUsedIp = flush.lastUsedIp();
            }
            return entry;
        });
    }

    /** @param keyId forget a removed key */
    public void forget(String keyId) {
        pending.remove(keyId);
    }

    /** @return number of keys with pending state */
    public int size() {
        return pending.size();
    }

    /** @return the flush interval */
    public long flushIntervalMillis() {
        return flushIntervalMillis;
    }
}
