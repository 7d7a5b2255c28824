package io.usso.keycloak.common.auth;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.util.DefaultClientSessionContext;

/**
 * The client session of a token grant of ours (API key, Telegram Mini App) that signs a user in without a browser
 * and without an authentication session: what Keycloak's own grants get from attaching the authentication session
 * — protocol, issuer, the requested scope, "no level of authentication" — and nothing more. In particular no
 * {@code response_type} note, so USSO's token policy never counts such tokens as an interactive sign-in.
 */
public final class GrantSessions {

    private GrantSessions() {
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param client the authenticated client
     * @param userSession the user session the grant created
     * @param scope the requested scope parameter, may be null
     * @param grantType the grant type, for the mappers
     * @return the client session context to create the token response from
     */
    public static ClientSessionContext clientSessionContext(KeycloakSession session, RealmModel realm,
            ClientModel client, UserSessionModel userSession, String scope, String grantType) {
        AuthenticatedClientSessionModel clientSession = session.sessions().createClientSession(realm, client,
                userSession);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        clientSession.setNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        if (scope != null) {
            clientSession.setNote(OIDCLoginProtocol.SCOPE_PARAM, scope);
        }
        clientSession.setNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(Constants.NO_LOA));
        clientSession.setTimestamp(userSession.getLastSessionRefresh());
        ClientSessionContext context = DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession,
                scope, session);
        context.setAttribute(Constants.GRANT_TYPE, grantType);
        return context;
    }
}
