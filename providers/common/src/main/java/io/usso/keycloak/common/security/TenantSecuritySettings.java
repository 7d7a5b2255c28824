package io.usso.keycloak.common.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.models.RealmModel;

import io.usso.keycloak.common.auth.ReauthMaxAge;

/**
 * A tenant's security settings that more than one USSO module reads: the send budgets, the SMS country and per-user
 * limits, the re-authentication age of sensitive actions. They are realm attributes {@code usso.security.*}, edited
 * in the admin console's realm-settings tab "Security" (module {@code providers/security}) or under Realm settings,
 * Attributes; this class is the one parser, so every module reads them the same way. Every value has a safe default;
 * a value that is not a whole number within its bounds falls back to the default (the re-authentication age is
 * clamped to its bounds, as {@link ReauthMaxAge} reads it) and is reported in {@link #warnings()} (attribute name and
 * reason, never the value). Immutable.
 *
 * <table>
 *   <caption>Realm attributes</caption>
 *   <tr><th>attribute</th><th>range</th><th>default</th></tr>
 *   <tr><td>{@value #EMAILS_PER_HOUR}</td><td>0..{@value #MAX_BUDGET}, 0 = no budget</td>
 *       <td>{@value #DEFAULT_EMAILS_PER_HOUR}</td></tr>
 *   <tr><td>{@value #SMS_PER_HOUR}</td><td>0..{@value #MAX_BUDGET}, 0 = no budget</td>
 *       <td>{@value #DEFAULT_SMS_PER_HOUR}</td></tr>
 *   <tr><td>{@value #SMS_COUNTRY_CODES}</td><td>calling codes ({@code 98, 971}) or {@code *} (every country)</td>
 *       <td>empty: only the country of the SMS settings' default phone region</td></tr>
 *   <tr><td>{@value #SMS_PER_USER_PER_HOUR}</td><td>0..{@value #MAX_PER_USER}, 0 = no limit</td>
 *       <td>{@value #DEFAULT_SMS_PER_USER_PER_HOUR}</td></tr>
 *   <tr><td>{@value #SMS_PER_USER_PER_DAY}</td><td>0..{@value #MAX_PER_USER}, 0 = no limit</td>
 *       <td>{@value #DEFAULT_SMS_PER_USER_PER_DAY}</td></tr>
 *   <tr><td>{@value #REAUTH_MAX_AGE_SECONDS}</td><td>{@value #MIN_REAUTH_MAX_AGE}..{@value #MAX_REAUTH_MAX_AGE}</td>
 *       <td>{@value #DEFAULT_REAUTH_MAX_AGE_SECONDS}</td></tr>
 *   <tr><td>{@value #IMPERSONATION_MAX_MINUTES}</td><td>1..{@value #MAX_IMPERSONATION_MINUTES}</td>
 *       <td>{@value #DEFAULT_IMPERSONATION_MAX_MINUTES}</td></tr>
 *   <tr><td>{@value #IMPERSONATION_REASON_MIN_LENGTH}</td><td>0..{@value #MAX_REASON_MIN_LENGTH}, 0 = no reason
 *       needed</td><td>{@value #DEFAULT_IMPERSONATION_REASON_MIN_LENGTH}</td></tr>
 * </table>
 */
public final class TenantSecuritySettings {

    /** Realm attribute: e-mails USSO sends for the tenant per hour (magic links, e-mail codes). */
    public static final String EMAILS_PER_HOUR = "usso.security.emails-per-hour";
    /** Realm attribute: SMS USSO sends for the tenant per hour (SMS codes, phone verification). */
    public static final String SMS_PER_HOUR = "usso.security.sms-per-hour";
    /** Realm attribute: country calling codes SMS may go to, comma or space separated, or {@code *}. */
    public static final String SMS_COUNTRY_CODES = "usso.security.sms-country-codes";
    /** Realm attribute: SMS per user (or, before sign-in, per typed number) and hour. */
    public static final String SMS_PER_USER_PER_HOUR = "usso.security.sms-per-user-per-hour";
    /** Realm attribute: SMS per user (or, before sign-in, per typed number) and day. */
    public static final String SMS_PER_USER_PER_DAY = "usso.security.sms-per-user-per-day";
    /**
     * Realm attribute: how recent a sign-in sensitive actions need (minting API keys, approving QR logins); read by
     * {@link ReauthMaxAge} (an out-of-bounds value is clamped), this class gives the same value.
     */
    public static final String REAUTH_MAX_AGE_SECONDS = ReauthMaxAge.ATTRIBUTE;

    /**
     * Realm attribute: the longest an impersonated session lasts, in minutes; every token of such a session expires
     * at its start plus this.
     */
    public static final String IMPERSONATION_MAX_MINUTES = "usso.security.impersonation-max-minutes";
    /** Realm attribute: the fewest characters of the reason an impersonation must give (0 = none needed). */
    public static final String IMPERSONATION_REASON_MIN_LENGTH = "usso.security.impersonation-reason-min-length";

    /** Default of {@value #EMAILS_PER_HOUR}: far above a normal tenant's logins, far below a mail flood. */
    public static final int DEFAULT_EMAILS_PER_HOUR = 1000;
    /** Default of {@value #SMS_PER_HOUR}: SMS cost money, so lower than e-mail. */
    public static final int DEFAULT_SMS_PER_HOUR = 300;
    /** Default of {@value #SMS_PER_USER_PER_HOUR}. */
    public static final int DEFAULT_SMS_PER_USER_PER_HOUR = 10;
    /** Default of {@value #SMS_PER_USER_PER_DAY}. */
    public static final int DEFAULT_SMS_PER_USER_PER_DAY = 30;
    /** Default of {@value #REAUTH_MAX_AGE_SECONDS}: 10 minutes. */
    public static final int DEFAULT_REAUTH_MAX_AGE_SECONDS = ReauthMaxAge.DEFAULT_SECONDS;
    /** Default of {@value #IMPERSONATION_MAX_MINUTES}: long enough to reproduce a problem, short of a workday. */
    public static final int DEFAULT_IMPERSONATION_MAX_MINUTES = 30;
    /** Largest {@value #IMPERSONATION_MAX_MINUTES}: one day. */
    public static final int MAX_IMPERSONATION_MINUTES = 1440;
    /** Default of {@value #IMPERSONATION_REASON_MIN_LENGTH}: a ticket number and a word or two. */
    public static final int DEFAULT_IMPERSONATION_REASON_MIN_LENGTH = 10;
    /** Largest {@value #IMPERSONATION_REASON_MIN_LENGTH}. */
    public static final int MAX_REASON_MIN_LENGTH = 200;
    /** Largest hourly budget (every counted send is one cache entry for the rest of its hour). */
    public static final int MAX_BUDGET = 100_000;
    /** Largest per-user limit. */
    public static final int MAX_PER_USER = 10_000;
    /** Smallest {@value #REAUTH_MAX_AGE_SECONDS}. */
    public static final int MIN_REAUTH_MAX_AGE = ReauthMaxAge.MIN_SECONDS;
    /** Largest {@value #REAUTH_MAX_AGE_SECONDS}: one day. */
    public static final int MAX_REAUTH_MAX_AGE = ReauthMaxAge.MAX_SECONDS;
    /** Value of {@value #SMS_COUNTRY_CODES} that allows every country. */
    public static final String ALL_COUNTRIES = "*";
    /** Largest country calling code (ITU-T E.164 codes have 1 to 3 digits). */
    public static final int MAX_CALLING_CODE = 999;
    /** Most country codes one tenant may list. */
    public static final int MAX_COUNTRY_CODES = 100;

    private static final int MAX_DIGITS = 9;

    private final int emailsPerHour;
    private final int smsPerHour;
    private final boolean allSmsCountries;
    private final Set<Integer> smsCountryCodes;
    private final int smsPerUserPerHour;
    private final int smsPerUserPerDay;
    private final int reauthMaxAgeSeconds;
    private final int impersonationMaxMinutes;
    private final int impersonationReasonMinLength;
    private final List<String> warnings;

    private TenantSecuritySettings(int emailsPerHour, int smsPerHour, boolean allSmsCountries,
            Set<Integer> smsCountryCodes, int smsPerUserPerHour, int smsPerUserPerDay, int reauthMaxAgeSeconds,
            int impersonationMaxMinutes, int impersonationReasonMinLength, List<String> warnings) {
        this.emailsPerHour = emailsPerHour;
        this.smsPerHour = smsPerHour;
        this.allSmsCountries = allSmsCountries;
        this.smsCountryCodes = Collections.unmodifiableSet(new TreeSet<>(smsCountryCodes));
        this.smsPerUserPerHour = smsPerUserPerHour;
        this.smsPerUserPerDay = smsPerUserPerDay;
        this.reauthMaxAgeSeconds = reauthMaxAgeSeconds;
        this.impersonationMaxMinutes = impersonationMaxMinutes;
        this.impersonationReasonMinLength = impersonationReasonMinLength;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the settings of a tenant that set nothing */
    public static TenantSecuritySettings defaults() {
        return fromAttributes(Map.of());
    }

    /**
     * @param realm the tenant, may be null (defaults)
     * @return its settings (Keycloak's realm cache holds the attributes: no database round trip)
     */
    public static TenantSecuritySettings of(RealmModel realm) {
        if (realm == null) {
            return defaults();
        }
        return parse(realm::getAttribute);
    }

    /**
     * @param attributes realm attribute name to value, may be null
     * @return the settings; problems in {@link #warnings()}
     */
    public static TenantSecuritySettings fromAttributes(Map<String, String> attributes) {
        Map<String, String> values = attributes == null ? Map.of() : attributes;
        return parse(values::get);
    }

    private static TenantSecuritySettings parse(java.util.function.Function<String, String> attribute) {
        List<String> warnings = new ArrayList<>();
        int emails = number(attribute.apply(EMAILS_PER_HOUR), EMAILS_PER_HOUR, 0, MAX_BUDGET,
                DEFAULT_EMAILS_PER_HOUR, warnings);
        int sms = number(attribute.apply(SMS_PER_HOUR), SMS_PER_HOUR, 0, MAX_BUDGET, DEFAULT_SMS_PER_HOUR, warnings);
        int perUserHour = number(attribute.apply(SMS_PER_USER_PER_HOUR), SMS_PER_USER_PER_HOUR, 0, MAX_PER_USER,
                DEFAULT_SMS_PER_USER_PER_HOUR, warnings);
        int perUserDay = number(attribute.apply(SMS_PER_USER_PER_DAY), SMS_PER_USER_PER_DAY, 0, MAX_PER_USER,
                DEFAULT_SMS_PER_USER_PER_DAY, warnings);
        String rawReauth = attribute.apply(REAUTH_MAX_AGE_SECONDS);
        int reauth = ReauthMaxAge.parse(rawReauth);
        if (blankToNull(rawReauth) != null && !Integer.toString(reauth).equals(rawReauth.strip())) {
            warnings.add(REAUTH_MAX_AGE_SECONDS + " is not a whole number within " + MIN_REAUTH_MAX_AGE + ".."
                    + MAX_REAUTH_MAX_AGE + "; using " + reauth);
        }
        String rawCodes = blankToNull(attribute.apply(SMS_COUNTRY_CODES));
        boolean all = ALL_COUNTRIES.equals(rawCodes);
        Set<Integer> codes = new TreeSet<>();
        if (rawCodes != null && !all) {
            String problem = countryCodesProblem(rawCodes);
            if (problem == null) {
                codes.addAll(countryCodes(rawCodes));
            } else {
                warnings.add(SMS_COUNTRY_CODES + " " + problem + "; using the default region's country only");
            }
        }
        int impersonationMinutes = number(attribute.apply(IMPERSONATION_MAX_MINUTES), IMPERSONATION_MAX_MINUTES, 1,
                MAX_IMPERSONATION_MINUTES, DEFAULT_IMPERSONATION_MAX_MINUTES, warnings);
        int reasonMinLength = number(attribute.apply(IMPERSONATION_REASON_MIN_LENGTH),
                IMPERSONATION_REASON_MIN_LENGTH, 0, MAX_REASON_MIN_LENGTH, DEFAULT_IMPERSONATION_REASON_MIN_LENGTH,
                warnings);
        return new TenantSecuritySettings(emails, sms, all, codes, perUserHour, perUserDay, reauth,
                impersonationMinutes, reasonMinLength, warnings);
    }

    /**
     * @param raw a value of {@value #SMS_COUNTRY_CODES}, not blank
     * @return what is wrong with it, or null when it is {@code *} or a list of 1 to {@value #MAX_COUNTRY_CODES}
     *         calling codes (1 to 999, an optional leading {@code +}, separated by commas or spaces)
     */
    public static String countryCodesProblem(String raw) {
        String value = raw.strip();
        if (ALL_COUNTRIES.equals(value)) {
            return null;
        }
        String[] parts = value.split("[,\\s]+");
        if (parts.length > MAX_COUNTRY_CODES) {
            return "lists more than " + MAX_COUNTRY_CODES + " codes";
        }
        for (String part : parts) {
            String digits = part.startsWith("+") ? part.substring(1) : part;
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(digits) < 1) {
                return "must be * or country calling codes such as 98, 971 (1 to " + MAX_CALLING_CODE + ")";
            }
        }
        return null;
    }

    /**
     * @param raw a valid value of {@value #SMS_COUNTRY_CODES} other than {@code *}
     * @return its codes
     */
    public static Set<Integer> countryCodes(String raw) {
        Set<Integer> codes = new TreeSet<>();
        for (String part : raw.strip().split("[,\\s]+")) {
            codes.add(Integer.parseInt(part.startsWith("+") ? part.substring(1) : part));
        }
        return codes;
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static int number(String raw, String name, int min, int max, int fallback, List<String> warnings) {
        String value = blankToNull(raw);
        if (value == null) {
            return fallback;
        }
        if (value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            warnings.add(name + " is not a whole number; using " + fallback);
            return fallback;
        }
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
            warnings.add(name + " is outside " + min + ".." + max + "; using " + fallback);
            return fallback;
        }
        return parsed;
    }

    /** @return e-mails per hour for the whole tenant, 0 = no budget */
    public int emailsPerHour() {
        return emailsPerHour;
    }

    /** @return SMS per hour for the whole tenant, 0 = no budget */
    public int smsPerHour() {
        return smsPerHour;
    }

    /** @return SMS per user and hour, 0 = no limit */
    public int smsPerUserPerHour() {
        return smsPerUserPerHour;
    }

    /** @return SMS per user and day, 0 = no limit */
    public int smsPerUserPerDay() {
        return smsPerUserPerDay;
    }

    /** @return how old a sign-in sensitive actions accept, in seconds */
    public int reauthMaxAgeSeconds() {
        return reauthMaxAgeSeconds;
    }

    /** @return the longest an impersonated session lasts, in minutes */
    public int impersonationMaxMinutes() {
        return impersonationMaxMinutes;
    }

    /** @return the fewest characters an impersonation's reason needs, 0 = no reason needed */
    public int impersonationReasonMinLength() {
        return impersonationReasonMinLength;
    }

    /** @return whether SMS may go to every country ({@value #SMS_COUNTRY_CODES} = {@code *}) */
    public boolean allSmsCountries() {
        return allSmsCountries;
    }

    /** @return the calling codes listed; empty = only the default region's country */
    public Set<Integer> smsCountryCodes() {
        return smsCountryCodes;
    }

    /**
     * @param callingCode the country calling code of a number (98 for +98 912 ...)
     * @param defaultRegionCallingCode the calling code of the SMS settings' default region
     * @return whether an SMS may go to it
     */
    public boolean smsCountryAllowed(int callingCode, int defaultRegionCallingCode) {
        if (allSmsCountries) {
            return true;
        }
        return smsCountryCodes.isEmpty() ? callingCode == defaultRegionCallingCode
                : smsCountryCodes.contains(callingCode);
    }

    /** @return problems found (attribute and reason, never the value) */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "TenantSecuritySettings{emailsPerHour=" + emailsPerHour + ", smsPerHour=" + smsPerHour
                + ", smsCountries=" + (allSmsCountries ? ALL_COUNTRIES : smsCountryCodes.isEmpty() ? "default-region"
                : smsCountryCodes.toString()) + ", smsPerUserPerHour=" + smsPerUserPerHour + ", smsPerUserPerDay="
                + smsPerUserPerDay + ", reauthMaxAgeSeconds=" + reauthMaxAgeSeconds + ", impersonationMaxMinutes="
                + impersonationMaxMinutes + ", impersonationReasonMinLength=" + impersonationReasonMinLength + "}";
    }
}
