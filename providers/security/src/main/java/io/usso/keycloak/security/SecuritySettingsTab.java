package io.usso.keycloak.security;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The provider side of the "Security" tab: no behaviour of its own ({@link SecuritySettingsTabFactory} has it). */
public final class SecuritySettingsTab implements UiTabProvider {

    @Override
    public String getHelpText() {
        return SecuritySettingsTabFactory.HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return SecuritySettingsForm.properties();
    }

    @Override
    public void close() {
    }
}
