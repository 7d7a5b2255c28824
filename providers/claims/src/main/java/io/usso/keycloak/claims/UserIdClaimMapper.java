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
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts the Keycloak user id into {@code user_id}. USSO SDKs read the user from this claim rather than from
 * {@code sub}, which may be omitted (lightweight tokens, the {@code basic} scope not assigned) or pairwise.
 * For service accounts it is the service-account user id. Access token, ID token, userinfo and introspection.
 */
public final class UserIdClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-user-id-mapper";

    private static final String DEFAULT_CLAIM = UssoClaimNames.USER_ID;

    public UserIdClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO user id",
                "Adds the Keycloak user id as claim 'user_id'.", List.of());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession != null && userSession.getUser() != null) {
            writeClaim(token, mappingModel, userSession.getUser().getId());
        }
    }

    /**
     * @param name mapper name
     * @return a model with the default claim name, enabled for access token, ID token, userinfo and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.ALL, Map.of());
    }
}
