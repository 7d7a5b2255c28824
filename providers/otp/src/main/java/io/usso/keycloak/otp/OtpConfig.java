package io.usso.keycloak.otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * A tenant's one-time-code settings, read from the authenticator's (or the required action's) config in the admin
 * console, with safe defaults: 6 digits, 300 s, 5 attempts, 30 s between sends, 5 sends per identifier and 20 per
 * client IP in 15 minutes, default phone region IR. Invalid values fall back to the default and are reported in
 * {@link #warnings()} (logged at WARN, names and reasons only). Immutable.
 */
public final class OtpConfig {

    /** Config key: number of digits. */
    public static final String LENGTH = "otp.length";
    /** Config key: lifetime of a code in seconds. */
    public static final String LIFETIME_SECONDS = "otp.lifetime-seconds";
    /** Config key: wrong attempts allowed per code. */
    public static final String MAX_ATTEMPTS = "otp.max-attempts";
    /** Config key: minimum seconds between two sends in one sign-in. */
    public static final String RESEND_COOLDOWN_SECONDS = "otp.resend-cooldown-seconds";
    /** Config key: sends allowed per identifier (address, number) and window; 0 = no limit. */
    public static final String SENDS_PER_IDENTIFIER = "otp.sends-per-identifier";
    /** Config key: sends allowed per client IP and window; 0 = no limit. */
    public static final String SENDS_PER_IP = "otp.sends-per-ip";
    /** Config key: length of the rate-limit window in seconds. */
    public static final String SEND_WINDOW_SECONDS = "otp.send-window-seconds";
    /** Config key: region (ISO 3166 alpha-2) of phone numbers typed without country code. */
    public static final String DEFAULT_REGION = "phone.default-region";

    /** Default of {@value #LENGTH}. */
    public static final int DEFAULT_LENGTH = 6;
    /** Default of {@value #LIFETIME_SECONDS}. */
    public static final int DEFAULT_LIFETIME_SECONDS = 300;
    /** Default of {@value #MAX_ATTEMPTS}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default of {@value #RESEND_COOLDOWN_SECONDS}. */
    public static final int DEFAULT_RESEND_COOLDOWN_SECONDS = 30;
    /** Default of {@value #SENDS_PER_IDENTIFIER}. */
    public static final int DEFAULT_SENDS_PER_IDENTIFIER = 5;
    /** Default of {@value #SENDS_PER_IP}. */
    public static final int DEFAULT_SENDS_PER_IP = 20;
    /** Default of {@value #SEND_WINDOW_SECONDS}: 15 minutes. */
    public static final int DEFAULT_SEND_WINDOW_SECONDS = 900;
    /** Default of {@value #DEFAULT_REGION}. */
    public static final String DEFAULT_DEFAULT_REGION = "IR";

    private static final Logger LOG = Logger.getLogger(OtpConfig.class);

    private final int length;
    private final int lifetimeSeconds;
    private final int maxAttempts;
    private final int resendCooldownSeconds;
    private final int sendsPerIdentifier;
    private final int sendsPerIp;
    private final int sendWindowSeconds;
    private final String defaultRegion;
    private final List<String> warnings;

    private OtpConfig(int length, int lifetimeSeconds, int maxAttempts, int resendCooldownSeconds,
            int sendsPerIdentifier, int sendsPerIp, int sendWindowSeconds, String defaultRegion, List<String> warnings) {
        this.length = length;
        this.lifetimeSeconds = lifetimeSeconds;
        this.maxAttempts = maxAttempts;
        this.resendCooldownSeconds = resendCooldownSeconds;
        this.sendsPerIdentifier = sendsPerIdentifier;
        this.sendsPerIp = sendsPerIp;
        this.sendWindowSeconds = sendWindowSeconds;
        this.defaultRegion = defaultRegion;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the settings of a tenant that configured nothing */
    public static OtpConfig defaults() {
        return parse(Map.of());
    }

    /**
     * @param config the provider config map, may be null
     * @return the settings, never null; problems are logged at WARN
     */
    public static OtpConfig parse(Map<String, String> config) {
        List<String> warnings = new ArrayList<>();
        int length = ConfigValues.number(config, LENGTH, OtpCodeGenerator.MIN_LENGTH, OtpCodeGenerator.MAX_LENGTH,
                DEFAULT_LENGTH, warnings);
        int lifetime = ConfigValues.number(config, LIFETIME_SECONDS, 10, 3600, DEFAULT_LIFETIME_SECONDS, warnings);
        int attempts = ConfigValues.number(config, MAX_ATTEMPTS, 1, 10, DEFAULT_MAX_ATTEMPTS, warnings);
        int cooldown = ConfigValues.number(config, RESEND_COOLDOWN_SECONDS, 0, 3600,
                DEFAULT_RESEND_COOLDOWN_SECONDS, warnings);
        int perIdentifier = ConfigValues.number(config, SENDS_PER_IDENTIFIER, 0, 1000, DEFAULT_SENDS_PER_IDENTIFIER,
                warnings);
        int perIp = ConfigValues.number(config, SENDS_PER_IP, 0, 100_000, DEFAULT_SENDS_PER_IP, warnings);
        int window = ConfigValues.number(config, SEND_WINDOW_SECONDS, 10, 86_400, DEFAULT_SEND_WINDOW_SECONDS,
                warnings);
        String region = DEFAULT_DEFAULT_REGION;
        String rawRegion = ConfigValues.string(config, DEFAULT_REGION);
        if (rawRegion != null) {
            String upper = rawRegion.toUpperCase(Locale.ROOT);
            if (PhoneNumberUtil.getInstance().getSupportedRegions().contains(upper)) {
                region = upper;
            } else {
                warnings.add(DEFAULT_REGION + " is not a supported region code; using " + DEFAULT_DEFAULT_REGION);
            }
        }
        for (String warning : warnings) {
            LOG.warnf("One-time-code settings: %s", warning);
        }
        return new OtpConfig(length, lifetime, attempts, cooldown, perIdentifier, perIp, window, region, warnings);
    }

    /** @return number of digits */
    public int length() {
        return length;
    }

    /** @return lifetime of a code in seconds */
    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** @return lifetime in whole minutes for messages, at least 1 */
    public int lifetimeMinutes() {
        return Math.max(1, (lifetimeSeconds + 59) / 60);
    }

    /** @return wrong attempts allowed per code */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return minimum seconds between two sends */
    public int resendCooldownSeconds() {
        return resendCooldownSeconds;
    }

    /** @return sends per identifier and window, 0 = no limit */
    public int sendsPerIdentifier() {
        return sendsPerIdentifier;
    }

    /** @return sends per client IP and window, 0 = no limit */
    public int sendsPerIp() {
        return sendsPerIp;
    }

    /** @return window length in seconds */
    public int sendWindowSeconds() {
        return sendWindowSeconds;
    }

    /** @return region of numbers typed without country code */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** @return problems found while reading the config (names and reasons only) */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "OtpConfig{length=" + length + ", lifetimeSeconds=" + lifetimeSeconds + ", maxAttempts=" + maxAttempts
                + ", resendCooldownSeconds=" + resendCooldownSeconds + ", sendsPerIdentifier=" + sendsPerIdentifier
                + ", sendsPerIp=" + sendsPerIp + ", sendWindowSeconds=" + sendWindowSeconds + ", defaultRegion="
                + defaultRegion + "}";
    }
}
