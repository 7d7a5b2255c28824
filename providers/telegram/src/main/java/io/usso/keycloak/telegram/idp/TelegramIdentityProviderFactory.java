package io.usso.keycloak.telegram.idp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.telegram.TelegramSettings;
import io.usso.keycloak.telegram.miniapp.MiniAppConfig;

/**
 * Registers the identity provider type {@value TelegramSettings#PROVIDER_ID} ("Telegram"): sign-in with Telegram's
 * Login Widget authorisation page, verified per Telegram's specification by
 * {@link io.usso.keycloak.telegram.proof.LoginWidgetVerifier}. The alias is the federated identities' provider and the
 * Telegram user id their user id, shared with the Mini App and bot logins of the same tenant.
 */
public final class TelegramIdentityProviderFactory extends AbstractIdentityProviderFactory<TelegramIdentityProvider>
        implements ServerInfoAwareProviderFactory {

    @Override
    public String getId() {
        return TelegramSettings.PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Telegram";
    }

    @Override
    public String getHelpText() {
        return "Log in with Telegram (Login Widget authorisation): verifies Telegram's signed login data with the "
                + "bot token, its age and single use.";
    }

    @Override
    public TelegramIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new TelegramIdentityProvider(session, new TelegramIdentityProviderConfig(model));
    }

    @Override
    public TelegramIdentityProviderConfig createConfig() {
        return new TelegramIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        // the Mini App sign-in reads its settings from this provider too (one bot, one place)
        List<ProviderConfigProperty> properties = new ArrayList<>(TelegramIdentityProviderConfig.properties());
        properties.addAll(MiniAppConfig.properties());
        return properties;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaultMaxAuthAgeSeconds", String.valueOf(TelegramSettings.DEFAULT_MAX_AUTH_AGE_SECONDS));
        info.put("defaultOauthBaseUrl", TelegramSettings.DEFAULT_OAUTH_BASE_URL.toString());
        info.put("replayStore", "singleUseObjects");
        return info;
    }
}
