package io.usso.keycloak.apikeys.admin;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The provider side of the settings tab: it has no behaviour of its own ({@link ApiKeysSettingsTabFactory} does). */
public final class ApiKeysSettingsTab implements UiTabProvider {

    @Override
    public String getHelpText() {
        return ApiKeysSettingsTabFactory.HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ApiKeySettingsForm.properties();
    }

    @Override
    public void close() {
    }
}
