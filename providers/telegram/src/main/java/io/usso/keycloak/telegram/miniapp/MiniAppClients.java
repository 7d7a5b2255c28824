package io.usso.keycloak.telegram.miniapp;

import org.keycloak.models.ClientModel;

import io.usso.keycloak.common.auth.GrantClients;

/**
 * Which clients may use the Mini App grant: none unless a tenant admin opts the Mini App's client in with the client
 * scope {@value #CLIENT_SCOPE} (admin console: the client, Client scopes, Add client scope) or the client attribute
 * {@value #ATTRIBUTE}{@code =true}. Public clients may be opted in: a Mini App is a web page inside Telegram that
 * holds no secret, and what proves the user is Telegram's signature over {@code initData}, accepted once.
 */
public final class MiniAppClients {

    /** Client scope whose assignment opts a client in. */
    public static final String CLIENT_SCOPE = "usso:telegram-mini-app";
    /** Client attribute that opts a client in. */
    public static final String ATTRIBUTE = "usso.telegram-mini-app";

    private static final GrantClients RULE = new GrantClients(CLIENT_SCOPE, ATTRIBUTE, true);

    private MiniAppClients() {
    }

    /**
     * @param client the client of the token request
     * @return whether it was opted in
     */
    public static boolean allowed(ClientModel client) {
        return RULE.allowed(client);
    }
}
