package io.usso.keycloak.claims;

import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts the Keycloak user id into {@code user_id}. USSO SDKs read the user from this claim rather than from
 * {@code sub}, which may be omitted (lightweight tokens, the {@code basic} scope not assigned) or pairwise.
 * For service accounts it is the service-account user id. Access token, ID token, userinfo and introspection.
 */
public final class UserIdClaimMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-user-id-mapper";

    private static final String DEFAULT_CLAIM = UssoClaimNames.USER_ID;
    private static final List<ProviderConfigProperty> CONFIG =
            MapperSupport.configProperties(UserIdClaimMapper.class, DEFAULT_CLAIM, List.of());

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "USSO user id";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the Keycloak user id as claim 'user_id'.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return MapperSupport.operationalInfo(UserIdClaimMapper.class, DEFAULT_CLAIM);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession != null && userSession.getUser() != null) {
            ClaimWriter.write(token, mappingModel, DEFAULT_CLAIM, userSession.getUser().getId());
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
