package io.usso.keycloak.telegram.idp;

import jakarta.ws.rs.core.Response;

import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * The "Telegram" identity provider of one tenant.
 */
public final class TelegramIdentityProvider extends AbstractIdentityProvider<TelegramIdentityProviderConfig> {

    /**
     * @param session the request's session
     * @param config the tenant's Telegram identity provider
     */
    public TelegramIdentityProvider(KeycloakSession session, TelegramIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        throw new IdentityBrokerException("Telegram login is not available yet");
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity,
            UserSessionModel userSession, UserModel user) {
        return retrieveToken(session, identity);
    }
}
