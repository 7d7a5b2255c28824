package io.usso.keycloak.apikeys.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write-behind counter of key uses ({@code usage_count}, {@code last_used_at}, {@code last_used_ip}).
 *
 * <p>Writing the row on every verification made every request of a busy key wait for the same row lock (p99 in
 * hundreds of milliseconds); writing it in the request now and then still put a database round trip into one
 * request of every key per interval (the p90 of a fixed 200 requests/s over 1,000 keys). So a request only adds to
 * this node's figures; a timer ({@link #timerPeriodMillis()}) writes them, one UPDATE per key
 * ({@code usage_count = usage_count + n}, so nodes never overwrite each other): a key's first use at the next tick
 * (the console shows "used" within seconds), later uses at most once per flush interval per key. The figures in the
 * database are therefore up to one interval (plus one tick) behind, and a node that crashes loses at most that much
 * of its counts — usage figures are informational, never a security decision. Bounded: when {@value #MAX_KEYS} keys
 * are pending, a new key's use is handed back to be written at once.
 */
public final class UsageBuffer {

    /** Default flush interval per key. */
    public static final long DEFAULT_FLUSH_INTERVAL_MILLIS = 30_000;
    /** Longest wait before a key's first use is written. */
    public static final long FIRST_USE_DELAY_MILLIS = 5_000;
    /** Most keys held pending at once. */
    public static final int MAX_KEYS = 50_000;

    /** Uses of one key to write. */
    public record Flush(String keyId, long uses, long lastUsedAt, String lastUsedIp) {
    }

    private static final class Pending {
        long uses;
        long lastUsedAt;
        String lastUsedIp;
        /** when this node last wrote the key's figures; {@link Long#MIN_VALUE} = never */
        long lastFlushAt = Long.MIN_VALUE;
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
     * @return the use to write now, in this request: only with interval 0 or when {@value #MAX_KEYS} other keys are
     *     pending; else null (the timer writes it)
     */
    public Flush recordUse(String keyId, long nowMillis, String ip) {
        if (flushIntervalMillis == 0 || (pending.size() >= MAX_KEYS && !pending.containsKey(keyId))) {
            return new Flush(keyId, 1, nowMillis, ip);
        }
        pending.compute(keyId, (id, p) -> {
            Pending entry = p == null ? new Pending() : p;
            entry.uses++;
            entry.lastUsedAt = Math.max(entry.lastUsedAt, nowMillis);
            entry.lastUsedIp = ip;
            return entry;
        });
        return null;
    }

    /**
     * Takes what is due (timer): uses of keys never written by this node, and of keys last written an interval ago
     * or more; forgets keys idle for a whole interval.
     *
     * @param nowMillis current time
     * @return the uses to write
     */
    public List<Flush> drain(long nowMillis) {
        List<Flush> out = new ArrayList<>();
        for (String id : List.copyOf(pending.keySet())) {
            pending.computeIfPresent(id, (key, entry) -> {
                boolean due = entry.lastFlushAt == Long.MIN_VALUE
                        || nowMillis - entry.lastFlushAt >= flushIntervalMillis;
                if (entry.uses > 0 && due) {
                    out.add(new Flush(key, entry.uses, entry.lastUsedAt, entry.lastUsedIp));
                    entry.uses = 0;
                    // after a key's first write its next one is due somewhere within the interval (by its id), so
                    // keys first used together do not all come due at the same tick again
                    entry.lastFlushAt = entry.lastFlushAt == Long.MIN_VALUE
                            ? nowMillis - phase(key, flushIntervalMillis) : nowMillis;
                    return entry;
                }
                if (entry.uses == 0) {
                    return entry.lastFlushAt == Long.MIN_VALUE || nowMillis - entry.lastFlushAt >= flushIntervalMillis
                            ? null : entry;
                }
                return entry;
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
            Pending entry = p == null ? new Pending() : p;
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

    /**
     * @param keyId a key
     * @param intervalMillis the flush interval
     * @return how much earlier than a full interval after its first write the key's second write is due, in
     *     {@code [0, interval)}, spread by the key's id
     */
    static long phase(String keyId, long intervalMillis) {
        return intervalMillis <= 0 ? 0 : Math.floorMod((long) keyId.hashCode() * 2654435761L, intervalMillis);
    }

    /** @return how often the timer should call {@link #drain}: the interval, at most {@value #FIRST_USE_DELAY_MILLIS} ms */
    public long timerPeriodMillis() {
        return flushIntervalMillis == 0 ? 0 : Math.min(flushIntervalMillis, FIRST_USE_DELAY_MILLIS);
    }

    /** @return the flush interval */
    public long flushIntervalMillis() {
        return flushIntervalMillis;
    }
}
