package io.usso.keycloak.loginflow;

import java.util.Map;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Condition {@value SecondFactorConditionFactory#ID}: true when the tenant's second-factor policy
 * ({@value LoginMethodSettings#SECOND_FACTOR}) is the one in the execution's config and the first factor was not a
 * passkey (a passkey proves possession and, with user verification, the person: it is both factors).
 */
final class SecondFactorCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        Optional<SecondFactorPolicy> wanted = configuredPolicy(context.getAuthenticatorConfig());
        if (wanted.isEmpty() || wanted.get() == SecondFactorPolicy.OFF
                || LoginMethodSettings.of(context.getRealm()).secondFactor() != wanted.get()) {
            return false;
        }
        return !signedInWithPasskey(context.getRealm(), context.getAuthenticationSession());
    }

    /** @return the policy the condition checks, empty when the config names none */
    static Optional<SecondFactorPolicy> configuredPolicy(AuthenticatorConfigModel config) {
        if (config == null || config.getConfig() == null) {
            return Optional.empty();
        }
        return SecondFactorPolicy.of(config.getConfig().get(SecondFactorConditionFactory.POLICY));
    }

    /** @return whether a passkey execution of this flow succeeded in this sign-in */
    static boolean signedInWithPasskey(RealmModel realm, AuthenticationSessionModel authSession) {
        Map<String, AuthenticationSessionModel.ExecutionStatus> statuses = authSession.getExecutionStatus();
        for (Map.Entry<String, AuthenticationSessionModel.ExecutionStatus> status : statuses.entrySet()) {
            if (status.getValue() == AuthenticationSessionModel.ExecutionStatus.SUCCESS) {
                AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(status.getKey());
                if (execution != null && LoginMethod.PASSKEY.authenticator().equals(execution.getAuthenticator())) {
                    return true;
                }
            }
        }
        return false;
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
