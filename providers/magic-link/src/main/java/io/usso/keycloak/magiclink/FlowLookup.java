package io.usso.keycloak.magiclink;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Finds the {@value MagicLinkAuthenticatorFactory#ID} execution in the browser flow a client logs in with (its
 * override, else the realm's), so that API links use the same tenant settings and are known to be completable.
 */
public final class FlowLookup {

    private FlowLookup() {
    }

    /**
     * @param realm the tenant
     * @param client the client, may be null for the realm's browser flow
     * @return the settings of the first enabled magic-link execution, or null when the flow has none
     */
    public static MagicLinkConfig configFor(RealmModel realm, ClientModel client) {
        String override = client == null ? null
                : client.getAuthenticationFlowBindingOverride(AuthenticationFlowBindings.BROWSER_BINDING);
        AuthenticationFlowModel flow = override == null ? realm.getBrowserFlow()
                : realm.getAuthenticationFlowById(override);
        if (flow == null) {
            return null;
        }
        List<AuthenticationExecutionModel> executions = new ArrayList<>();
        KeycloakModelUtils.deepFindAuthenticationExecutions(realm, flow, executions);
        for (AuthenticationExecutionModel execution : executions) {
            if (MagicLinkAuthenticatorFactory.ID.equals(execution.getAuthenticator()) && !execution.isDisabled()) {
                AuthenticatorConfigModel model = execution.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
                return MagicLinkConfig.of(model);
            }
        }
        return null;
    }
}
