package io.usso.keycloak.loginflow;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The provider side of the "Login methods" tab ({@link LoginMethodsTabFactory} has the behaviour). */
public final class LoginMethodsTab implements UiTabProvider {

    @Override
    public String getHelpText() {
        return LoginMethodsTabFactory.HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return LoginMethodsForm.properties();
    }

    @Override
    public void close() {
    }
}
