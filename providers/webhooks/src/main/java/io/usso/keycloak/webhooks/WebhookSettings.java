package io.usso.keycloak.webhooks;

import java.time.Duration;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.webhooks.delivery.Backoff;

/**
 * The operator's webhook options (SPI {@code events-listener}, provider {@code usso-webhooks}), read once at start.
 *
 * @param plainHttpHosts hosts (with {@code :port}) where a subscription may use plain {@code http} or a port other
 *        than 443 (option {@code http-allowed-hosts}, default none); every other URL must be https on port 443
 * @param maxSubscriptions subscriptions per tenant (option {@code max-subscriptions}, default 20)
 * @param maxAge how long a delivery is retried before it is dead-lettered (option {@code max-age-seconds}, default
 *        24 h)
 * @param backoff the retry schedule (option {@code backoff-base-millis}, default 1000; capped at 1 h)
 * @param pollInterval how often each node looks for due deliveries (option {@code poll-interval-millis}, default
 *        1000)
 * @param timeout how long one attempt may take (option {@code timeout-seconds}, default 10, at most 30)
 * @param rotationGrace default time the previous secret stays valid after a rotation (24 h)
 */
public record WebhookSettings(AllowList plainHttpHosts, int maxSubscriptions, Duration maxAge, Backoff backoff,
        Duration pollInterval, Duration timeout, Duration rotationGrace) {

    /** Longest grace a rotation may ask for. */
    public static final Duration MAX_ROTATION_GRACE = Duration.ofDays(7);

    /** The defaults. */
    public static final WebhookSettings DEFAULT = new WebhookSettings(AllowList.none(), 20, Duration.ofHours(24),
            Backoff.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(24));

    /**
     * @param option reads one option by name, null when unset
     * @return the settings, defaults where an option is unset or out of range
     */
    public static WebhookSettings read(java.util.function.Function<String, String> option) {
        AllowList hosts = AllowList.parse(option.apply("http-allowed-hosts"));
        int max = bounded(option.apply("max-subscriptions"), DEFAULT.maxSubscriptions, 1, 1000);
        long maxAge = bounded(option.apply("max-age-seconds"), DEFAULT.maxAge.toSeconds(), 60, 30L * 24 * 3600);
        long base = bounded(option.apply("backoff-base-millis"), 1000, 100, 3_600_000);
        long poll = bounded(option.apply("poll-interval-millis"), 1000, 100, 60_000);
        long timeout = bounded(option.apply("timeout-seconds"), 10, 1, 30);
        return new WebhookSettings(hosts, max, Duration.ofSeconds(maxAge),
                new Backoff(Duration.ofMillis(base), Duration.ofHours(1)), Duration.ofMillis(poll),
                Duration.ofSeconds(timeout), DEFAULT.rotationGrace);
    }

    private static int bounded(String text, int fallback, int min, int max) {
        return (int) bounded(text, (long) fallback, min, max);
    }

    private static long bounded(String text, long fallback, long min, long max) {
        if (text == null || !text.strip().matches("\\d{1,12}")) {
            return fallback;
        }
        long value = Long.parseLong(text.strip());
        return value < min || value > max ? fallback : value;
    }
}
