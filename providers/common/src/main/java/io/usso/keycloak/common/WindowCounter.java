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
 * costs extra probes (at most {@value #MAX_PROBES}). {@code replace} is deliberately not used: in Keycloak 26.7 it
 * writes without a lifespan, which would make the entry immortal. Claims are atomic, so no event is lost and a
 * window never records more than {@code limit} events.
 *
 * <p>Callers decide whether to fail open on cache errors (the methods let {@link RuntimeException}s through).
 */
public final class WindowCounter {

    /** Note of the base entry holding the count hint. */
    public static final String NOTE_COUNT = "n";
    /** Most slots one claim tries before giving up (stale hint). */
    public static final int MAX_PROBES = 32;

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
        long start = windowStart(nowSeconds);
        long lifespan = remaining(start, nowSeconds);
        String base = baseKey(dimension, value, start);
        int from = hint(store.get(base), limit);
        for (int slot = from, probes = 0; slot < limit && probes < MAX_PROBES; slot++, probes++) {
            if (store.putIfAbsent(slotKey(base, slot), lifespan)) {
                store.put(base, lifespan, Map.of(NOTE_COUNT, Integer.toString(slot + 1)));
                return true;
            }
        }
        return false;
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
        if (limit <= 0 || value == null) {
            return 0;
        }
        return record(dimension, value, limit, nowSeconds) ? 0 : remaining(windowStart(nowSeconds), nowSeconds);
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
