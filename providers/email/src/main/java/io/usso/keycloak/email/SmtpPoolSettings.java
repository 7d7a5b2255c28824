package io.usso.keycloak.email;

import org.keycloak.Config;

/**
 * How the SMTP connection pool behaves (SPI options of {@value PooledSmtpSenderFactory#ID}).
 *
 * @param maxIdlePerServer idle connections kept per tenant and SMTP configuration; 0 turns reuse off (one
 *        connection per e-mail, as Keycloak's own sender does)
 * @param idleMillis an idle connection older than this is closed (SMTP servers drop idle clients after minutes)
 * @param maxAgeMillis no connection is used longer than this (credentials and tokens are re-checked at least as often)
 * @param maxMessagesPerConnection a connection is closed after this many e-mails (servers limit messages per session)
 */
public record SmtpPoolSettings(int maxIdlePerServer, long idleMillis, long maxAgeMillis, int maxMessagesPerConnection) {

    /** SPI option: idle connections per tenant and configuration. */
    public static final String MAX_IDLE = "max-idle";
    /** SPI option: seconds an idle connection is kept. */
    public static final String IDLE_SECONDS = "idle-seconds";
    /** SPI option: seconds a connection is used at most. */
    public static final String MAX_AGE_SECONDS = "max-age-seconds";
    /** SPI option: e-mails per connection at most. */
    public static final String MAX_MESSAGES = "max-messages";

    /** Defaults: 8 idle, 20 s idle, 5 min age, 100 e-mails. */
    public static final SmtpPoolSettings DEFAULTS = new SmtpPoolSettings(8, 20_000, 300_000, 100);

    public SmtpPoolSettings {
        if (maxIdlePerServer < 0 || idleMillis < 1 || maxAgeMillis < 1 || maxMessagesPerConnection < 1) {
            throw new IllegalArgumentException("SMTP pool: max-idle >= 0, idle-seconds, max-age-seconds and "
                    + "max-messages >= 1");
        }
    }

    /**
     * @param config the provider's SPI scope (may be null)
     * @return the settings, defaults where an option is not set
     */
    public static SmtpPoolSettings from(Config.Scope config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new SmtpPoolSettings(config.getInt(MAX_IDLE, DEFAULTS.maxIdlePerServer()),
                config.getLong(IDLE_SECONDS, DEFAULTS.idleMillis() / 1000) * 1000,
                config.getLong(MAX_AGE_SECONDS, DEFAULTS.maxAgeMillis() / 1000) * 1000,
                config.getInt(MAX_MESSAGES, DEFAULTS.maxMessagesPerConnection()));
    }
}
