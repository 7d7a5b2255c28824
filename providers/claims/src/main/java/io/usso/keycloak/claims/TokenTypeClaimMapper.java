package io.usso.keycloak.claims;

import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts {@code token_type=access} into access tokens (and introspection responses) only.
 *
 * <p><b>Security:</b> USSO SDKs accept a JWT as an access token when it carries {@code token_type=access}.
 * ID tokens are signed with the same realm keys and are handed to front-ends, so an ID token with this claim
 * could be replayed against an API as an access token. That is why this mapper implements neither
 * {@code OIDCIDTokenMapper} nor {@code UserInfoTokenMapper}, offers no switch for them, ignores calls for those
 * token kinds, and only writes into {@link AccessToken} instances.
 */
public final class TokenTypeClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper,
        TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-token-type-mapper";

    private static final String DEFAULT_CLAIM = UssoClaimNames.TOKEN_TYPE;

    public TokenTypeClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO token type",
                "Adds 'token_type' = 'access' to access tokens and introspection only (never to ID tokens).",
                List.of());
    }

    /** Never adds the claim to ID tokens, whatever the configuration says. */
    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return token;
    }

    /** Never adds the claim to userinfo responses, whatever the configuration says. */
    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel mappingModel,
            KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return token;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (token instanceof AccessToken) {
            writeClaim(token, mappingModel, UssoClaimNames.TOKEN_TYPE_ACCESS);
        }
    }

    /**
     * @param name mapper name
     * @return a model adding {@code token_type=access} to the access token and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.ACCESS_ONLY, Map.of());
    }
}
