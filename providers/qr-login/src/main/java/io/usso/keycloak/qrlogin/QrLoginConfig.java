package io.usso.keycloak.qrlogin;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Per-tenant settings of the QR code login, from the authenticator config of a {@value QrLoginAuthenticatorFactory#ID}
 * execution (admin console: Authentication &gt; flow &gt; QR code login &gt; settings). Every value has a safe
 * default; values out of range are clamped, unreadable ones fall back to the default. Never throws.
 *
 * @param lifetimeSeconds how long one attempt (one QR page) can be approved
 * @param rotationSeconds how long one QR code is valid before the page shows a new one
 * @param shortCodeEnabled whether an 8-character code is shown for phones that cannot scan
 * @param createPerMinute QR attempts one IP address may start per minute
 * @param scanPerMinute scans (and approval pages opened) per IP address per minute
 * @param approvePerMinute approve/deny requests per IP address per minute
 * @param statusPerMinute status requests per waiting page per minute
 * @param enterPerWindow short codes one IP address, and one user, may type per {@value #ENTER_WINDOW_SECONDS} s
 * @param approverClients the clients (client ids) whose bearer tokens may approve; empty = any client and the phone's
 *        web pages; when set, the web pages refuse too
 */
public record QrLoginConfig(int lifetimeSeconds, int rotationSeconds, boolean shortCodeEnabled, int createPerMinute,
        int scanPerMinute, int approvePerMinute, int statusPerMinute, int enterPerWindow, Set<String> approverClients) {

    /** Config key: attempt lifetime in seconds. */
    public static final String LIFETIME = "attempt.lifetime.seconds";
    /** Config key: QR code rotation in seconds. */
    public static final String ROTATION = "code.rotation.seconds";
    /** Config key: fallback short code on/off. */
    public static final String SHORT_CODE = "short.code.enabled";
    /** Config key: attempts per IP per minute. */
    public static final String RATE_CREATE = "rate.create.per.minute";
    /** Config key: scans per IP per minute. */
    public static final String RATE_SCAN = "rate.scan.per.minute";
    /** Config key: approvals per IP per minute. */
    public static final String RATE_APPROVE = "rate.approve.per.minute";
    /** Config key: status requests per waiting page per minute. */
    public static final String RATE_STATUS = "rate.status.per.minute";
    /** Config key: typed short codes per IP and per user per window. */
    public static final String RATE_ENTER = "rate.enter.per.window";
    /** Config key: the only clients (the tenant's mobile apps) whose tokens may approve; empty = no restriction. */
    public static final String APPROVER_CLIENTS = "approver.clients";

    /** Window of {@link #RATE_ENTER}. */
    public static final int ENTER_WINDOW_SECONDS = 600;

    /** The defaults: 2-minute attempts, 30-second codes, short code on. */
    public static final QrLoginConfig DEFAULTS = new QrLoginConfig(120, 30, true, 30, 30, 20, 300, 10);

    /** Clamps every value into its range. */
    public QrLoginConfig {
        lifetimeSeconds = clamp(lifetimeSeconds, 10, 1800);
        rotationSeconds = clamp(rotationSeconds, 5, 300);
        createPerMinute = clamp(createPerMinute, 1, 10_000);
        scanPerMinute = clamp(scanPerMinute, 1, 10_000);
        approvePerMinute = clamp(approvePerMinute, 1, 10_000);
        statusPerMinute = clamp(statusPerMinute, 10, 100_000);
        enterPerWindow = clamp(enterPerWindow, 1, 1_000);
        approverClients = approverClients == null ? Set.of() : Set.copyOf(approverClients);
    }

    /** Settings without an approver restriction. */
    public QrLoginConfig(int lifetimeSeconds, int rotationSeconds, boolean shortCodeEnabled, int createPerMinute,
            int scanPerMinute, int approvePerMinute, int statusPerMinute, int enterPerWindow) {
        this(lifetimeSeconds, rotationSeconds, shortCodeEnabled, createPerMinute, scanPerMinute, approvePerMinute,
                statusPerMinute, enterPerWindow, Set.of());
    }

    /** @return whether only the listed clients' tokens may approve (the web pages may not) */
    public boolean restrictsApprovers() {
        return !approverClients.isEmpty();
    }

    /**
     * @param config the authenticator config, may be null
     * @return the settings it holds, defaults for what it does not
     */
    public static QrLoginConfig of(AuthenticatorConfigModel config) {
        return of(config == null ? null : config.getConfig());
    }

    /**
     * @param values config key to value, may be null
     * @return the settings, defaults for missing or unreadable values
     */
    public static QrLoginConfig of(Map<String, String> values) {
        Map<String, String> v = values == null ? Map.of() : values;
        QrLoginConfig d = DEFAULTS;
        return new QrLoginConfig(
                integer(v.get(LIFETIME), d.lifetimeSeconds),
                integer(v.get(ROTATION), d.rotationSeconds),
                bool(v.get(SHORT_CODE), d.shortCodeEnabled),
                integer(v.get(RATE_CREATE), d.createPerMinute),
                integer(v.get(RATE_SCAN), d.scanPerMinute),
                integer(v.get(RATE_APPROVE), d.approvePerMinute),
                integer(v.get(RATE_STATUS), d.statusPerMinute),
                integer(v.get(RATE_ENTER), d.enterPerWindow),
                names(v.get(APPROVER_CLIENTS)));
    }

    /** A multivalued admin-console value ({@code ##}-separated; commas and blanks accepted too). */
    private static Set<String> names(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(raw.split("##|[,\\s]+")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The limits the phone-side endpoints apply before they know which attempt is meant: the strictest of all
     * {@value QrLoginAuthenticatorFactory#ID} executions configured in the realm, the defaults when none is.
     *
     * @param realm the tenant
     * @return the settings
     */
    public static QrLoginConfig forRealm(RealmModel realm) {
        List<QrLoginConfig> configs = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> QrLoginAuthenticatorFactory.ID.equals(e.getAuthenticator()))
                .map(e -> e.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                .filter(Objects::nonNull)
                .map(QrLoginConfig::of)
                .toList();
        return strictest(configs);
    }

    /**
     * @param configs candidate settings
     * @return the lowest rate limits among them ({@link #DEFAULTS} when empty); lifetime, rotation and short code
     *         of the first; the approver clients of all that restrict them (restricted when any one is)
     */
    public static QrLoginConfig strictest(List<QrLoginConfig> configs) {
        if (configs.isEmpty()) {
            return DEFAULTS;
        }
        QrLoginConfig first = configs.get(0);
        return new QrLoginConfig(first.lifetimeSeconds, first.rotationSeconds, first.shortCodeEnabled,
                configs.stream().mapToInt(QrLoginConfig::createPerMinute).min().orElseThrow(),
                configs.stream().mapToInt(QrLoginConfig::scanPerMinute).min().orElseThrow(),
                configs.stream().mapToInt(QrLoginConfig::approvePerMinute).min().orElseThrow(),
                configs.stream().mapToInt(QrLoginConfig::statusPerMinute).min().orElseThrow(),
                configs.stream().mapToInt(QrLoginConfig::enterPerWindow).min().orElseThrow(),
                configs.stream().flatMap(c -> c.approverClients().stream())
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** @return the rotation period, never longer than the attempt */
    public int effectiveRotationSeconds() {
        return Math.min(rotationSeconds, lifetimeSeconds);
    }

    /** @return the admin-console form of the authenticator config */
    public static List<ProviderConfigProperty> properties() {
        QrLoginConfig d = DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(LIFETIME).label("Attempt lifetime (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.lifetimeSeconds)
                .helpText("How long one sign-in page can be approved from a phone (10 to 1800).").add()
                .property().name(ROTATION).label("QR code rotation (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.rotationSeconds)
                .helpText("A new QR code replaces the shown one this often; the old one stops working (5 to 300).").add()
                .property().name(SHORT_CODE).label("Fallback short code").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(String.valueOf(d.shortCodeEnabled))
                .helpText("Also show an 8-character code that a signed-in phone can type when it cannot scan.").add()
                .property().name(RATE_CREATE).label("QR codes per IP per minute").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.createPerMinute).helpText("Sign-in pages with a QR code one address may open per minute.").add()
                .property().name(RATE_SCAN).label("Scans per IP per minute").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.scanPerMinute).helpText("QR codes one address may open per minute.").add()
                .property().name(RATE_APPROVE).label("Approvals per IP per minute").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.approvePerMinute).helpText("Approve or deny requests one address may send per minute.").add()
                .property().name(RATE_STATUS).label("Status checks per page per minute").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.statusPerMinute).helpText("Status requests of one waiting sign-in page per minute.").add()
                .property().name(RATE_ENTER).label("Short codes per 10 minutes").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(d.enterPerWindow)
                .helpText("Short codes one address, and one user, may type per 10 minutes.").add()
                .property().name(APPROVER_CLIENTS).label("Approve only from these apps")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).defaultValue("")
                .helpText("Client ids of the tenant's own mobile app(s). When set, only bearer tokens of these clients "
                        + "may approve; other clients and the phone's web confirm page are refused. Empty: any signed-in "
                        + "phone may approve.").add()
                .build();
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int integer(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean bool(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        return v.equalsIgnoreCase("false") ? false : fallback;
    }
}
