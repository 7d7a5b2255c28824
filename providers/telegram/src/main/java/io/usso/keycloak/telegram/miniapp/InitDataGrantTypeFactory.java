package io.usso.keycloak.telegram.miniapp;

import java.security.SecureRandom;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers {@link InitDataGrantType} at the token endpoint under grant type {@value #GRANT_TYPE} (the provider id is
 * the grant type; {@value #SHORTCUT} is its short name inside Keycloak's token ids).
 */
public final class InitDataGrantTypeFactory implements OAuth2GrantTypeFactory, ServerInfoAwareProviderFactory {

    /** The grant type value Mini Apps send. */
    public static final String GRANT_TYPE = "urn:usso:params:oauth:grant-type:telegram-init-data";
    /** Keycloak's short name of the grant (unique among grant types). */
    public static final String SHORTCUT = "tm";

    private final SecureRandom random = new SecureRandom();

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new InitDataGrantType(random);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return GRANT_TYPE;
    }

    @Override
    public String getShortcut() {
        return SHORTCUT;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("grantType", GRANT_TYPE, "parameters", InitDataGrantType.PARAM_INIT_DATA + ", "
                + InitDataGrantType.PARAM_BOT_ID, "clientScope", MiniAppClients.CLIENT_SCOPE, "refreshToken", "yes");
    }
}
