package io.usso.keycloak.apikeys.admin;

import java.util.Locale;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyVerifyAccess;

/**
 * One field of the "API keys" settings tab and the realm attribute it edits ({@link ApiKeyConfig}). The form
 * key has no dots (the admin console would read them as nested paths). Blank text fields mean "the tenant default"
 * and remove the attribute.
 */
public enum ApiKeySettingsField {

    /** {@value ApiKeyConfig#ENABLED}. */
    ENABLED("enabled", ApiKeyConfig.ENABLED, Kind.BOOLEAN, "true", 0, 0,
            "API keys enabled",
            "Whether users of this realm can create API keys and back ends can verify them. Off: every API-key "
                    + "endpoint of the realm answers 404 and existing keys stop working (they are kept)."),
    /** {@value ApiKeyConfig#PREFIX}. */
    PREFIX("prefix", ApiKeyConfig.PREFIX, Kind.PREFIX, "", 0, 0,
            "Key prefix",
            "Start of every new key: a lower-case letter, 1 to 11 lower-case letters or digits, then '_'. "
                    + "Empty = uss_. Changing it makes existing keys fail verification."),
    /** {@value ApiKeyConfig#MAX_LIFETIME_DAYS}. */
    MAX_LIFETIME_DAYS("maxLifetimeDays", ApiKeyConfig.MAX_LIFETIME_DAYS, Kind.NUMBER, "", 0,
            ApiKeyConfig.LIFETIME_DAYS_LIMIT,
            "Maximum lifetime (days)",
            "Longest lifetime a key may be created with, 0 to 36500; 0 = no maximum (keys without expiry "
                    + "allowed on request). Empty = 365. Longer requests are refused, not shortened."),
    /** {@value ApiKeyConfig#DEFAULT_LIFETIME_DAYS}. */
    DEFAULT_LIFETIME_DAYS("defaultLifetimeDays", ApiKeyConfig.DEFAULT_LIFETIME_DAYS, Kind.NUMBER, "", 1,
            ApiKeyConfig.LIFETIME_DAYS_LIMIT,
            "Default lifetime (days)",
            "Lifetime of a key created without one (and of a rotated key), 1 to 36500, at most the maximum. "
                    + "Empty = 90."),
    /** {@value ApiKeyConfig#VERIFY_ACCESS}. */
    VERIFY_ACCESS("verifyAccess", ApiKeyConfig.VERIFY_ACCESS, Kind.CHOICE, ApiKeyVerifyAccess.ROLE.configValue(), 0, 0,
            "Who may verify keys",
            "role: only callers whose token carries the realm role verify-api-keys (your back ends). "
                    + "any-caller: anyone, limited by the failure limits below."),
    /** {@value ApiKeyConfig#ROTATION_MAX_GRACE_SECONDS}. */
    ROTATION_MAX_GRACE_SECONDS("rotationMaxGraceSeconds", ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS, Kind.NUMBER, "",
            0, ApiKeyConfig.GRACE_SECONDS_LIMIT,
            "Rotation grace maximum (seconds)",
            "Longest time a rotated-out key keeps working, 0 to 2592000 (30 days). Empty = 86400 (one day)."),
    /** {@value ApiKeyConfig#VERIFY_FAILURES_PER_IP}. */
    VERIFY_FAILURES_PER_IP("verifyFailuresPerIp", ApiKeyConfig.VERIFY_FAILURES_PER_IP, Kind.NUMBER, "", 0,
            ApiKeyConfig.VERIFY_FAILURES_LIMIT,
            "Failed verifications per IP",
            "Failed verifications allowed per client IP and window, 0 to 10000; 0 = no limit. Empty = 20 with "
                    + "any-caller, no limit with role (back ends verify all their users' keys from one address)."),
    /** {@value ApiKeyConfig#VERIFY_FAILURES_PER_KEY}. */
    VERIFY_FAILURES_PER_KEY("verifyFailuresPerKey", ApiKeyConfig.VERIFY_FAILURES_PER_KEY, Kind.NUMBER, "", 0,
            ApiKeyConfig.VERIFY_FAILURES_LIMIT,
            "Failed verifications per key",
            "Failed verifications allowed per key (display prefix) and window, 0 to 10000; 0 = no limit. "
                    + "Empty = 10."),
    /** {@value ApiKeyConfig#VERIFY_FAILURE_WINDOW_SECONDS}. */
    VERIFY_FAILURE_WINDOW_SECONDS("verifyFailureWindowSeconds", ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS,
            Kind.NUMBER, "", 1, ApiKeyConfig.VERIFY_WINDOW_SECONDS_LIMIT,
            "Failure window (seconds)",
            "Length of the fixed window the failure limits count in, 1 to 86400. Empty = 60.");

    /** How a field is entered and checked. */
    public enum Kind {
        /** A switch: {@code true} / {@code false}. */
        BOOLEAN,
        /** One of {@code role} / {@code any-caller}. */
        CHOICE,
        /** A key prefix, blank = default. */
        PREFIX,
        /** Plain ASCII digits within a range, blank = default. */
        NUMBER
    }

    private static final int MAX_NUMBER_DIGITS = 9;

    private final String formKey;
    private final String attribute;
    private final Kind kind;
    private final String formDefault;
    private final long min;
    private final long max;
    private final String label;
    private final String help;

    ApiKeySettingsField(String formKey, String attribute, Kind kind, String formDefault, long min, long max,
            String label, String help) {
        this.formKey = formKey;
        this.attribute = attribute;
        this.kind = kind;
        this.formDefault = formDefault;
        this.min = min;
        this.max = max;
        this.label = label;
        this.help = help;
    }

    /** @return the key in the component's config */
    public String formKey() {
        return formKey;
    }

    /** @return the realm attribute */
    public String attribute() {
        return attribute;
    }

    /** @return how the field is entered */
    public Kind kind() {
        return kind;
    }

    /** @return what the form shows before anything was saved */
    public String formDefault() {
        return formDefault;
    }

    /** @return the label in the admin console */
    public String label() {
        return label;
    }

    /** @return the help text in the admin console */
    public String help() {
        return help;
    }

    /**
     * @param raw a submitted value, may be null
     * @return the value to store (trimmed, lower case where case does not matter), null for blank
     */
    public String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        return kind == Kind.BOOLEAN || kind == Kind.CHOICE ? value.toLowerCase(Locale.ROOT) : value;
    }

    /**
     * @param raw a submitted value, may be null
     * @return what is wrong with it (for the admin), or null when it is valid or blank
     */
    public String problem(String raw) {
        String value = normalise(raw);
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case BOOLEAN -> value.equals("true") || value.equals("false") ? null : label + " must be true or false";
            case CHOICE -> ApiKeyVerifyAccess.fromConfigValue(value).isPresent() ? null
                    : label + " must be role or any-caller";
            case PREFIX -> ApiKeyFormat.isValidPrefix(value) ? null
                    : label + " must be a lower-case letter, 1 to 11 lower-case letters or digits, then _";
            case NUMBER -> numberProblem(value);
        };
    }

    /**
     * @param raw a submitted value, may be null
     * @return the number, or null when blank or invalid
     */
    public Long number(String raw) {
        String value = normalise(raw);
        return kind != Kind.NUMBER || value == null || numberProblem(value) != null ? null : Long.parseLong(value);
    }

    /**
     * @param raw a submitted value, may be null
     * @return whether the value is what a new form shows (so the admin did not choose it)
     */
    public boolean isFormDefault(String raw) {
        String value = normalise(raw);
        return value == null || value.equals(normalise(formDefault));
    }

    private String numberProblem(String value) {
        if (value.length() > MAX_NUMBER_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return label + " must be a whole number from " + min + " to " + max;
        }
        long parsed = Long.parseLong(value);
        return parsed < min || parsed > max ? label + " must be a whole number from " + min + " to " + max : null;
    }
}
