package io.usso.keycloak.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Cluster-wide fixed-window counter kept in Keycloak's {@link SingleUseObjectProvider} (the replicated
 * {@code actionTokens} cache); no JVM-local state. Every USSO rate limit (failed API-key verifications, magic-link
 * sends, QR scans, ...) counts with it.
 *
 * <p><b>Keys.</b> For a dimension (e.g. {@code ip}) and a value (e.g. the client IP), the window is
 * {@code windowStart = now - now % windowSeconds} (epoch seconds) and the base key is
 * {@code namespace + ":" + realmId + ":" + dimension + ":" + sha256hex(value) + ":" + windowStart}: bounded length,
 * and the value (an address, an e-mail) never appears in the cache. Every entry lives until the end of its window.
 *
 * <p><b>Counting.</b> Event number {@code i} (0-based) of a window claims the slot {@code base + ":" + i} with the
 * atomic {@link SingleUseObjectProvider#putIfAbsent(String, long)}; a value is limited once slot {@code limit - 1}
 * exists. The base key holds a hint {@code {"n": count}} so that a claim usually costs one call; a stale hint only
 * costs extra probes ({@value #MAX_PROBES} per round, at most {@value #MAX_ROUNDS} rounds). {@code replace} is
 * deliberately not used: in Keycloak 26.7 it writes without a lifespan, which would make the entry immortal. Claims
 * are atomic, so no event is lost and a window never records more than {@code limit} events, however many requests
 * run at once. A slot taken for an event that did not happen can be given back ({@link #release}).
 *
 * <p>Callers decide whether to fail open on cache errors (the methods let {@link RuntimeException}s through).
 */
public final class WindowCounter {

    /** Note of the base entry holding the count hint. */
    public static final String NOTE_COUNT = "n";
    /** Most slots one round of a claim tries (stale hint). */
    public static final int MAX_PROBES = 32;
    /** Most rounds of {@link #MAX_PROBES} probes one claim makes before it gives up. */
    public static final int MAX_ROUNDS = 4;

    private final SingleUseObjectProvider store;
    private final String namespace;
    private final String realmId;
    private final long windowSeconds;

    /**
     * @param store the session's {@code session.singleUseObjects()}
     * @param namespace the key prefix of this counter (e.g. {@code usso-apikey-fail}), without colon
     * @param realmId the tenant: counters of two realms never meet
     * @param windowSeconds window length, at least 1
     */
    public WindowCounter(SingleUseObjectProvider store, String namespace, String realmId, long windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("windowSeconds must be at least 1");
        }
        this.store = store;
        this.namespace = namespace;
        this.realmId = realmId;
        this.windowSeconds = windowSeconds;
    }

    /**
     * @param dimension what is counted (e.g. {@code ip})
     * @param value the value counted; null = not counted
     * @param limit events allowed per window; 0 or less = no limit
     * @param nowSeconds epoch seconds
     * @return seconds until the window ends (at least 1) when {@code value} already had {@code limit} events in it,
     *         else 0
     */
    public long retryAfter(String dimension, String value, int limit, long nowSeconds) {
        if (limit <= 0 || value == null) {
            return 0;
        }
        long start = windowStart(nowSeconds);
        return store.contains(slotKey(baseKey(dimension, value, start), limit - 1)) ? remaining(start, nowSeconds) : 0;
    }

    /**
     * Counts one event of {@code value} in the current window (nothing once the window holds {@code limit}).
     *
     * @param dimension what is counted
     * @param value the value; null = not counted
     * @param limit events allowed per window; 0 or less = no limit (nothing is stored)
     * @param nowSeconds epoch seconds
     * @return true when a slot was claimed, false when the window was full (or nothing is counted)
     */
    public boolean record(String dimension, String value, int limit, long nowSeconds) {
        if (limit <= 0 || value == null) {
            return false;
        }
        return claim(dimension, value, limit, nowSeconds).counted();
    }

    /**
     * Claims one of the {@code limit} events a window allows ("at most 5 sends per 15 minutes"): check and count in
     * one atomic step, so concurrent requests cannot overshoot the limit.
     *
     * @param dimension what is counted
     * @param value the value; null = always allowed, not counted
     * @param limit events allowed per window; 0 or less = no limit
     * @param nowSeconds epoch seconds
     * @return 0 when allowed (and counted), else the seconds until the window ends
     */
    public long acquire(String dimension, String value, int limit, long nowSeconds) {
        return claim(dimension, value, limit, nowSeconds).retryAfterSeconds();
    }

    /**
     * Like {@link #acquire}, but the answer names the slot taken, so that an event which did not happen after all
     * (the gateway refused the SMS, a later limit refused the send) can be given back with {@link #release}. A
     * stale hint never refuses a free window: when {@value #MAX_PROBES} probes find no free slot although the last
     * slot is still free, the claim goes on (at most {@value #MAX_ROUNDS} times as many probes). Writes the base
     * entry at most once.
     *
     * @param dimension what is counted
     * @param value the value; null = always allowed, not counted
     * @param limit events allowed per window; 0 or less = no limit
     * @param nowSeconds epoch seconds
     * @return the claim: {@link Claim#granted()} or the seconds until the window ends
     */
    public Claim claim(String dimension, String value, int limit, long nowSeconds) {
        if (limit <= 0 || value == null) {
            return Claim.UNCOUNTED;
        }
        long start = windowStart(nowSeconds);
        long lifespan = remaining(start, nowSeconds);
        String base = baseKey(dimension, value, start);
        int hint = hint(store.get(base), limit);
        Map<String, String> freedNotes = store.get(freedKey(base));
        int freed = hint(freedNotes, limit);
        if (freedNotes != null && freed < hint) {
            // a slot given back below the hint: one probe (it may have been taken again meanwhile)
            store.remove(freedKey(base));
            if (store.putIfAbsent(slotKey(base, freed), lifespan)) {
                return new Claim(base, freed, start + windowSeconds, 0);
            }
        }
        int slot = hint;
        for (int probes = 0; slot < limit && probes < MAX_PROBES * MAX_ROUNDS; slot++, probes++) {
            if (probes > 0 && probes % MAX_PROBES == 0 && store.contains(slotKey(base, limit - 1))) {
                break; // full
            }
            if (store.putIfAbsent(slotKey(base, slot), lifespan)) {
                // the one write of the base entry in this request (Keycloak's store refuses a second put of a key
                // within one transaction)
                store.put(base, lifespan, Map.of(NOTE_COUNT, Integer.toString(slot + 1)));
                return new Claim(base, slot, start + windowSeconds, 0);
            }
        }
        return new Claim(null, -1, start + windowSeconds, lifespan);
    }

    /**
     * Gives a claimed slot back (the event it counted did not happen). Only the caller that claimed it may release
     * it, once; the slot can then be claimed again within its window (the next claim tries it first; of several
     * slots given back at once only the last one is remembered, the others stay unused: a window may then allow
     * fewer events, never more). Claims that counted nothing are ignored.
     *
     * @param claim what {@link #claim} returned
     * @param nowSeconds epoch seconds
     */
    public void release(Claim claim, long nowSeconds) {
        if (claim == null || !claim.counted() || nowSeconds >= claim.windowEnd()) {
            return;
        }
        store.remove(slotKey(claim.baseKey(), claim.slot()));
        // a key of its own: the base entry was already written by the claim in this request
        store.put(freedKey(claim.baseKey()), Math.max(1, claim.windowEnd() - nowSeconds),
                Map.of(NOTE_COUNT, Integer.toString(claim.slot())));
    }

    /**
     * The answer of {@link #claim}.
     *
     * @param baseKey the window's base key, null when nothing was counted
     * @param slot the slot taken, -1 when none
     * @param windowEnd epoch seconds at which the window ends
     * @param retryAfterSeconds 0 when allowed, else the seconds until the window ends
     */
    public record Claim(String baseKey, int slot, long windowEnd, long retryAfterSeconds) {

        /** Allowed without counting (no limit, or nothing to count). */
        public static final Claim UNCOUNTED = new Claim(null, -1, 0, 0);

        /** @return whether the event may happen */
        public boolean granted() {
            return retryAfterSeconds == 0;
        }

        /** @return whether a slot was taken (and can be released) */
        public boolean counted() {
            return baseKey != null && slot >= 0;
        }
    }

    /**
     * @param dimension what is counted
     * @param value the value
     * @param windowStart epoch seconds
     * @return the base cache key
     */
    public String baseKey(String dimension, String value, long windowStart) {
        return namespace + ":" + realmId + ":" + dimension + ":" + sha256Hex(value) + ":" + windowStart;
    }

    /**
     * @param nowSeconds epoch seconds
     * @return the start of the window holding {@code nowSeconds}
     */
    public long windowStart(long nowSeconds) {
        return nowSeconds - Math.floorMod(nowSeconds, windowSeconds);
    }

    /** @return the window length in seconds */
    public long windowSeconds() {
        return windowSeconds;
    }

    private long remaining(long windowStart, long nowSeconds) {
        return Math.max(1, windowStart + windowSeconds - nowSeconds);
    }

    private static String freedKey(String base) {
        return base + ":freed";
    }

    private static String slotKey(String base, int slot) {
        return base + ":" + slot;
    }

    private static int hint(Map<String, String> notes, int limit) {
        String n = notes == null ? null : notes.get(NOTE_COUNT);
        if (n == null || n.isEmpty() || n.length() > 9) {
            return 0;
        }
        int parsed = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            parsed = parsed * 10 + (c - '0');
        }
        // Never skip the last slot: a hint at or past the limit re-probes slot limit - 1.
        return Math.min(parsed, limit - 1);
    }

    /**
     * @param value any string
     * @return its SHA-256 in lower-case hex
     */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
