package io.usso.keycloak.claims;

import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts the Keycloak user-session id into {@code session_id} (same value as Keycloak's {@code sid}), which USSO
 * SDKs use to tie a token to a session (logout, session listing). Access token, ID token and introspection.
 * Nothing is written when there is no user session. Transient sessions (e.g. some client-credentials or
 * token-exchange requests) get their id written like {@code sid} does; such an id cannot be looked up later.
 */
public final class SessionIdClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-session-id-mapper";

    private static final String DEFAULT_CLAIM = UssoClaimNames.SESSION_ID;

    public SessionIdClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO session id",
                "Adds the Keycloak user-session id as claim 'session_id'.", List.of());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession != null && userSession.getId() != null) {
            writeClaim(token, mappingModel, userSession.getId());
        }
    }

    /**
     * @param name mapper name
     * @return a model with the default claim name, enabled for access token, ID token and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.NO_USERINFO, Map.of());
    }
}
