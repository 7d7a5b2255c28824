package io.usso.keycloak.apikeys.grant;

import org.keycloak.models.ClientModel;

import io.usso.keycloak.common.auth.GrantClients;

/**
 * Which clients may use the API-key grant: none unless a tenant admin opts a confidential client in, either in
 * the admin console by assigning it the client scope {@value #CLIENT_SCOPE} (Clients, the client, Client scopes,
 * Add client scope; default or optional) or through the admin REST API / realm import with the client attribute
 * {@value #ATTRIBUTE}{@code =true}. A client that may exchange keys for tokens is a credential converter: it should
 * be a deliberate choice, not every confidential client of the tenant. The rule itself is {@link GrantClients}
 * (shared with the Telegram Mini App grant); public clients are never allowed here.
 */
public final class ApiKeyGrantClients {

    /** Client scope whose assignment opts a client in. */
    public static final String CLIENT_SCOPE = "usso:api-key-grant";
    /** Client attribute that opts a client in. */
    public static final String ATTRIBUTE = "usso.api-key-grant";

    private static final GrantClients RULE = new GrantClients(CLIENT_SCOPE, ATTRIBUTE, false);

    private ApiKeyGrantClients() {
    }

    /**
     * @param client the authenticated client
     * @return whether it was opted in
     */
    public static boolean allowed(ClientModel client) {
        return RULE.allowed(client);
    }
}
