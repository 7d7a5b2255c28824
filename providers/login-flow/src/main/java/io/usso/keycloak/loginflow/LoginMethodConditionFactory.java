package io.usso.keycloak.loginflow;

import java.util.Arrays;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the condition {@value #ID} ("Condition - USSO login method"): put it REQUIRED into a CONDITIONAL
 * sub-flow next to the method's authenticator, and the sub-flow runs (and "try another way" lists it) only while
 * the tenant's setting {@value LoginMethodSettings#METHODS} enables that method.
 */
public final class LoginMethodConditionFactory implements ConditionalAuthenticatorFactory {

    /** Provider id, used in flows. */
    public static final String ID = "usso-condition-login-method";
    /** Config key: the method checked ({@link LoginMethod#id()}). */
    public static final String METHOD = "usso.login.method";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public ConditionalAuthenticator getSingleton() {
        // stateless and cheap: a fresh one each time (no shared mutable instance handed out)
        return new LoginMethodCondition();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - USSO login method";
    }

    @Override
    public String getHelpText() {
        return "True when the tenant enables the sign-in method of this condition (realm setting Login methods, "
                + "attribute " + LoginMethodSettings.METHODS + ", default " + LoginMethodSettings.DEFAULT_METHODS + ").";
    }

    @Override
    public String getReferenceCategory() {
        return "condition";
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
        return ProviderConfigurationBuilder.create().property().name(METHOD).label("Login method")
                .helpText("The method this condition checks.").type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(LoginMethod.values()).map(LoginMethod::id).toList())
                .defaultValue(LoginMethod.PASSWORD.id()).add().build();
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
