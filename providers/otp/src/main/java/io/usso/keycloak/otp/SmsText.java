package io.usso.keycloak.otp;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The text of a code SMS, from the realm's login theme messages (key {@value #KEY}: {0} code, {1} realm display
 * name, {2} minutes; tenants can override it per language in Realm settings → Localization), in the user's language.
 * Optionally followed by the WebOTP line {@code @host #code} (the host people sign in on), which lets browsers
 * offer the code only on that site.
 */
public final class SmsText {

    /** Message key of the text. */
    public static final String KEY = "ussoSmsOtpText";
    /** Used when the theme has no such key. */
    public static final String FALLBACK = "{0} is your code for {1}. It expires in {2} minutes. Do not share it.";

    private static final Logger LOG = Logger.getLogger(SmsText.class);

    private SmsText() {
    }

    /**
     * @param session the session
     * @param realm the tenant
     * @param user the recipient (its locale), may be null
     * @param code the code
     * @param minutes lifetime in minutes
     * @param webOtpHost the WebOTP host, or null for no WebOTP line
     * @return the text and its locale
     */
    public static Localized build(KeycloakSession session, RealmModel realm, UserModel user, String code, int minutes,
            String webOtpHost) {
        Locale locale = session.getContext().resolveLocale(user, Theme.Type.LOGIN);
        String pattern = FALLBACK;
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            pattern = messages.getProperty(KEY, FALLBACK);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("SMS text: theme messages unavailable (%s), using the built-in text", e.getClass().getSimpleName());
        }
        String realmName = realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                ? realm.getDisplayName() : realm.getName();
        return new Localized(format(pattern, locale, code, realmName, minutes, webOtpHost), locale.toLanguageTag());
    }

    /**
     * @param pattern MessageFormat pattern
     * @param locale its locale
     * @param code the code
     * @param realmName the realm display name
     * @param minutes lifetime
     * @param webOtpHost WebOTP host or null
     * @return the text
     */
    public static String format(String pattern, Locale locale, String code, String realmName, int minutes,
            String webOtpHost) {
        String text;
        try {
            // the code is passed as text: MessageFormat would group the digits of a number
            text = new MessageFormat(pattern, locale).format(new Object[] {code, realmName, Integer.toString(minutes)});
        } catch (IllegalArgumentException e) {
            text = new MessageFormat(FALLBACK, Locale.ENGLISH).format(
                    new Object[] {code, realmName, Integer.toString(minutes)});
        }
        if (webOtpHost != null && !webOtpHost.isBlank()) {
            text = text + "\n\n@" + webOtpHost + " #" + code;
        }
        return text;
    }

    /**
     * A text in a language.
     *
     * @param text the text
     * @param languageTag its language
     */
    public record Localized(String text, String languageTag) {
        /** Never shows the text (it holds the code). */
        @Override
        public String toString() {
            return "SmsText{" + languageTag + "}";
        }
    }
}
