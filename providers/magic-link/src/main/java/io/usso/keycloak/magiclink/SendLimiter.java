package io.usso.keycloak.magiclink;

import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;

/**
 * The tenant's limits on sending links: per client IP, then per address (the address as typed, normalised, whether
 * or not it belongs to an account: counting never tells which addresses exist). Cluster-wide fixed windows
 * ({@link WindowCounter}). The IP is claimed first, so a flood from one IP cannot use up a victim's address quota.
 */
public final class SendLimiter {

    /** Key namespace of the counters. */
    public static final String NAMESPACE = "usso-ml-send";
    /** Dimension of the per-address limit. */
    public static final String ADDRESS = "address";
    /** Dimension of the per-IP limit. */
    public static final String IP = "ip";

    private final WindowCounter counter;
    private final MagicLinkConfig config;

    /**
     * @param store {@code session.singleUseObjects()}
     * @param realmId the tenant
     * @param config the tenant's settings
     */
    public SendLimiter(SingleUseObjectProvider store, String realmId, MagicLinkConfig config) {
        this.counter = new WindowCounter(store, NAMESPACE, realmId, config.windowSeconds());
        this.config = config;
    }

    /**
     * A refused send.
     *
     * @param dimension {@value #ADDRESS} or {@value #IP}
     * @param retryAfterSeconds seconds until the window ends
     */
    public record Limited(String dimension, long retryAfterSeconds) {

        /** @return the wait rounded up to whole minutes, at least 1 (for the page) */
        public long retryAfterMinutes() {
            return Math.max(1, (retryAfterSeconds + 59) / 60);
        }
    }

    /**
     * Claims one send for the IP and the address.
     *
     * @param address the normalised address, null = not counted
     * @param ip the client IP, null = not counted
     * @param nowSeconds epoch seconds
     * @return null when allowed (and counted), else the limit reached
     */
    public Limited acquire(String address, String ip, long nowSeconds) {
        long wait = counter.acquire(IP, ip, config.perIp(), nowSeconds);
        if (wait > 0) {
            return new Limited(IP, wait);
        }
        wait = counter.acquire(ADDRESS, address, config.perAddress(), nowSeconds);
        return wait > 0 ? new Limited(ADDRESS, wait) : null;
    }
}
