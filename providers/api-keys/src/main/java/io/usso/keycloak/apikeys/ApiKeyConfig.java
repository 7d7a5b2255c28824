package io.usso.keycloak.apikeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * A tenant's API key settings, read from realm attributes named {@value #ATTRIBUTE_PREFIX}{@code *}.
 *
 * <table>
 *   <caption>Realm attributes</caption>
 *   <tr><th>attribute</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@value #ENABLED}</td><td>{@code true} / {@code false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@value #PREFIX}</td><td>{@code [a-z][a-z0-9]{1,11}_}</td><td>{@code uss_}</td></tr>
 *   <tr><td>{@value #MAX_LIFETIME_DAYS}</td><td>0..{@value #LIFETIME_DAYS_LIMIT}, 0 = no maximum</td>
 *       <td>{@value #DEFAULT_MAX_LIFETIME_DAYS}</td></tr>
 *   <tr><td>{@value #DEFAULT_LIFETIME_DAYS}</td><td>1..{@value #LIFETIME_DAYS_LIMIT}, capped by a non-zero
 *       maximum (with a warning when set explicitly above it)</td>
 *       <td>{@value #DEFAULT_DEFAULT_LIFETIME_DAYS}</td></tr>
 *   <tr><td>{@value #VERIFY_ACCESS}</td><td>{@code role} / {@code any-caller}</td><td>{@code role}</td></tr>
 *   <tr><td>{@value #ROTATION_MAX_GRACE_SECONDS}</td><td>0..{@value #GRACE_SECONDS_LIMIT}</td>
 *       <td>{@value #DEFAULT_ROTATION_MAX_GRACE_SECONDS}</td></tr>
 *   <tr><td>{@value #VERIFY_FAILURES_PER_IP}</td><td>0..{@value #VERIFY_FAILURES_LIMIT}, 0 = no limit</td>
 *       <td>{@value #DEFAULT_VERIFY_FAILURES_PER_IP} with {@code any-caller}, 0 with {@code role}</td></tr>
 *   <tr><td>{@value #VERIFY_FAILURES_PER_KEY}</td><td>0..{@value #VERIFY_FAILURES_LIMIT}, 0 = no limit</td>
 *       <td>{@value #DEFAULT_VERIFY_FAILURES_PER_KEY}</td></tr>
 *   <tr><td>{@value #VERIFY_FAILURE_WINDOW_SECONDS}</td><td>1..{@value #VERIFY_WINDOW_SECONDS_LIMIT}</td>
 *       <td>{@value #DEFAULT_VERIFY_FAILURE_WINDOW_SECONDS}</td></tr>
 * </table>
 *
 * <p>Values are trimmed; a blank value counts as unset. An invalid value falls back to its default, and each
 * problem is reported in {@link #warnings()} and logged at WARN with the attribute name and the reason, never
 * the value. Unknown attributes under the prefix (typos) are reported the same way. Numbers are plain ASCII
 * digits.
 */
public final class ApiKeyConfig {

    /** Common prefix of the realm attributes. */
    public static final String ATTRIBUTE_PREFIX = "usso.api-keys.";
    /** Realm attribute: whether API keys are enabled in the tenant. */
    public static final String ENABLED = ATTRIBUTE_PREFIX + "enabled";
    /** Realm attribute: the key prefix. */
    public static final String PREFIX = ATTRIBUTE_PREFIX + "prefix";
    /** Realm attribute: the longest lifetime a key may be created with, in days (0 = no maximum). */
    public static final String MAX_LIFETIME_DAYS = ATTRIBUTE_PREFIX + "max-lifetime-days";
    /** Realm attribute: the lifetime of a key created without one, in days. */
    public static final String DEFAULT_LIFETIME_DAYS = ATTRIBUTE_PREFIX + "default-lifetime-days";
    /** Realm attribute: who may call the verify endpoint, see {@link ApiKeyVerifyAccess}. */
    public static final String VERIFY_ACCESS = ATTRIBUTE_PREFIX + "verify-access";
    /** Realm attribute: the longest time a rotated-out key keeps working, in seconds. */
    public static final String ROTATION_MAX_GRACE_SECONDS = ATTRIBUTE_PREFIX + "rotation-max-grace-seconds";
    /** Realm attribute: failed verifications allowed per client IP and window (0 = no limit). */
    public static final String VERIFY_FAILURES_PER_IP = ATTRIBUTE_PREFIX + "verify-failures-per-ip";
    /** Realm attribute: failed verifications allowed per presented display prefix and window (0 = no limit). */
    public static final String VERIFY_FAILURES_PER_KEY = ATTRIBUTE_PREFIX + "verify-failures-per-key";
    /** Realm attribute: length of the fixed window of the failure limits, in seconds. */
    public static final String VERIFY_FAILURE_WINDOW_SECONDS = ATTRIBUTE_PREFIX + "verify-failure-window-seconds";

    /** Default of {@value #ENABLED}. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Default of {@value #MAX_LIFETIME_DAYS}. */
    public static final int DEFAULT_MAX_LIFETIME_DAYS = 365;
    /** Default of {@value #DEFAULT_LIFETIME_DAYS}. */
    public static final int DEFAULT_DEFAULT_LIFETIME_DAYS = 90;
    /** Default of {@value #VERIFY_ACCESS}. */
    public static final ApiKeyVerifyAccess DEFAULT_VERIFY_ACCESS = ApiKeyVerifyAccess.ROLE;
    /** Default of {@value #ROTATION_MAX_GRACE_SECONDS}: one day. */
    public static final long DEFAULT_ROTATION_MAX_GRACE_SECONDS = 86_400;
    /** Default of {@value #VERIFY_FAILURES_PER_IP} when verify-access is any-caller (with role: 0, see defaultFailuresPerIp). */
    public static final int DEFAULT_VERIFY_FAILURES_PER_IP = 20;
    /** Default of {@value #VERIFY_FAILURES_PER_KEY}. */
    public static final int DEFAULT_VERIFY_FAILURES_PER_KEY = 10;
    /** Default of {@value #VERIFY_FAILURE_WINDOW_SECONDS}. */
    public static final int DEFAULT_VERIFY_FAILURE_WINDOW_SECONDS = 60;

    /** Upper bound of any lifetime in days (100 years), whatever the tenant allows. */
    public static final int LIFETIME_DAYS_LIMIT = 36_500;
    /** Upper bound of {@value #ROTATION_MAX_GRACE_SECONDS}: 30 days. */
    public static final long GRACE_SECONDS_LIMIT = 2_592_000;
    /** Upper bound of {@value #VERIFY_FAILURES_PER_IP} and {@value #VERIFY_FAILURES_PER_KEY}. */
    public static final int VERIFY_FAILURES_LIMIT = 10_000;
    /** Upper bound of {@value #VERIFY_FAILURE_WINDOW_SECONDS}: one day. */
    public static final int VERIFY_WINDOW_SECONDS_LIMIT = 86_400;

    private static final Logger LOG = Logger.getLogger(ApiKeyConfig.class);
    /** Every realm attribute these settings are read from, in a fixed order. */
    public static final List<String> SETTINGS = List.of(ENABLED, PREFIX, MAX_LIFETIME_DAYS, DEFAULT_LIFETIME_DAYS,
            VERIFY_ACCESS, ROTATION_MAX_GRACE_SECONDS, VERIFY_FAILURES_PER_IP, VERIFY_FAILURES_PER_KEY,
            VERIFY_FAILURE_WINDOW_SECONDS);
    private static final Set<String> KNOWN = Set.copyOf(SETTINGS);
    private static final int MAX_NUMBER_DIGITS = 9;

    private final boolean enabled;
    private final String prefix;
    private final int maxLifetimeDays;
    private final int defaultLifetimeDays;
    private final ApiKeyVerifyAccess verifyAccess;
    private final long rotationMaxGraceSeconds;
    private final int verifyFailuresPerIp;
    private final int verifyFailuresPerKey;
    private final int verifyFailureWindowSeconds;
    private final List<String> warnings;

    private ApiKeyConfig(boolean enabled, String prefix, int maxLifetimeDays, int defaultLifetimeDays,
            ApiKeyVerifyAccess verifyAccess, long rotationMaxGraceSeconds, int verifyFailuresPerIp,
            int verifyFailuresPerKey, int verifyFailureWindowSeconds, List<String> warnings) {
        this.enabled = enabled;
        this.prefix = prefix;
        this.maxLifetimeDays = maxLifetimeDays;
        this.defaultLifetimeDays = defaultLifetimeDays;
        this.verifyAccess = verifyAccess;
        this.rotationMaxGraceSeconds = rotationMaxGraceSeconds;
        this.verifyFailuresPerIp = verifyFailuresPerIp;
        this.verifyFailuresPerKey = verifyFailuresPerKey;
        this.verifyFailureWindowSeconds = verifyFailureWindowSeconds;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the settings of a tenant that set nothing */
    public static ApiKeyConfig defaults() {
        return new ApiKeyConfig(DEFAULT_ENABLED, ApiKeyFormat.DEFAULT_PREFIX, DEFAULT_MAX_LIFETIME_DAYS,
                DEFAULT_DEFAULT_LIFETIME_DAYS, DEFAULT_VERIFY_ACCESS, DEFAULT_ROTATION_MAX_GRACE_SECONDS,
                defaultFailuresPerIp(DEFAULT_VERIFY_ACCESS), DEFAULT_VERIFY_FAILURES_PER_KEY,
                DEFAULT_VERIFY_FAILURE_WINDOW_SECONDS, List.of());
    }

    /**
     * The per-address limit when the tenant sets none: {@value #DEFAULT_VERIFY_FAILURES_PER_IP} when anyone may
     * call verify, off with {@code role}: there the callers are the tenant's own authenticated back ends, which
     * verify the keys of all their users from one address, so a per-address limit would let a few bad keys
     * lock every user out. The per-key limit stays on in both modes.
     */
    static int defaultFailuresPerIp(ApiKeyVerifyAccess access) {
        return access == ApiKeyVerifyAccess.ANY_CALLER ? DEFAULT_VERIFY_FAILURES_PER_IP : 0;
    }

    /**
     * Reads the settings of a realm from its attributes; problems are logged at WARN naming the realm.
     *
     * @param realm the tenant
     * @return the settings, never null
     */
    public static ApiKeyConfig fromRealm(RealmModel realm) {
        return parse(realm.getAttributes(), " of realm " + realm.getName());
    }

    /**
     * Reads the settings from attribute values (all attributes of a realm, or only ours); problems are logged
     * at WARN.
     *
     * @param attributes attribute name to value, may be null
     * @return the settings, never null
     */
    public static ApiKeyConfig fromAttributes(Map<String, String> attributes) {
        return parse(attributes, "");
    }

    private static ApiKeyConfig parse(Map<String, String> attributes, String context) {
        Map<String, String> attrs = attributes == null ? Map.of() : attributes;
        List<String> warnings = new ArrayList<>();

        boolean enabled = DEFAULT_ENABLED;
        String rawEnabled = value(attrs, ENABLED);
        if (rawEnabled != null) {
            if ("true".equalsIgnoreCase(rawEnabled) || "false".equalsIgnoreCase(rawEnabled)) {
                enabled = Boolean.parseBoolean(rawEnabled);
            } else {
                warnings.add(problem(ENABLED, "is not true or false", String.valueOf(DEFAULT_ENABLED)));
            }
        }

        String prefix = ApiKeyFormat.DEFAULT_PREFIX;
        String rawPrefix = value(attrs, PREFIX);
        if (rawPrefix != null) {
            if (ApiKeyFormat.isValidPrefix(rawPrefix)) {
                prefix = rawPrefix;
            } else {
                warnings.add(problem(PREFIX, "does not match [a-z][a-z0-9]{1,11}_", ApiKeyFormat.DEFAULT_PREFIX));
            }
        }

        int maxLifetimeDays = (int) number(attrs, MAX_LIFETIME_DAYS, 0, LIFETIME_DAYS_LIMIT,
                DEFAULT_MAX_LIFETIME_DAYS, warnings);
        int defaultLifetimeDays = (int) number(attrs, DEFAULT_LIFETIME_DAYS, 1, LIFETIME_DAYS_LIMIT,
                DEFAULT_DEFAULT_LIFETIME_DAYS, warnings);
        if (maxLifetimeDays > 0 && defaultLifetimeDays > maxLifetimeDays) {
            if (value(attrs, DEFAULT_LIFETIME_DAYS) != null) {
                warnings.add(DEFAULT_LIFETIME_DAYS + " is above " + MAX_LIFETIME_DAYS + "; using the maximum, "
                        + maxLifetimeDays);
            }
            defaultLifetimeDays = maxLifetimeDays;
        }

        ApiKeyVerifyAccess verifyAccess = DEFAULT_VERIFY_ACCESS;
        String rawAccess = value(attrs, VERIFY_ACCESS);
        if (rawAccess != null) {
            Optional<ApiKeyVerifyAccess> parsed =
                    ApiKeyVerifyAccess.fromConfigValue(rawAccess.toLowerCase(Locale.ROOT));
            if (parsed.isPresent()) {
                verifyAccess = parsed.get();
            } else {
                warnings.add(problem(VERIFY_ACCESS, "is not one of role, any-caller",
                        DEFAULT_VERIFY_ACCESS.configValue()));
            }
        }

        long grace = number(attrs, ROTATION_MAX_GRACE_SECONDS, 0, GRACE_SECONDS_LIMIT,
                DEFAULT_ROTATION_MAX_GRACE_SECONDS, warnings);
        int failuresPerIp = (int) number(attrs, VERIFY_FAILURES_PER_IP, 0, VERIFY_FAILURES_LIMIT,
                defaultFailuresPerIp(verifyAccess), warnings);
        int failuresPerKey = (int) number(attrs, VERIFY_FAILURES_PER_KEY, 0, VERIFY_FAILURES_LIMIT,
                DEFAULT_VERIFY_FAILURES_PER_KEY, warnings);
        int failureWindow = (int) number(attrs, VERIFY_FAILURE_WINDOW_SECONDS, 1, VERIFY_WINDOW_SECONDS_LIMIT,
                DEFAULT_VERIFY_FAILURE_WINDOW_SECONDS, warnings);

        Set<String> unknown = new TreeSet<>();
        for (String name : attrs.keySet()) {
            if (name != null && name.startsWith(ATTRIBUTE_PREFIX) && !KNOWN.contains(name)) {
                unknown.add(name);
            }
        }
        for (String name : unknown) {
            warnings.add(name + " is not a known API key setting; ignored");
        }

        for (String warning : warnings) {
            LOG.warnf("API key settings%s: %s", context, warning);
        }
        return new ApiKeyConfig(enabled, prefix, maxLifetimeDays, defaultLifetimeDays, verifyAccess, grace,
                failuresPerIp, failuresPerKey, failureWindow, warnings);
    }

    private static String value(Map<String, String> attrs, String name) {
        String raw = attrs.get(name);
        if (raw == null) {
            return null;
        }
        String stripped = raw.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static long number(Map<String, String> attrs, String name, long min, long max, long fallback,
            List<String> warnings) {
        String raw = value(attrs, name);
        if (raw == null) {
            return fallback;
        }
        if (raw.length() > MAX_NUMBER_DIGITS) {
            warnings.add(problem(name, "must be between " + min + " and " + max, String.valueOf(fallback)));
            return fallback;
        }
        long parsed = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                warnings.add(problem(name, "is not a whole number", String.valueOf(fallback)));
                return fallback;
            }
            parsed = parsed * 10 + (c - '0');
        }
        if (parsed < min || parsed > max) {
            warnings.add(problem(name, "must be between " + min + " and " + max, String.valueOf(fallback)));
            return fallback;
        }
        return parsed;
    }

    private static String problem(String name, String reason, String fallback) {
        return name + " " + reason + "; using the default, " + fallback;
    }

    /** @return whether API keys can be created and used in the tenant */
    public boolean enabled() {
        return enabled;
    }

    /** @return the key prefix, valid per {@link ApiKeyFormat#isValidPrefix(String)} */
    public String prefix() {
        return prefix;
    }

    /** @return the maximum lifetime in days; 0 means no maximum */
    public int maxLifetimeDays() {
        return maxLifetimeDays;
    }

    /** @return the maximum lifetime, or empty when there is none */
    public Optional<Duration> maxLifetime() {
        return maxLifetimeDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(maxLifetimeDays));
    }

    /** @return the lifetime of keys created without one, in days (1.., never above a non-zero maximum) */
    public int defaultLifetimeDays() {
        return defaultLifetimeDays;
    }

    /** @return {@link #defaultLifetimeDays()} as a duration */
    public Duration defaultLifetime() {
        return Duration.ofDays(defaultLifetimeDays);
    }

    /** @return who may call the verify endpoint */
    public ApiKeyVerifyAccess verifyAccess() {
        return verifyAccess;
    }

    /** @return the longest grace period of a rotated-out key, in seconds */
    public long rotationMaxGraceSeconds() {
        return rotationMaxGraceSeconds;
    }

    /** @return {@link #rotationMaxGraceSeconds()} as a duration */
    public Duration rotationMaxGrace() {
        return Duration.ofSeconds(rotationMaxGraceSeconds);
    }

    /** @return failed verifications allowed per client IP and window; 0 = no limit */
    public int verifyFailuresPerIp() {
        return verifyFailuresPerIp;
    }

    /** @return failed verifications allowed per presented display prefix and window; 0 = no limit */
    public int verifyFailuresPerKey() {
        return verifyFailuresPerKey;
    }

    /** @return length of the fixed window of the failure limits, in seconds (1..) */
    public int verifyFailureWindowSeconds() {
        return verifyFailureWindowSeconds;
    }

    /** @return the problems found while reading the attributes (names and reasons, no values); often empty */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ApiKeyConfig{enabled=" + enabled + ", prefix=" + prefix + ", maxLifetimeDays=" + maxLifetimeDays
                + ", defaultLifetimeDays=" + defaultLifetimeDays + ", verifyAccess=" + verifyAccess.configValue()
                + ", rotationMaxGraceSeconds=" + rotationMaxGraceSeconds + ", verifyFailuresPerIp=" + verifyFailuresPerIp
                + ", verifyFailuresPerKey=" + verifyFailuresPerKey + ", verifyFailureWindowSeconds="
                + verifyFailureWindowSeconds + "}";
    }
}
