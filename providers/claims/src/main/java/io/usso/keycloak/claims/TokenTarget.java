package io.usso.keycloak.claims;

import java.util.Set;

import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;

/** Where a mapper can put its claim, with the mapper config switch and the interface that enables it. */
enum TokenTarget {
    ACCESS_TOKEN("access", OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, OIDCAccessTokenMapper.class),
    ID_TOKEN("id", OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, OIDCIDTokenMapper.class),
    USERINFO("userinfo", OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, UserInfoTokenMapper.class),
    INTROSPECTION("introspection", OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION,
            TokenIntrospectionTokenMapper.class);

    /** Access token, introspection. */
    static final Set<TokenTarget> ACCESS_ONLY = Set.of(ACCESS_TOKEN, INTROSPECTION);
    /** Access token, ID token, introspection. */
    static final Set<TokenTarget> NO_USERINFO = Set.of(ACCESS_TOKEN, ID_TOKEN, INTROSPECTION);
    /** Access token, userinfo, introspection. */
    static final Set<TokenTarget> NO_ID_TOKEN = Set.of(ACCESS_TOKEN, USERINFO, INTROSPECTION);
    /** Every target. */
    static final Set<TokenTarget> ALL = Set.of(values());

    private final String label;
    private final String configKey;
    private final Class<?> mapperInterface;

    TokenTarget(String label, String configKey, Class<?> mapperInterface) {
        this.label = label;
        this.configKey = configKey;
        this.mapperInterface = mapperInterface;
    }

    String label() {
        return label;
    }

    String configKey() {
        return configKey;
    }

    boolean supportedBy(Class<?> mapperType) {
        return mapperInterface.isAssignableFrom(mapperType);
    }
}
