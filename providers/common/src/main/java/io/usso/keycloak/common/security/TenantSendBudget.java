package io.usso.keycloak.common.security;

import java.time.Instant;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

import io.usso.keycloak.common.WindowCounter;

/**
 * The hourly budget of everything USSO sends for one tenant on one channel: e-mails (magic links, e-mail codes) and
 * SMS (SMS codes, phone verification). No rotation of client addresses, identifiers or accounts escapes it, so it
 * bounds what a flood can cost a tenant (SMS pumping, mail reputation). A cluster-wide {@link WindowCounter} keyed
 * by the realm id, one-hour fixed windows; the limits are {@link TenantSecuritySettings#emailsPerHour()} and
 * {@link TenantSecuritySettings#smsPerHour()}.
 *
 * <p>A send claims its unit atomically before it happens ({@link #acquire}); a decoy (an identifier that belongs to
 * nobody, nothing is sent) only checks ({@link #exhausted}), so that a used-up budget answers known and unknown
 * identifiers alike. Callers answer an exhausted budget exactly as their other limits (no enumeration), emit a
 * Keycloak event with the reason {@value #REASON}, never a 5xx. The first refusal of a window logs one WARN line
 * for the whole cluster (a marker in the single-use store), without any address or number.
 */
public final class TenantSendBudget {

    /** Reason (event detail) of a send refused by the budget. */
    public static final String REASON = "tenant_budget";
    /** Key namespace of the counters. */
    public static final String NAMESPACE = "usso-tenant-budget";
    /** Window length: one hour. */
    public static final long WINDOW_SECONDS = 3600;

    private static final Logger LOG = Logger.getLogger(TenantSendBudget.class);
    private static final String WARNED = "usso-tenant-budget-warned";
    /** The counted value: the whole tenant. */
    private static final String TENANT = "tenant";

    /** What is sent. */
    public enum Channel {
        /** Magic links and e-mail codes. */
        EMAIL("email"),
        /** SMS codes and phone verification. */
        SMS("sms");

        private final String id;

        Channel(String id) {
            this.id = id;
        }

        /** @return {@code email} or {@code sms} (counter dimension, log lines) */
        public String id() {
            return id;
        }
    }

    private final SingleUseObjectProvider store;
    private final WindowCounter counter;
    private final String realmId;
    private final String realmName;
    private final TenantSecuritySettings settings;

    /**
     * @param store the session's single-use store
     * @param realmId the tenant's id (counter key)
     * @param realmName the tenant's name (log line)
     * @param settings the tenant's settings
     */
    public TenantSendBudget(SingleUseObjectProvider store, String realmId, String realmName,
            TenantSecuritySettings settings) {
        this.store = store;
        this.counter = new WindowCounter(store, NAMESPACE, realmId, WINDOW_SECONDS);
        this.realmId = realmId;
        this.realmName = realmName;
        this.settings = settings;
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @return the tenant's budget with its current settings
     */
    public static TenantSendBudget of(KeycloakSession session, RealmModel realm) {
        return new TenantSendBudget(session.singleUseObjects(), realm.getId(), realm.getName(),
                TenantSecuritySettings.of(realm));
    }

    /**
     * @param channel the channel
     * @return sends allowed per hour, 0 = no budget
     */
    public int limit(Channel channel) {
        return channel == Channel.EMAIL ? settings.emailsPerHour() : settings.smsPerHour();
    }

    /**
     * Claims one send (before sending; not given back when the send fails, a failed attempt may have cost too).
     *
     * @param channel the channel
     * @param nowSeconds epoch seconds
     * @return 0 when the send may go ahead, else the seconds until the budget's window ends
     */
    public long acquire(Channel channel, long nowSeconds) {
        long wait = counter.acquire(channel.id(), TENANT, limit(channel), nowSeconds);
        if (wait > 0) {
            warnOnce(channel, nowSeconds);
        }
        return wait;
    }

    /**
     * Checks without counting (for decoys, which send nothing).
     *
     * @param channel the channel
     * @param nowSeconds epoch seconds
     * @return 0 when the budget has room, else the seconds until its window ends
     */
    public long exhausted(Channel channel, long nowSeconds) {
        long wait = counter.retryAfter(channel.id(), TENANT, limit(channel), nowSeconds);
        if (wait > 0) {
            warnOnce(channel, nowSeconds);
        }
        return wait;
    }

    private void warnOnce(Channel channel, long nowSeconds) {
        long windowEnd = counter.windowStart(nowSeconds) + WINDOW_SECONDS;
        try {
            if (store.putIfAbsent(WARNED + ":" + realmId + ":" + channel.id() + ":" + windowEnd,
                    Math.max(1, windowEnd - nowSeconds))) {
                LOG.warnf("Realm %s: the tenant's %s budget (%d per hour) is used up; USSO sends no more until %s "
                        + "(Realm settings > Security)", realmName, channel.id(), limit(channel),
                        Instant.ofEpochSecond(windowEnd));
            }
        } catch (RuntimeException e) {
            LOG.debugf("Realm %s: budget warning marker not stored: %s", realmName, e.getClass().getSimpleName());
        }
    }
}
