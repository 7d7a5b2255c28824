package io.usso.keycloak.magiclink;

import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.common.security.TenantSecuritySettings;
import io.usso.keycloak.common.security.TenantSendBudget;

/**
 * The tenant's limits on sending links, each claimed atomically (cluster-wide fixed windows, {@link WindowCounter}),
 * so that parallel requests never overshoot one:
 * <ol>
 *   <li>per client address ({@code ClientAddress.limitKey}: IPv6 by /64), {@link MagicLinkConfig#perIp()}; stays
 *       claimed whatever follows, so a flood from one address cannot use up a victim's quota;</li>
 *   <li>per address as typed and normalised, {@link MagicLinkConfig#perAddress()}, whether or not it belongs to an
 *       account (counting never tells which addresses exist);</li>
 *   <li>per resolved account, the same limit: typing the user name, the address or another spelling of either
 *       never gets one person more than {@link MagicLinkConfig#perAddress()} links per window (an address that
 *       belongs to nobody counts as its own account, so this tells nothing either);</li>
 *   <li>the tenant's hourly e-mail budget ({@link TenantSendBudget}), claimed when an e-mail goes out, only checked
 *       for a decoy (which sends nothing), so that an exhausted budget answers everyone alike.</li>
 * </ol>
 * A refusal gives back the address and account slots it had claimed.
 */
public final class SendLimiter {

    /** Key namespace of the counters. */
    public static final String NAMESPACE = "usso-ml-send";
    /** Dimension of the per-address limit. */
    public static final String ADDRESS = "address";
    /** Dimension of the per-IP limit. */
    public static final String IP = "ip";
    /** Dimension of the per-account limit. */
    public static final String USER = "user";
    /** Dimension (event detail {@code rate_limit}) of a refusal by the tenant's e-mail budget. */
    public static final String TENANT = "tenant";

    private final WindowCounter counter;
    private final TenantSendBudget budget;
    private final MagicLinkConfig config;

    /**
     * @param store {@code session.singleUseObjects()}
     * @param realmId the tenant
     * @param realmName the tenant's name (budget log line)
     * @param config the tenant's link settings
     * @param security the tenant's security settings (e-mail budget)
     */
    public SendLimiter(SingleUseObjectProvider store, String realmId, String realmName, MagicLinkConfig config,
            TenantSecuritySettings security) {
        this.counter = new WindowCounter(store, NAMESPACE, realmId, config.windowSeconds());
        this.budget = new TenantSendBudget(store, realmId, realmName, security);
        this.config = config;
    }

    /**
     * A refused send.
     *
     * @param dimension {@value #IP}, {@value #ADDRESS}, {@value #USER} or {@value #TENANT}
     * @param retryAfterSeconds seconds until the window ends
     */
    public record Limited(String dimension, long retryAfterSeconds) {

        /** @return the wait rounded up to whole minutes, at least 1 (for the page) */
        public long retryAfterMinutes() {
            return Math.max(1, (retryAfterSeconds + 59) / 60);
        }

        /** @return whether the tenant's budget refused it (event reason {@value TenantSendBudget#REASON}) */
        public boolean tenantBudget() {
            return TENANT.equals(dimension);
        }
    }

    /**
     * Claims one send under every limit.
     *
     * @param address the normalised address, null = not counted
     * @param ipKey the client address's limit key, null = not counted
     * @param accountKey the resolved account ({@code user:<id>}), or for an address of nobody the address; null =
     *        not counted
     * @param sends whether an e-mail goes out (false for a decoy: the budget is only checked)
     * @param nowSeconds epoch seconds
     * @return null when allowed (and counted), else the limit reached
     */
    public Limited acquire(String address, String ipKey, String accountKey, boolean sends, long nowSeconds) {
        long wait = counter.acquire(IP, ipKey, config.perIp(), nowSeconds);
        if (wait > 0) {
            return new Limited(IP, wait);
        }
        WindowCounter.Claim byAddress = counter.claim(ADDRESS, address, config.perAddress(), nowSeconds);
        if (!byAddress.granted()) {
            return new Limited(ADDRESS, byAddress.retryAfterSeconds());
        }
        WindowCounter.Claim byAccount = counter.claim(USER, accountKey, config.perAddress(), nowSeconds);
        if (!byAccount.granted()) {
            counter.release(byAddress, nowSeconds);
            return new Limited(USER, byAccount.retryAfterSeconds());
        }
        wait = sends ? budget.acquire(TenantSendBudget.Channel.EMAIL, nowSeconds)
                : budget.exhausted(TenantSendBudget.Channel.EMAIL, nowSeconds);
        if (wait > 0) {
            counter.release(byAccount, nowSeconds);
            counter.release(byAddress, nowSeconds);
            return new Limited(TENANT, wait);
        }
        return null;
    }
}
