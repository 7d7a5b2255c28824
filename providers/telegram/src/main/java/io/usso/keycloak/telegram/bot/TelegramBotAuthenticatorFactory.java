package io.usso.keycloak.telegram.bot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.common.UssoAmr;

/**
 * Registers the browser-flow authenticator {@value #ID} ("Confirm in Telegram"). Put it as an ALTERNATIVE next to
 * "Username Password Form" in a sub-flow of the browser flow; its settings are {@link TelegramBotConfig}. The bot is
 * the one of the tenant's Telegram identity provider, whose webhook must point at
 * {@code /realms/{realm}/telegram/webhook} with the provider's webhook secret. Stateless.
 */
public final class TelegramBotAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    /** Provider id, used in flows. */
    public static final String ID = "usso-telegram-bot";

    private static final TelegramBotAuthenticator SINGLETON = new TelegramBotAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.ALTERNATIVE,
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Confirm in Telegram";
    }

    @Override
    public String getHelpText() {
        return "Shows a Telegram link and QR code; the tenant's bot asks the Telegram account linked to the user to "
                + "confirm (with number matching), and the browser continues as that user. AMR 'telegram'. Needs a "
                + "Telegram identity provider with a webhook secret and the bot's webhook set.";
    }

    @Override
    public String getReferenceCategory() {
        return UssoAmr.TELEGRAM;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return TelegramBotConfig.properties();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaultTokenLifetimeSeconds", String.valueOf(TelegramBotConfig.DEFAULTS.tokenLifetimeSeconds()));
        info.put("numberMatchingDefault", String.valueOf(TelegramBotConfig.DEFAULTS.numberMatching()));
        info.put("tokenEntropyBits", String.valueOf(BotLoginSecrets.BYTES * 8));
        info.put("store", "singleUseObjects");
        return info;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
