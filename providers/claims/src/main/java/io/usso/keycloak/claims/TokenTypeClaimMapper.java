package io.usso.keycloak.claims;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts the kind of token into {@code token_type}, as USSO does: {@code access} in access tokens (and introspection
 * answers), {@code id} in ID tokens.
 *
 * <p><b>Security:</b> USSO's SDKs check {@code token_type == "access"} only when the claim is present. ID tokens are
 * signed with the same realm keys and handed to front ends, so an ID token without the claim passes an SDK-based API
 * as an access token. Hence ID tokens <em>always</em> get {@code id}, whatever the mapper's ID-token switch says
 * (turning it off must not reopen that hole), and a token is never stamped with a kind it is not: an
 * {@link AccessToken} gets {@code access}, a plain {@link IDToken} gets {@code id}. Userinfo answers are not tokens
 * and get nothing. Refresh tokens are built by Keycloak without mappers and are HMAC-signed: the SDKs, which verify
 * with the realm's public keys, refuse them already.
 */
public final class TokenTypeClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper, OIDCIDTokenMapper,
        TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-token-type-mapper";

    private static final String DEFAULT_CLAIM = UssoClaimNames.TOKEN_TYPE;

    public TokenTypeClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO token type",
                "Adds 'token_type': 'access' to access tokens and introspection, 'id' to ID tokens (always, so that "
                        + "USSO's SDKs refuse an ID token as an access token).",
                List.of());
    }

    /** ID tokens always carry {@code token_type=id}, whatever the configuration says. */
    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        setClaim(token, mappingModel, userSession, session, clientSessionCtx);
        return token;
    }

    /** Never adds the claim to userinfo answers. */
    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel mappingModel,
            KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return token;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        writeClaim(token, mappingModel, token instanceof AccessToken ? UssoClaimNames.TOKEN_TYPE_ACCESS
                : UssoClaimNames.TOKEN_TYPE_ID);
    }

    /**
     * @param name mapper name
     * @return a model adding {@code token_type} to access tokens, ID tokens and introspection, lightweight access
     *         tokens included
     */
    public static ProtocolMapperModel create(String name) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, Set.of(TokenTarget.ACCESS_TOKEN,
                TokenTarget.ID_TOKEN, TokenTarget.INTROSPECTION), Map.of("lightweight.claim", "true"));
    }
}
