package io.usso.keycloak.otp;

import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;

/**
 * Send limits of one channel in one tenant, cluster-wide ({@link WindowCounter} in the single-use store): at most
 * {@link OtpConfig#sendsPerIdentifier()} sends per identifier (address or number, stored hashed) and
 * {@link OtpConfig#sendsPerIp()} per client IP in each window.
 *
 * <p>The per-IP limit is claimed atomically before sending (concurrent requests cannot overshoot it, which is what
 * stops SMS pumping) and stays claimed even when the gateway fails. The per-identifier limit is checked before and
 * counted only after a successful send (or a decoy), so a gateway outage does not use up a person's sends.
 */
public final class OtpRateLimiter {

    private static final String IDENTIFIER = "id";
    private static final String IP = "ip";

    private final WindowCounter counter;
    private final OtpConfig config;

    /**
     * @param store the session's single-use store
     * @param realmId the tenant
     * @param channel {@code email} or {@code sms}
     * @param config the tenant's limits
     */
    public OtpRateLimiter(SingleUseObjectProvider store, String realmId, String channel, OtpConfig config) {
        this.counter = new WindowCounter(store, "usso-otp-send-" + channel, realmId, config.sendWindowSeconds());
        this.config = config;
    }

    /**
     * Checks the identifier limit, then claims one send of the IP.
     *
     * @param identifier the canonical identifier or destination
     * @param ip the client address, may be null
     * @param now epoch seconds
     * @return 0 when the send may go ahead, else seconds until it may be retried
     */
    public long beforeSend(String identifier, String ip, long now) {
        long wait = counter.retryAfter(IDENTIFIER, identifier, config.sendsPerIdentifier(), now);
        if (wait > 0) {
            return wait;
        }
        return counter.acquire(IP, ip, config.sendsPerIp(), now);
    }

    /**
     * Counts a send of the identifier (call after it succeeded).
     *
     * @param identifier the canonical identifier or destination
     * @param now epoch seconds
     */
    public void afterSend(String identifier, long now) {
        counter.record(IDENTIFIER, identifier, config.sendsPerIdentifier(), now);
    }
}
