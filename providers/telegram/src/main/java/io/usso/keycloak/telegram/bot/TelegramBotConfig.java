package io.usso.keycloak.telegram.bot;

import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Per-tenant settings of "Confirm in Telegram", from the authenticator config of a
 * {@value TelegramBotAuthenticatorFactory#ID} execution (admin console: Authentication &gt; flow &gt; settings).
 * Safe defaults; out-of-range values are clamped, unreadable ones fall back. Never throws.
 *
 * @param idpAlias the Telegram identity provider whose bot confirms; null = the tenant's first enabled one
 * @param tokenLifetimeSeconds how long the deep link (and the login) can be confirmed, 10 to 900
 * @param numberMatching whether the chat offers three numbers (one is the browser's) instead of Approve
 */
public record TelegramBotConfig(String idpAlias, int tokenLifetimeSeconds, boolean numberMatching) {

    /** Config key: identity provider alias. */
    public static final String IDP_ALIAS = "telegram.idp.alias";
    /** Config key: lifetime of the one-time token, seconds. */
    public static final String TOKEN_LIFETIME = "token.lifetime.seconds";
    /** Config key: number matching on or off. */
    public static final String NUMBER_MATCHING = "number.matching";

    /** The defaults: first Telegram provider, 2 minutes, number matching on. */
    public static final TelegramBotConfig DEFAULTS = new TelegramBotConfig(null, 120, true);

    /** Clamps. */
    public TelegramBotConfig {
        idpAlias = idpAlias == null || idpAlias.isBlank() ? null : idpAlias.strip();
        tokenLifetimeSeconds = Math.max(10, Math.min(900, tokenLifetimeSeconds));
    }

    /**
     * @param config the execution's config, may be null
     * @return the settings
     */
    public static TelegramBotConfig of(AuthenticatorConfigModel config) {
        return of(config == null ? null : config.getConfig());
    }

    /**
     * @param values config key to value, may be null
     * @return the settings, defaults for missing or unreadable values
     */
    public static TelegramBotConfig of(Map<String, String> values) {
        Map<String, String> v = values == null ? Map.of() : values;
        return new TelegramBotConfig(v.get(IDP_ALIAS), integer(v.get(TOKEN_LIFETIME), DEFAULTS.tokenLifetimeSeconds),
                bool(v.get(NUMBER_MATCHING), DEFAULTS.numberMatching));
    }

    /** @return the admin-console form */
    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(IDP_ALIAS).label("Telegram identity provider").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("")
                .helpText("Alias of the Telegram identity provider whose bot confirms sign-ins (bot token, username, "
                        + "webhook secret). Empty: the tenant's first enabled Telegram provider.").add()
                .property().name(TOKEN_LIFETIME).label("Link lifetime (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.tokenLifetimeSeconds)
                .helpText("How long the Telegram link and QR code can be confirmed (10 to 900).").add()
                .property().name(NUMBER_MATCHING).label("Number matching").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(String.valueOf(DEFAULTS.numberMatching))
                .helpText("The chat shows three numbers and the person presses the one shown in the browser; off: "
                        + "an Approve button.").add()
                .build();
    }

    private static int integer(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean bool(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        return v.equalsIgnoreCase("true") || (!v.equalsIgnoreCase("false") && fallback);
    }
}
