package io.usso.keycloak.roleexpiry.token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.RoleScopes;
import io.usso.keycloak.roleexpiry.RoleExpiryEvents;

/**
 * Protocol mapper {@value #PROVIDER_ID}: runs after Keycloak's role mappers and USSO's roles and scopes mappers
 * (priority {@value #PRIORITY}), deletes the user's expired role mappings in the token request's transaction (so
 * Keycloak's own checks stop counting them too) and takes out of the token the roles whose expiry has passed, with
 * what they alone gave: their composites, and the USSO scopes no role still held (or the user attribute) gives. A
 * user without expired rows costs one indexed query per request and nothing else.
 */
public final class RoleExpiryMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-role-expiry-mapper";
    /** Priority: above Keycloak's role mappers (at most {@value ProtocolMapperUtils#PRIORITY_SCRIPT_MAPPER}) and
     *  USSO's mappers (0). */
    public static final int PRIORITY = 1000;

    private static final List<ProviderConfigProperty> CONFIG;

    static {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, RoleExpiryMapper.class);
        CONFIG = List.copyOf(properties);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "USSO role expiry";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Removes roles whose expiry (USSO role expiry) has passed from realm_access, resource_access, roles "
                + "and scopes. Keep it on every client scope that maps roles.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (userSession == null || userSession.getUser() == null || clientSessionCtx == null) {
            return;
        }
        UserModel user = userSession.getUser();
        RealmModel realm = userSession.getRealm() != null ? userSession.getRealm() : session.getContext().getRealm();
        if (realm == null) {
            return;
        }
        Set<String> expired = ExpiredRoles.expiredIds(session, realm, user, RoleExpiryEvents.TRIGGER_TOKEN);
        if (expired.isEmpty()) {
            return;
        }
        Set<String> held = ExpiredRoles.ids(ExpiredRoles.stillHeld(user, expired));
        Set<String> realmRoles = new HashSet<>();
        Map<String, Set<String>> clientRoles = new HashMap<>();
        RoleScopes droppedScopes = new RoleScopes(false, false);
        RoleScopes keptScopes = new RoleScopes(true, false);
        clientSessionCtx.getRolesStream().forEach(role -> {
            if (held.contains(role.getId())) {
                keptScopes.addRole(role);
                return;
            }
            droppedScopes.addRole(role);
            if (role.isClientRole() && role.getContainer() instanceof ClientModel client) {
                clientRoles.computeIfAbsent(client.getClientId(), k -> new HashSet<>()).add(role.getName());
            } else if (!role.isClientRole()) {
                realmRoles.add(role.getName());
            }
        });
        if (realmRoles.isEmpty() && clientRoles.isEmpty()) {
            return;
        }
        keptScopes.addUser(user);
        Set<String> scopes = new TreeSet<>(droppedScopes.result().scopes());
        scopes.removeAll(keptScopes.result().scopes());
        TokenRoleFilter.apply(token, realmRoles, clientRoles, scopes);
    }

    /** @return a model for access, ID, userinfo tokens and introspection */
    public static ProtocolMapperModel create(String name) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(name);
        model.setProtocolMapper(PROVIDER_ID);
        model.setProtocol("openid-connect");
        Map<String, String> config = new LinkedHashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        model.setConfig(config);
        return model;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("priority", Integer.toString(PRIORITY), "claims",
                "realm_access.roles, resource_access.*.roles, roles, scopes");
    }
}
