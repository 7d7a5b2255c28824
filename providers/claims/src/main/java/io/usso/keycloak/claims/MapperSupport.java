package io.usso.keycloak.claims;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;

/** Helpers shared by the USSO claim mappers: default models, config reading. */
final class MapperSupport {

    private MapperSupport() {
    }

    /** A mapper model with the claim name and the given include-in-token switches set to {@code true}. */
    static ProtocolMapperModel model(String name, String providerId, String claimName, Set<TokenTarget> targets,
            Map<String, String> extraConfig) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(name);
        model.setProtocolMapper(providerId);
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, claimName);
        for (TokenTarget target : TokenTarget.values()) {
            config.put(target.configKey(), Boolean.toString(targets.contains(target)));
        }
        config.putAll(extraConfig);
        model.setConfig(config);
        return model;
    }

    /** Boolean config value; missing or blank means {@code defaultValue}. */
    static boolean flag(ProtocolMapperModel model, String key, boolean defaultValue) {
        String value = config(model, key);
        return value == null || value.isBlank() ? defaultValue : Boolean.parseBoolean(value.strip());
    }

    /** Raw config value or null. */
    static String config(ProtocolMapperModel model, String key) {
        Map<String, String> config = model.getConfig();
        return config == null ? null : config.get(key);
    }

    /** The realm of the token: the user session's, else the request context's. */
    static RealmModel realm(UserSessionModel userSession, KeycloakSession session, ClientSessionContext ctx) {
        if (userSession != null && userSession.getRealm() != null) {
            return userSession.getRealm();
        }
        if (ctx != null && ctx.getClientSession() != null && ctx.getClientSession().getRealm() != null) {
            return ctx.getClientSession().getRealm();
        }
        return session != null && session.getContext() != null ? session.getContext().getRealm() : null;
    }
}
