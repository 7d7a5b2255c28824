package io.usso.keycloak.roleexpiry.console;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;

/** The provider side of the console page: no behaviour of its own ({@link RoleExpiryPageFactory} has it). */
public final class RoleExpiryPage implements UiPageProvider {

    @Override
    public String getHelpText() {
        return RoleExpiryPageFactory.HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return RoleExpiryPageForm.properties();
    }

    @Override
    public void close() {
    }
}
