package io.usso.keycloak.qrlogin;

import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;

/**
 * The QR login's rate limits, counted cluster-wide with {@link WindowCounter} (one counter namespace per limit, keys
 * per realm; counted values are hashed by the counter).
 */
public final class QrRateLimits {

    /** What is limited, with its counter namespace and window. */
    public enum Limit {
        /** QR attempts started, per IP. */
        CREATE("usso-qr-rl-create", 60),
        /** Scans and confirm pages, per IP. */
        SCAN("usso-qr-rl-scan", 60),
        /** Approve/deny requests, per IP. */
        APPROVE("usso-qr-rl-approve", 60),
        /** Status requests, per waiting page. */
        STATUS("usso-qr-rl-status", 60),
        /** Typed short codes, per IP and per user. */
        ENTER("usso-qr-rl-enter", QrLoginConfig.ENTER_WINDOW_SECONDS);

        private final String namespace;
        private final long windowSeconds;

        Limit(String namespace, long windowSeconds) {
            this.namespace = namespace;
            this.windowSeconds = windowSeconds;
        }

        /** @return the counter namespace */
        public String namespace() {
            return namespace;
        }

        /** @return the window length in seconds */
        public long windowSeconds() {
            return windowSeconds;
        }
    }

    private final SingleUseObjectProvider store;
    private final String realmId;

    /**
     * @param store the session's single-use store
     * @param realmId the tenant
     */
    public QrRateLimits(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    /**
     * Counts one request.
     *
     * @param limit which limit
     * @param dimension what is counted ({@code ip}, {@code user}, {@code page})
     * @param value the counted value; null is never limited
     * @param max requests allowed per window
     * @param nowSeconds epoch seconds
     * @return 0 when allowed, else the seconds to wait (for {@code Retry-After})
     */
    public long acquire(Limit limit, String dimension, String value, int max, long nowSeconds) {
        return new WindowCounter(store, limit.namespace(), realmId, limit.windowSeconds())
                .acquire(dimension, value, max, nowSeconds);
    }
}
