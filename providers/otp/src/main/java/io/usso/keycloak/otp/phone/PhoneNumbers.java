package io.usso.keycloak.otp.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.usso.keycloak.otp.OtpInput;

/**
 * Phone numbers in USSO's canonical form: E.164 without the {@code +}, i.e. country code followed by the national
 * significant number, digits only ({@code 989121234567}). Parsing uses libphonenumber and accepts what people type:
 * {@code +98 912 123 4567}, {@code 0098 912...}, {@code 0912 123 4567} (with the default region IR), Persian or
 * Arabic-Indic digits, spaces, dashes, dots and parentheses, and the canonical form itself. Only numbers
 * libphonenumber considers valid are accepted. Thread-safe, no state.
 */
public final class PhoneNumbers {

    /** Longest input looked at. */
    public static final int MAX_INPUT = 40;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * @param raw what was typed (or stored), may be null
     * @param defaultRegion ISO 3166 alpha-2 region of numbers without country code, e.g. {@code IR}
     * @return the canonical form, or empty when the input is not a valid phone number
     */
    public static Optional<String> canonical(String raw, String defaultRegion) {
        String cleaned = clean(raw);
        if (cleaned == null) {
            return Optional.empty();
        }
        if (cleaned.startsWith("00")) {
            cleaned = "+" + cleaned.substring(2);
        }
        Optional<String> parsed = parse(cleaned, defaultRegion);
        if (parsed.isEmpty() && !cleaned.startsWith("+") && !cleaned.startsWith("0")) {
            // the canonical form (country code without '+') typed or stored as is
            parsed = parse("+" + cleaned, defaultRegion);
        }
        return parsed;
    }

    /**
     * @param canonical a canonical number
     * @return the number for display with the last 4 digits visible, e.g. {@code +98 ••• ••• 4567}
     */
    public static String mask(String canonical) {
        if (canonical == null || canonical.length() < 6) {
            return "••••";
        }
        String last = canonical.substring(canonical.length() - 4);
        try {
            PhoneNumber number = UTIL.parse("+" + canonical, "ZZ");
            return "+" + number.getCountryCode() + " ••• " + last;
        } catch (NumberParseException e) {
            return "••• " + last;
        }
    }

    /**
     * @param canonical a canonical number
     * @return the international format with {@code +}, for display to its owner ({@code +98 912 123 4567})
     */
    public static String display(String canonical) {
        try {
            return UTIL.format(UTIL.parse("+" + canonical, "ZZ"), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException | RuntimeException e) {
            return "+" + canonical;
        }
    }

    /**
     * @param canonical a canonical number
     * @return its country calling code, or 0 when it does not parse
     */
    public static int countryCode(String canonical) {
        try {
            return UTIL.parse("+" + canonical, "ZZ").getCountryCode();
        } catch (NumberParseException e) {
            return 0;
        }
    }

    /**
     * @param canonical a canonical number
     * @return its national significant number, or the input when it does not parse
     */
    public static String nationalNumber(String canonical) {
        try {
            return UTIL.getNationalSignificantNumber(UTIL.parse("+" + canonical, "ZZ"));
        } catch (NumberParseException e) {
            return canonical;
        }
    }

    private static Optional<String> parse(String text, String region) {
        try {
            PhoneNumber number = UTIL.parse(text, region);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Digits (any script) to ASCII, separators dropped, a single leading '+' kept; null when anything else. */
    private static String clean(String raw) {
        if (raw == null || raw.length() > MAX_INPUT) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int digit = OtpInput.asciiDigit(c);
            if (digit >= 0) {
                out.append((char) ('0' + digit));
            } else if ((c == '+' || c == '\uFF0B') && out.length() == 0) {
                out.append('+');
            } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00A0' || c == '\u200C'
                    || c == '\u200E' || c == '\u200F' || c == '\u202A' || c == '\u202C' || c == '\t')) {
                return null;
            }
        }
        int digits = out.length() - (out.length() > 0 && out.charAt(0) == '+' ? 1 : 0);
        return digits < 4 || digits > 17 ? null : out.toString();
    }
}
