package io.usso.keycloak.common.auth;

import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;

/**
 * Which clients may use one of USSO's token-endpoint grants: none unless a tenant admin opts a client in, either in
 * the admin console by assigning it the grant's client scope (Clients, the client, Client scopes, Add client scope;
 * default or optional) or through the admin REST API / realm import with the grant's client attribute set to
 * {@code true}. A client that may turn some proof into tokens is a credential converter: a deliberate choice, not
 * every client of the tenant.
 *
 * @param clientScope the client scope whose assignment opts a client in
 * @param attribute the client attribute that opts a client in
 * @param publicClients whether public clients may be opted in at all (bearer-only clients never are)
 */
public record GrantClients(String clientScope, String attribute, boolean publicClients) {

    /**
     * @param client the client of the token request (authenticated when confidential)
     * @return whether it was opted in
     */
    public boolean allowed(ClientModel client) {
        if (client == null || client.isBearerOnly() || (client.isPublicClient() && !publicClients)) {
            return false;
        }
        if ("true".equalsIgnoreCase(client.getAttribute(attribute))) {
            return true;
        }
        return hasScope(client, true) || hasScope(client, false);
    }

    private boolean hasScope(ClientModel client, boolean defaultScope) {
        Map<String, ClientScopeModel> scopes = client.getClientScopes(defaultScope);
        return scopes != null && scopes.containsKey(clientScope);
    }
}
