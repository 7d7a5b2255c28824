package io.usso.keycloak.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;

/** Helpers shared by the USSO claim mappers: config properties, default models, config reading. */
final class MapperSupport {

    private MapperSupport() {
    }

    /**
     * Config properties of a mapper: claim name (with {@code defaultClaimName} as default), the mapper's own
     * {@code extra} properties, then the include-in-token switches for the token interfaces it implements.
     */
    static List<ProviderConfigProperty> configProperties(Class<? extends ProtocolMapper> mapperType,
            String defaultClaimName, List<ProviderConfigProperty> extra) {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.get(properties.size() - 1).setDefaultValue(defaultClaimName);
        properties.addAll(extra);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, mapperType);
        return List.copyOf(properties);
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

    /** Server-info entries: default claim name and the token kinds the mapper supports. */
    static Map<String, String> operationalInfo(Class<? extends ProtocolMapper> mapperType, String defaultClaimName) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaultClaimName", defaultClaimName);
        info.put("tokens", Arrays.stream(TokenTarget.values())
                .filter(t -> t.supportedBy(mapperType))
                .map(TokenTarget::label)
                .collect(Collectors.joining(",")));
        return info;
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
