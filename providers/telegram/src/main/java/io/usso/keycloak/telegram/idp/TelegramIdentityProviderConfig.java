package io.usso.keycloak.telegram.idp;

import java.util.List;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.usso.keycloak.telegram.TelegramSettings;

/**
 * The stored configuration of a tenant's "Telegram" identity provider (keys of {@link TelegramSettings}). Values are
 * read through {@link TelegramSettings#of}, which resolves the bot token from Keycloak's vault and falls back to safe
 * defaults for anything unset or malformed.
 */
public final class TelegramIdentityProviderConfig extends IdentityProviderModel {

    private static final long serialVersionUID = 1L;

    /** An empty configuration (the admin console's "add provider"). */
    public TelegramIdentityProviderConfig() {
    }

    /**
     * @param model the stored identity provider
     */
    public TelegramIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    /**
     * Refuses a configuration without a bot token or with a bot token that has no numeric bot id, so an admin learns
     * of the mistake when saving rather than at the first login.
     */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        String token = getConfig().get(TelegramSettings.BOT_TOKEN);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("The bot token is required");
        }
        String t = token.trim();
        if (!t.startsWith("${vault.") && !t.matches("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}")) {
            throw new IllegalArgumentException("The bot token must look like 123456789:AA... (BotFather) or be a "
                    + "vault expression such as ${vault.telegram-bot-token}");
        }
    }

    /**
     * @return the admin console fields of a Telegram identity provider
     */
    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TelegramSettings.BOT_USERNAME).label("Bot username")
                .helpText("The bot's username (without @), as BotFather shows it. The bot's domain must be set to "
                        + "this server's host name with /setdomain.")
                .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
                .property().name(TelegramSettings.BOT_TOKEN).label("Bot token")
                .helpText("The bot token from BotFather (123456789:AA...). Prefer a vault reference such as "
                        + "${vault.telegram-bot-token}. Login data is verified with it.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).required(true).add()
                .property().name(TelegramSettings.MAX_AUTH_AGE).label("Maximum auth_date age (seconds)")
                .helpText("The oldest Telegram login accepted; older login data is refused as expired.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(TelegramSettings.DEFAULT_MAX_AUTH_AGE_SECONDS)).add()
                .property().name(TelegramSettings.REQUEST_WRITE_ACCESS).label("Request write access")
                .helpText("Ask the user to allow the bot to send them messages.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(TelegramSettings.OAUTH_BASE_URL).label("OAuth base URL")
                .helpText("Base URL of Telegram's login authorisation (the /auth page). Leave the default.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(TelegramSettings.DEFAULT_OAUTH_BASE_URL.toString()).add()
                .property().name(TelegramSettings.BOT_API_BASE_URL).label("Bot API base URL")
                .helpText("Base URL of Telegram's Bot API, used by bot-confirmed login. Leave the default.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(TelegramSettings.DEFAULT_BOT_API_BASE_URL.toString()).add()
                .property().name(TelegramSettings.WEBHOOK_SECRET).label("Webhook secret")
                .helpText("Secret Telegram sends with each bot update (X-Telegram-Bot-Api-Secret-Token), for "
                        + "bot-confirmed login. Empty: bot-confirmed login is off. May be a vault reference.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .build();
    }
}
