package io.usso.keycloak.common.admin;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The provider side of a realm-settings tab: no behaviour of its own ({@link RealmSettingsTabFactory} has it). */
public final class RealmSettingsTab implements UiTabProvider {

    private final String helpText;
    private final List<ProviderConfigProperty> properties;

    /**
     * @param helpText the tab's help text
     * @param properties its form fields
     */
    public RealmSettingsTab(String helpText, List<ProviderConfigProperty> properties) {
        this.helpText = helpText;
        this.properties = List.copyOf(properties);
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public void close() {
    }
}
