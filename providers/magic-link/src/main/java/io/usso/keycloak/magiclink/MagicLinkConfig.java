package io.usso.keycloak.magiclink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * A tenant's magic-link settings: the config of the {@code usso-magic-link} execution (admin console: Authentication
 * → flow → execution → settings). Every value has a safe default; an invalid value falls back to its default and is
 * reported in {@link #warnings()} (and logged at WARN with the key and the reason, never the value).
 *
 * <table>
 *   <caption>Config keys</caption>
 *   <tr><th>key</th><th>range</th><th>default</th></tr>
 *   <tr><td>{@value #LIFETIME}</td><td>{@value #MIN_LIFETIME}..{@value #MAX_LIFETIME}</td>
 *       <td>{@value #DEFAULT_LIFETIME} (USSO's 15 minutes)</td></tr>
 *   <tr><td>{@value #PER_ADDRESS}</td><td>0..{@value #MAX_LIMIT}, 0 = no limit</td><td>{@value #DEFAULT_PER_ADDRESS}</td></tr>
 *   <tr><td>{@value #PER_IP}</td><td>0..{@value #MAX_LIMIT}, 0 = no limit</td><td>{@value #DEFAULT_PER_IP}</td></tr>
 *   <tr><td>{@value #WINDOW}</td><td>{@value #MIN_LIFETIME}..{@value #MAX_LIFETIME}</td><td>{@value #DEFAULT_WINDOW}</td></tr>
 *   <tr><td>{@value #CROSS_DEVICE}</td><td>{@code same-browser} / {@code return-to-first-window} /
 *       {@code log-in-both}</td><td>{@code same-browser}</td></tr>
 *   <tr><td>{@value #ALLOW_REGISTRATION}</td><td>{@code true} / {@code false} (only when the realm allows
 *       registration)</td><td>{@code false}</td></tr>
 *   <tr><td>{@value #API_MAX_LIFETIME}</td><td>{@value #MIN_LIFETIME}..{@value #MAX_API_LIFETIME}</td>
 *       <td>{@value #DEFAULT_API_MAX_LIFETIME}</td></tr>
 *   <tr><td>{@value #API_LINK_CLIENTS}</td><td>client ids</td><td>none: the API never returns a link</td></tr>
 *   <tr><td>{@value #API_LINK_DENIED_ROLES}</td><td>role names ({@code role} or {@code client-id/role})</td>
 *       <td>none besides the built-in administrative roles</td></tr>
 * </table>
 */
public final class MagicLinkConfig {

    /** Config key: how long a link works, in seconds. */
    public static final String LIFETIME = "link-lifetime-seconds";
    /** Config key: links sent per address and window. */
    public static final String PER_ADDRESS = "links-per-address";
    /** Config key: links requested per client IP and window. */
    public static final String PER_IP = "links-per-ip";
    /** Config key: length of the rate-limit window, in seconds. */
    public static final String WINDOW = "rate-limit-window-seconds";
    /** Config key: what a link opened on another device does, see {@link CrossDeviceMode}. */
    public static final String CROSS_DEVICE = "cross-device";
    /** Config key: whether an unknown address gets a registration link (when the realm allows registration). */
    public static final String ALLOW_REGISTRATION = "allow-registration";
    /** Config key: the longest lifetime the API may ask for, in seconds. */
    public static final String API_MAX_LIFETIME = "api-max-lifetime-seconds";
    /** Config key: clients the API may return a link for ({@code send:false}); empty = none. */
    public static final String API_LINK_CLIENTS = "api-link-clients";
    /** Config key: further roles whose holders never get a returned link (besides the administrative ones). */
    public static final String API_LINK_DENIED_ROLES = "api-link-denied-roles";

    /** Default of {@value #LIFETIME}. */
    public static final int DEFAULT_LIFETIME = 900;
    /** Default of {@value #PER_ADDRESS}. */
    public static final int DEFAULT_PER_ADDRESS = 5;
    /** Default of {@value #PER_IP}: a household or office shares one address, so more than per address. */
    public static final int DEFAULT_PER_IP = 20;
    /** Default of {@value #WINDOW}. */
    public static final int DEFAULT_WINDOW = 900;
    /** Default of {@value #API_MAX_LIFETIME}. */
    public static final int DEFAULT_API_MAX_LIFETIME = 3600;
    /** Shortest lifetime or window. */
    public static final int MIN_LIFETIME = 30;
    /** Longest browser-flow lifetime or window: one day. */
    public static final int MAX_LIFETIME = 86_400;
    /** Longest API lifetime: seven days. */
    public static final int MAX_API_LIFETIME = 604_800;
    /** Largest rate limit. */
    public static final int MAX_LIMIT = 100_000;

    private static final Logger LOG = Logger.getLogger(MagicLinkConfig.class);
    private static final int MAX_DIGITS = 9;

    private final int lifetimeSeconds;
    private final int perAddress;
    private final int perIp;
    private final int windowSeconds;
    private final CrossDeviceMode crossDevice;
    private final boolean allowRegistration;
    private final int apiMaxLifetimeSeconds;
    private final Set<String> apiLinkClients;
    private final Set<String> apiLinkDeniedRoles;
    private final List<String> warnings;

    private MagicLinkConfig(int lifetimeSeconds, int perAddress, int perIp, int windowSeconds,
            CrossDeviceMode crossDevice, boolean allowRegistration, int apiMaxLifetimeSeconds, Set<String> apiLinkClients,
            Set<String> apiLinkDeniedRoles, List<String> warnings) {
        this.lifetimeSeconds = lifetimeSeconds;
        this.perAddress = perAddress;
        this.perIp = perIp;
        this.windowSeconds = windowSeconds;
        this.crossDevice = crossDevice;
        this.allowRegistration = allowRegistration;
        this.apiMaxLifetimeSeconds = apiMaxLifetimeSeconds;
        this.apiLinkClients = Set.copyOf(apiLinkClients);
        this.apiLinkDeniedRoles = Set.copyOf(apiLinkDeniedRoles);
        this.warnings = List.copyOf(warnings);
    }

    /** @return the settings of a tenant that configured nothing */
    public static MagicLinkConfig defaults() {
        return parse(Map.of());
    }

    /**
     * @param model the execution's config, may be null
     * @return the settings
     */
    public static MagicLinkConfig of(AuthenticatorConfigModel model) {
        MagicLinkConfig config = parse(model == null ? null : model.getConfig());
        for (String warning : config.warnings) {
            LOG.warnf("usso-magic-link config %s: %s", model == null ? "-" : model.getAlias(), warning);
        }
        return config;
    }

    /**
     * @param values config key to value, may be null
     * @return the settings; problems in {@link #warnings()}
     */
    public static MagicLinkConfig parse(Map<String, String> values) {
        Map<String, String> v = values == null ? Map.of() : values;
        List<String> warnings = new ArrayList<>();
        int lifetime = number(v, LIFETIME, MIN_LIFETIME, MAX_LIFETIME, DEFAULT_LIFETIME, warnings);
        int perAddress = number(v, PER_ADDRESS, 0, MAX_LIMIT, DEFAULT_PER_ADDRESS, warnings);
        int perIp = number(v, PER_IP, 0, MAX_LIMIT, DEFAULT_PER_IP, warnings);
        int window = number(v, WINDOW, MIN_LIFETIME, MAX_LIFETIME, DEFAULT_WINDOW, warnings);
        int apiMax = number(v, API_MAX_LIFETIME, MIN_LIFETIME, MAX_API_LIFETIME, DEFAULT_API_MAX_LIFETIME, warnings);

        CrossDeviceMode mode = CrossDeviceMode.SAME_BROWSER;
        String rawMode = value(v, CROSS_DEVICE);
        if (rawMode != null) {
            CrossDeviceMode parsed = CrossDeviceMode.fromConfigValue(rawMode);
            if (parsed == null) {
                warnings.add(CROSS_DEVICE + " is not one of same-browser, return-to-first-window, log-in-both; "
                        + "using same-browser");
            } else {
                mode = parsed;
            }
        }

        boolean registration = false;
        String rawRegistration = value(v, ALLOW_REGISTRATION);
        if (rawRegistration != null) {
            if ("true".equalsIgnoreCase(rawRegistration) || "false".equalsIgnoreCase(rawRegistration)) {
                registration = Boolean.parseBoolean(rawRegistration);
            } else {
                warnings.add(ALLOW_REGISTRATION + " is not true or false; using false");
            }
        }
        return new MagicLinkConfig(lifetime, perAddress, perIp, window, mode, registration, apiMax,
                names(v.get(API_LINK_CLIENTS)), names(v.get(API_LINK_DENIED_ROLES)), warnings);
    }

    /** A multivalued admin-console value ({@code ##}-separated; commas and blanks accepted too). */
    private static Set<String> names(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(raw.split("##|[,\\s]+")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String value(Map<String, String> values, String key) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip();
    }

    private static int number(Map<String, String> values, String key, int min, int max, int fallback,
            List<String> warnings) {
        String raw = value(values, key);
        if (raw == null) {
            return fallback;
        }
        if (raw.length() > MAX_DIGITS || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            warnings.add(key + " is not a whole number; using " + fallback);
            return fallback;
        }
        int parsed = Integer.parseInt(raw);
        if (parsed < min || parsed > max) {
            warnings.add(key + " is outside " + min + ".." + max + "; using " + fallback);
            return fallback;
        }
        return parsed;
    }

    /** @return how long a link sent by the login page works, in seconds */
    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** @return links per address and window, 0 = no limit */
    public int perAddress() {
        return perAddress;
    }

    /** @return link requests per client IP and window, 0 = no limit */
    public int perIp() {
        return perIp;
    }

    /** @return the rate-limit window in seconds */
    public int windowSeconds() {
        return windowSeconds;
    }

    /** @return what a link opened on another device does */
    public CrossDeviceMode crossDevice() {
        return crossDevice;
    }

    /** @return whether the tenant asked for registration on first link (the realm must allow registration too) */
    public boolean allowRegistration() {
        return allowRegistration;
    }

    /** @return the longest lifetime an API caller may ask for, in seconds */
    public int apiMaxLifetimeSeconds() {
        return apiMaxLifetimeSeconds;
    }

    /** @return the clients (client ids) the API may return a link for instead of sending it; empty = none */
    public Set<String> apiLinkClients() {
        return Set.copyOf(apiLinkClients);
    }

    /** @return roles ({@code role} or {@code client-id/role}) whose holders never get a returned link */
    public Set<String> apiLinkDeniedRoles() {
        return Set.copyOf(apiLinkDeniedRoles);
    }

    /** @return the problems found while parsing (key and reason, never the value) */
    public List<String> warnings() {
        return warnings;
    }
}
