package io.usso.keycloak.apikeys.grant;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;

/**
 * Which clients may use the API-key grant: none unless a tenant admin opts a confidential client in, either in
 * the admin console by assigning it the client scope {@value #CLIENT_SCOPE} (Clients, the client, Client scopes,
 * Add client scope; default or optional) or through the admin REST API / realm import with the client attribute
 * {@value #ATTRIBUTE}{@code =true}. A client that may exchange keys for tokens is a credential converter: it should
 * be a deliberate choice, not every confidential client of the tenant.
 */
public final class ApiKeyGrantClients {

    /** Client scope whose assignment opts a client in. */
    public static final String CLIENT_SCOPE = "usso:api-key-grant";
    /** Client attribute that opts a client in. */
    public static final String ATTRIBUTE = "usso.api-key-grant";

    private ApiKeyGrantClients() {
    }

    /**
     * @param client the authenticated client
     * @return whether it was opted in
     */
    public static boolean allowed(ClientModel client) {
        if (client == null || client.isPublicClient() || client.isBearerOnly()) {
            return false;
        }
        if ("true".equalsIgnoreCase(client.getAttribute(ATTRIBUTE))) {
            return true;
        }
        return hasScope(client, true) || hasScope(client, false);
    }

    private static boolean hasScope(ClientModel client, boolean defaultScope) {
        java.util.Map<String, ClientScopeModel> scopes = client.getClientScopes(defaultScope);
        return scopes != null && scopes.containsKey(CLIENT_SCOPE);
    }
}
