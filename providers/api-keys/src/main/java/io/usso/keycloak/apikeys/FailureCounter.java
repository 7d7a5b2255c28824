package io.usso.keycloak.apikeys;

import org.jboss.logging.Logger;
import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.common.net.ClientAddress;

/**
 * Cluster-wide counter of failed API-key verifications in fixed windows (a {@link WindowCounter} with namespace
 * {@code usso-apikey-fail}), kept in Keycloak's
 * {@link SingleUseObjectProvider} (the replicated {@code actionTokens} cache); no JVM-local state.
 *
 * <p><b>Keys.</b> For a dimension ({@code ip} or {@code key}) and a value (client IP or display prefix), the window
 * is {@code windowStart = now - now % windowSeconds} (epoch seconds) and the base key is
 * {@code "usso-apikey-fail:" + realmId + ":" + dimension + ":" + sha256hex(value) + ":" + windowStart}. Every
 * entry lives until the end of its window.
 *
 * <p><b>Counting.</b> Failure number {@code i} (0-based) of a window claims the slot {@code base + ":" + i} with
 * the atomic {@link SingleUseObjectProvider#putIfAbsent(String, long)}; a value is limited once slot
 * {@code limit - 1} exists ({@link SingleUseObjectProvider#contains(String)}). The base key holds a hint
 * {@code {"n": count}} (written with {@code put}, which is applied when the request's transaction commits) so that
 * a failure usually claims its slot with one call; a stale hint only costs extra probes (at most
 * {@value #MAX_PROBES}). {@code replace} is deliberately not used: the Infinispan implementation writes without a
 * lifespan, which would make the entry immortal.
 *
 * <p><b>Exactness.</b> Claims are atomic, so no failure is lost and a window never records more than
 * {@code limit} failures. But the check happens before the (slow) verification and the failure is recorded after
 * it, so requests already in flight when the limit is reached still get their answer: under concurrency an
 * attacker gets at most about (limit + requests in flight) attempts per window. A failure can also go uncounted
 * when {@value #MAX_PROBES} probes find no free slot or the cache fails. Counters fail open: a cache error is
 * logged at WARN and the request proceeds.
 */
public final class FailureCounter {

    /** Common prefix of every cache key. */
    public static final String KEY_PREFIX = "usso-apikey-fail:";
    /** Most slots one failure tries before giving up (stale hint). */
    public static final int MAX_PROBES = WindowCounter.MAX_PROBES;

    private static final Logger LOG = Logger.getLogger(FailureCounter.class);

    /** What a limit counts by. */
    public enum Dimension {
        /** The client IP address. */
        IP("ip"),
        /** The presented key's display prefix (prefix + first 6 secret characters). */
        KEY("key");

        private final String id;

        Dimension(String id) {
            this.id = id;
        }

        /** @return the name used in cache keys and events */
        public String id() {
            return id;
        }
    }

    /**
     * A value that reached its limit.
     *
     * @param dimension what it was counted by
     * @param retryAfterSeconds seconds until the window ends (at least 1)
     */
    public record Limited(Dimension dimension, long retryAfterSeconds) {
    }

    private final WindowCounter counter;
    private final int perIp;
    private final int perKey;

    /**
     * @param store the session's {@code session.singleUseObjects()}
     * @param realmId the tenant
     * @param windowSeconds window length, at least 1
     * @param perIp failures allowed per IP and window, 0 = no limit
     * @param perKey failures allowed per display prefix and window, 0 = no limit
     */
    public FailureCounter(SingleUseObjectProvider store, String realmId, long windowSeconds, int perIp,
            int perKey) {
        this.counter = new WindowCounter(store, KEY_PREFIX.substring(0, KEY_PREFIX.length() - 1), realmId,
                windowSeconds);
        this.perIp = Math.max(0, perIp);
        this.perKey = Math.max(0, perKey);
    }

    /**
     * @param store the session's single-use object store
     * @param realmId the tenant
     * @param config the tenant's settings
     * @return the verify-failure counter with the tenant's limits
     */
    public static FailureCounter forVerify(SingleUseObjectProvider store, String realmId, ApiKeyConfig config) {
        return new FailureCounter(store, realmId, config.verifyFailureWindowSeconds(), config.verifyFailuresPerIp(),
                config.verifyFailuresPerKey());
    }

    /**
     * Whether a verification may proceed. Fails open on cache errors.
     *
     * @param ip client IP, may be null (not counted)
     * @param displayPrefix the presented key's display prefix, null for keys that did not parse as valid
     * @param nowSeconds epoch seconds
     * @return the limit reached (IP first), or null when the request may proceed
     */
    public Limited check(String ip, String displayPrefix, long nowSeconds) {
        try {
            long retry = retryAfter(Dimension.IP, ClientAddress.limitKey(ip), perIp, nowSeconds);
            if (retry > 0) {
                return new Limited(Dimension.IP, retry);
            }
            retry = retryAfter(Dimension.KEY, displayPrefix, perKey, nowSeconds);
            return retry > 0 ? new Limited(Dimension.KEY, retry) : null;
        } catch (RuntimeException e) {
            LOG.warnf("API keys: failure counter unavailable, not rate limiting: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Counts one failed verification for the IP and, when known, the display prefix. Fails open on cache errors.
     *
     * @param ip client IP, may be null (not counted)
     * @param displayPrefix display prefix of a validly formed key, or null (only the IP counts)
     * @param nowSeconds epoch seconds
     */
    public void recordFailure(String ip, String displayPrefix, long nowSeconds) {
        try {
            record(Dimension.IP, ClientAddress.limitKey(ip), perIp, nowSeconds);
            record(Dimension.KEY, displayPrefix, perKey, nowSeconds);
        } catch (RuntimeException e) {
            LOG.warnf("API keys: failure counter unavailable, failure not counted: %s", e.getClass().getSimpleName());
        }
    }

    /** {@link WindowCounter#retryAfter} for a dimension. */
    public long retryAfter(Dimension dimension, String value, int limit, long nowSeconds) {
        return counter.retryAfter(dimension.id(), value, limit, nowSeconds);
    }

    /** {@link WindowCounter#record} for a dimension. */
    public void record(Dimension dimension, String value, int limit, long nowSeconds) {
        counter.record(dimension.id(), value, limit, nowSeconds);
    }

    /** {@link WindowCounter#baseKey} for a dimension. */
    public String baseKey(Dimension dimension, String value, long windowStart) {
        return counter.baseKey(dimension.id(), value, windowStart);
    }

    /** {@link WindowCounter#windowStart}. */
    public long windowStart(long nowSeconds) {
        return counter.windowStart(nowSeconds);
    }

    static String sha256Hex(String value) {
        return WindowCounter.sha256Hex(value);
    }
}
