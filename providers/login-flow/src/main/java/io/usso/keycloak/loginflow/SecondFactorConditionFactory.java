package io.usso.keycloak.loginflow;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the condition {@value #ID} ("Condition - USSO second factor"): put it REQUIRED into the CONDITIONAL
 * second-factor sub-flow of a policy ({@code optional} or {@code required}); the sub-flow runs only while the
 * tenant's setting {@value LoginMethodSettings#SECOND_FACTOR} is that policy, and not after a passkey sign-in.
 */
public final class SecondFactorConditionFactory implements ConditionalAuthenticatorFactory {

    /** Provider id, used in flows. */
    public static final String ID = "usso-condition-second-factor";
    /** Config key: the policy checked ({@link SecondFactorPolicy#id()}). */
    public static final String POLICY = "usso.login.second-factor";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public ConditionalAuthenticator getSingleton() {
        // stateless and cheap: a fresh one each time (no shared mutable instance handed out)
        return new SecondFactorCondition();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - USSO second factor";
    }

    @Override
    public String getHelpText() {
        return "True when the tenant's second-factor policy (realm setting Login methods, attribute "
                + LoginMethodSettings.SECOND_FACTOR + ", default " + LoginMethodSettings.DEFAULT_SECOND_FACTOR.id()
                + ") is the one of this condition, unless the user signed in with a passkey.";
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
        return ProviderConfigurationBuilder.create().property().name(POLICY).label("Second-factor policy")
                .helpText("The tenant policy under which this sub-flow runs.").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of(SecondFactorPolicy.OPTIONAL.id(), SecondFactorPolicy.REQUIRED.id()))
                .defaultValue(SecondFactorPolicy.OPTIONAL.id()).add().build();
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
