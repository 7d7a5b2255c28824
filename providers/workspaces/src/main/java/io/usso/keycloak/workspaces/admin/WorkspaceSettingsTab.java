package io.usso.keycloak.workspaces.admin;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The provider side of the "Workspaces" tab: no behaviour of its own ({@link WorkspaceSettingsTabFactory} has it). */
public final class WorkspaceSettingsTab implements UiTabProvider {

    @Override
    public String getHelpText() {
        return WorkspaceSettingsTabFactory.HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return WorkspaceSettingsForm.properties();
    }

    @Override
    public void close() {
    }
}
