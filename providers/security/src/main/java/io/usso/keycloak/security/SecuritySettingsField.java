package io.usso.keycloak.security;

import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * One field of the "Security" settings tab and the realm attribute it edits ({@link TenantSecuritySettings} reads
 * them, with the same bounds). Form keys have no dots (the admin console would read them as nested paths). A blank
 * field means "the default" and removes the attribute.
 */
public enum SecuritySettingsField {

    /** {@value TenantSecuritySettings#EMAILS_PER_HOUR}. */
    EMAILS_PER_HOUR("emailsPerHour", TenantSecuritySettings.EMAILS_PER_HOUR, Kind.NUMBER, 0,
            TenantSecuritySettings.MAX_BUDGET, "E-mails per hour (whole tenant)",
            "Most e-mails USSO sends for this realm per hour: magic links and e-mail codes together, whoever asks "
                    + "from wherever. Beyond it every request gets the usual 'too many requests' answer until the "
                    + "hour ends, and one warning is logged. 0 = no budget. Empty = "
                    + TenantSecuritySettings.DEFAULT_EMAILS_PER_HOUR + "."),
    /** {@value TenantSecuritySettings#SMS_PER_HOUR}. */
    SMS_PER_HOUR("smsPerHour", TenantSecuritySettings.SMS_PER_HOUR, Kind.NUMBER, 0, TenantSecuritySettings.MAX_BUDGET,
            "SMS per hour (whole tenant)",
            "Most SMS USSO sends for this realm per hour: sign-in codes and phone verification together (stops SMS "
                    + "pumping from running up your gateway bill). 0 = no budget. Empty = "
                    + TenantSecuritySettings.DEFAULT_SMS_PER_HOUR + "."),
    /** {@value TenantSecuritySettings#SMS_COUNTRY_CODES}. */
    SMS_COUNTRY_CODES("smsCountryCodes", TenantSecuritySettings.SMS_COUNTRY_CODES, Kind.COUNTRY_CODES, 0, 0,
            "Allowed SMS country codes",
            "Country calling codes SMS may go to, e.g. '98, 971'; '*' = every country. Numbers of other countries "
                    + "get a form error and no SMS. Empty = only the country of the SMS settings' default phone "
                    + "region (IR unless configured)."),
    /** {@value TenantSecuritySettings#SMS_PER_USER_PER_HOUR}. */
    SMS_PER_USER_PER_HOUR("smsPerUserPerHour", TenantSecuritySettings.SMS_PER_USER_PER_HOUR, Kind.NUMBER, 0,
            TenantSecuritySettings.MAX_PER_USER, "SMS per user per hour",
            "Most SMS one account gets per hour, to any numbers (before sign-in: per typed number). 0 = no limit. "
                    + "Empty = " + TenantSecuritySettings.DEFAULT_SMS_PER_USER_PER_HOUR + "."),
    /** {@value TenantSecuritySettings#SMS_PER_USER_PER_DAY}. */
    SMS_PER_USER_PER_DAY("smsPerUserPerDay", TenantSecuritySettings.SMS_PER_USER_PER_DAY, Kind.NUMBER, 0,
            TenantSecuritySettings.MAX_PER_USER, "SMS per user per day",
            "Most SMS one account gets per day (UTC), to any numbers. 0 = no limit. Empty = "
                    + TenantSecuritySettings.DEFAULT_SMS_PER_USER_PER_DAY + "."),
    /** {@value TenantSecuritySettings#REAUTH_MAX_AGE_SECONDS}. */
    REAUTH_MAX_AGE_SECONDS("reauthMaxAgeSeconds", TenantSecuritySettings.REAUTH_MAX_AGE_SECONDS, Kind.NUMBER,
            TenantSecuritySettings.MIN_REAUTH_MAX_AGE, TenantSecuritySettings.MAX_REAUTH_MAX_AGE,
            "Sensitive actions need a sign-in no older than, seconds",
            "Creating API keys and approving QR logins need a sign-in at most this old (" 
                    + TenantSecuritySettings.MIN_REAUTH_MAX_AGE + " to " + TenantSecuritySettings.MAX_REAUTH_MAX_AGE
                    + "); older sessions must sign in again first. Empty = "
                    + TenantSecuritySettings.DEFAULT_REAUTH_MAX_AGE_SECONDS + "."),
    /** {@value TenantSecuritySettings#IMPERSONATION_MAX_MINUTES}. */
    IMPERSONATION_MAX_MINUTES("impersonationMaxMinutes", TenantSecuritySettings.IMPERSONATION_MAX_MINUTES,
            Kind.NUMBER, 1, TenantSecuritySettings.MAX_IMPERSONATION_MINUTES, "Impersonated sessions last at most, minutes",
            "When support (or an admin) signs in as a user, every token of that session expires at most this many "
                    + "minutes after it began (1 to " + TenantSecuritySettings.MAX_IMPERSONATION_MINUTES
                    + "). Empty = " + TenantSecuritySettings.DEFAULT_IMPERSONATION_MAX_MINUTES + "."),
    /** {@value TenantSecuritySettings#IMPERSONATION_REASON_MIN_LENGTH}. */
    IMPERSONATION_REASON_MIN_LENGTH("impersonationReasonMinLength",
            TenantSecuritySettings.IMPERSONATION_REASON_MIN_LENGTH, Kind.NUMBER, 0,
            TenantSecuritySettings.MAX_REASON_MIN_LENGTH, "Impersonation reason, fewest characters",
            "Impersonating a user needs a reason of at least this many characters (JSON body {\"reason\": ...} of "
                    + "the impersonation request); it is kept with the session and sent to the user. 0 = no reason "
                    + "needed. Empty = " + TenantSecuritySettings.DEFAULT_IMPERSONATION_REASON_MIN_LENGTH + ".");

    /** How a field is entered and checked. */
    public enum Kind {
        /** Plain ASCII digits within a range. */
        NUMBER,
        /** {@code *} or a list of country calling codes. */
        COUNTRY_CODES
    }

    private static final int MAX_NUMBER_DIGITS = 9;

    private final String formKey;
    private final String attribute;
    private final Kind kind;
    private final int min;
    private final int max;
    private final String label;
    private final String help;

    SecuritySettingsField(String formKey, String attribute, Kind kind, int min, int max, String label, String help) {
        this.formKey = formKey;
        this.attribute = attribute;
        this.kind = kind;
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
     * @return the value to store: trimmed, country codes as a sorted list without {@code +} ({@code 1, 98}); null
     *         for blank
     */
    public String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (kind == Kind.COUNTRY_CODES && problem(value) == null
                && !TenantSecuritySettings.ALL_COUNTRIES.equals(value)) {
            return String.join(", ", TenantSecuritySettings.countryCodes(value).stream().map(String::valueOf)
                    .toList());
        }
        return value;
    }

    /**
     * @param raw a submitted value, may be null
     * @return what is wrong with it (for the admin), or null when it is valid or blank
     */
    public String problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (kind == Kind.COUNTRY_CODES) {
            String problem = TenantSecuritySettings.countryCodesProblem(value);
            return problem == null ? null : label + " " + problem;
        }
        if (value.length() > MAX_NUMBER_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return label + " must be a whole number from " + min + " to " + max;
        }
        int parsed = Integer.parseInt(value);
        return parsed < min || parsed > max ? label + " must be a whole number from " + min + " to " + max : null;
    }
}
