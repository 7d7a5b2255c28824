package io.usso.keycloak.loginflow;

import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Condition {@value LoginMethodConditionFactory#ID}: true when the tenant enabled the sign-in method named in the
 * execution's config ({@value LoginMethodConditionFactory#METHOD}). A condition without a valid method is false, so
 * a misconfigured flow offers less, never more.
 */
final class LoginMethodCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return configuredMethod(context.getAuthenticatorConfig())
                .map(LoginMethodSettings.of(context.getRealm())::enables)
                .orElse(false);
    }

    /** @return the method the condition checks, empty when the config names none */
    static Optional<LoginMethod> configuredMethod(AuthenticatorConfigModel config) {
        if (config == null || config.getConfig() == null) {
            return Optional.empty();
        }
        return LoginMethod.of(config.getConfig().get(LoginMethodConditionFactory.METHOD));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
