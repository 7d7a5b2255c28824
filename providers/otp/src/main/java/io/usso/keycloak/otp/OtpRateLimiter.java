package io.usso.keycloak.otp;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.common.security.TenantSecuritySettings;
import io.usso.keycloak.common.security.TenantSendBudget;

/**
 * Send limits of one channel in one tenant, cluster-wide ({@link WindowCounter} in the single-use store), each one
 * claimed atomically before the send, so that parallel requests never overshoot any of them:
 * <ol>
 *   <li>{@link OtpConfig#sendsPerIp()} per client address ({@code ClientAddress.limitKey}: IPv6 by /64) and window;
 *       stays claimed whatever happens next (a flood from one address uses up only its own quota);</li>
 *   <li>{@link OtpConfig#sendsPerIdentifier()} per identifier (address or number, stored hashed) and window;</li>
 *   <li>SMS only: {@link TenantSecuritySettings#smsPerUserPerHour()} and {@link TenantSecuritySettings#smsPerUserPerDay()}
 *       per account (before sign-in, an identifier that belongs to nobody counts as its own account, so the limits
 *       tell nothing about which numbers are registered);</li>
 *   <li>the tenant's hourly budget of the channel ({@link TenantSendBudget}); a decoy only checks it.</li>
 * </ol>
 * A refusal gives back the identifier and account slots it had claimed; so does a send that fails
 * ({@link Permit#refund}): a gateway outage does not use up a person's codes. The budget is not given back.
 */
public final class OtpRateLimiter {

    /** Dimension of the per-identifier limit. */
    static final String IDENTIFIER = "id";
    /** Dimension of the per-address limit. */
    static final String IP = "ip";
    /** Dimension of the per-account hourly limit. */
    static final String USER_HOUR = "user-hour";
    /** Dimension of the per-account daily limit. */
    static final String USER_DAY = "user-day";
    /** Reason of a refusal by the per-address or per-identifier limit. */
    public static final String REASON_RATE_LIMITED = "rate_limited";
    /** Reason of a refusal by a per-account limit. */
    public static final String REASON_USER_LIMIT = "user_rate_limited";

    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    private final WindowCounter counter;
    private final WindowCounter hourly;
    private final WindowCounter daily;
    private final TenantSendBudget budget;
    private final TenantSendBudget.Channel budgetChannel;
    private final OtpConfig config;
    private final TenantSecuritySettings security;
    private final boolean perAccount;

    /**
     * @param store the session's single-use store
     * @param realmId the tenant
     * @param realmName the tenant's name (budget log line)
     * @param channel {@code email} or {@code sms}
     * @param config the tenant's code settings
     * @param security the tenant's security settings
     */
    public OtpRateLimiter(SingleUseObjectProvider store, String realmId, String realmName, String channel,
            OtpConfig config, TenantSecuritySettings security) {
        String namespace = "usso-otp-send-" + channel;
        this.counter = new WindowCounter(store, namespace, realmId, config.sendWindowSeconds());
        this.hourly = new WindowCounter(store, namespace, realmId, HOUR);
        this.daily = new WindowCounter(store, namespace, realmId, DAY);
        this.budget = new TenantSendBudget(store, realmId, realmName, security);
        this.perAccount = SmsOtpChannel.ID.equals(channel);
        this.budgetChannel = perAccount ? TenantSendBudget.Channel.SMS : TenantSendBudget.Channel.EMAIL;
        this.config = config;
        this.security = security;
    }

    /**
     * Claims one send under every limit.
     *
     * @param identifier the canonical identifier or destination
     * @param ipKey the client address's limit key, may be null
     * @param accountKey the account (user id), or for an identifier that belongs to nobody the identifier itself
     * @param sends whether a message goes out (false for a decoy: the budget is only checked)
     * @param now epoch seconds
     * @return the permit; {@link Permit#granted()} or why not
     */
    public Permit acquire(String identifier, String ipKey, String accountKey, boolean sends, long now) {
        long wait = counter.acquire(IP, ipKey, config.sendsPerIp(), now);
        if (wait > 0) {
            return new Permit(wait, REASON_RATE_LIMITED, List.of());
        }
        List<Taken> taken = new ArrayList<>(3);
        Permit refused = take(taken, counter, IDENTIFIER, identifier, config.sendsPerIdentifier(), REASON_RATE_LIMITED,
                now);
        if (refused == null && perAccount) {
            refused = take(taken, hourly, USER_HOUR, accountKey, security.smsPerUserPerHour(), REASON_USER_LIMIT, now);
        }
        if (refused == null && perAccount) {
            refused = take(taken, daily, USER_DAY, accountKey, security.smsPerUserPerDay(), REASON_USER_LIMIT, now);
        }
        if (refused == null) {
            wait = sends ? budget.acquire(budgetChannel, now) : budget.exhausted(budgetChannel, now);
            if (wait > 0) {
                refused = new Permit(wait, TenantSendBudget.REASON, List.of());
            }
        }
        if (refused != null) {
            release(taken, now);
            return refused;
        }
        return new Permit(0, null, taken);
    }

    private static Permit take(List<Taken> taken, WindowCounter counter, String dimension, String value, int limit,
            String reason, long now) {
        WindowCounter.Claim claim = counter.claim(dimension, value, limit, now);
        if (!claim.granted()) {
            return new Permit(claim.retryAfterSeconds(), reason, List.of());
        }
        taken.add(new Taken(counter, claim));
        return null;
    }

    private static void release(List<Taken> taken, long now) {
        for (Taken t : taken) {
            t.counter().release(t.claim(), now);
        }
    }

    /** One claimed slot and its counter. */
    private record Taken(WindowCounter counter, WindowCounter.Claim claim) {
    }

    /** The answer of {@link #acquire}. */
    public static final class Permit {
        private final long retryAfterSeconds;
        private final String reason;
        private final List<Taken> taken;

        private Permit(long retryAfterSeconds, String reason, List<Taken> taken) {
            this.retryAfterSeconds = retryAfterSeconds;
            this.reason = reason;
            this.taken = taken;
        }

        /** @return whether the send may go ahead */
        public boolean granted() {
            return retryAfterSeconds == 0;
        }

        /** @return seconds until the limit reached lets a send through again, 0 when granted */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /**
         * @return {@value OtpRateLimiter#REASON_RATE_LIMITED}, {@value OtpRateLimiter#REASON_USER_LIMIT} or
         *         {@value TenantSendBudget#REASON}; null when granted
         */
        public String reason() {
            return reason;
        }

        /**
         * Gives back the identifier and account slots (the send did not happen); the address and the budget stay
         * counted.
         *
         * @param now epoch seconds (of the claim's request)
         */
        public void refund(long now) {
            release(taken, now);
        }
    }
}
