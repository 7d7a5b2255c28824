package io.usso.keycloak.otp.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * Which countries a tenant's SMS may go to (against SMS pumping: premium-rate and far-away numbers are what
 * attackers send codes to). {@link TenantSecuritySettings#smsCountryCodes()} lists the allowed country calling
 * codes; none listed means only the country of the SMS settings' default phone region ({@code phone.default-region},
 * IR unless configured); {@code *} allows every country.
 */
public final class SmsCountryPolicy {

    /** Reason (events, outcome) of a number whose country is not allowed. */
    public static final String REASON = "country_not_allowed";

    private SmsCountryPolicy() {
    }

    /**
     * @param canonical a canonical number (E.164 digits)
     * @param defaultRegion the SMS settings' default region (ISO 3166 alpha-2)
     * @param settings the tenant's settings
     * @return whether an SMS may go to it
     */
    public static boolean allows(String canonical, String defaultRegion, TenantSecuritySettings settings) {
        int code = PhoneNumbers.countryCode(canonical);
        if (code == 0) {
            return false;
        }
        return settings.smsCountryAllowed(code, PhoneNumberUtil.getInstance().getCountryCodeForRegion(defaultRegion));
    }
}
