package io.usso.keycloak.claims;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;
import io.usso.keycloak.common.UssoRoles;

/**
 * Puts the user's effective role names into {@code roles} as a sorted, de-duplicated JSON array.
 *
 * <p>The roles come from {@link ClientSessionContext#getRolesStream()}, like Keycloak's own role mappers: the
 * user's role mappings (direct and through groups) with composites expanded, <em>limited to the roles in the
 * client's scope</em> (its scope mappings and those of its client scopes, or everything when "Full scope
 * allowed" is on). Listing all of the user's roles instead would leak roles to clients that were deliberately
 * not given them.
 *
 * <p>Config: {@value #INCLUDE_CLIENT_ROLES} (default false) adds client roles as {@code clientId:roleName};
 * {@value #EXCLUDE_DEFAULT_ROLES} (default true) drops the realm's composite default role
 * ({@code default-roles-<realm>}) itself, not the roles it contains. The claim is omitted when empty.
 */
public final class RolesClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper, OIDCIDTokenMapper,
        UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-roles-mapper";
    /** Config key: add client roles as {@code clientId:roleName}. */
    public static final String INCLUDE_CLIENT_ROLES = "include.client.roles";
    /** Config key: drop the realm's {@code default-roles-<realm>} composite role itself. */
    public static final String EXCLUDE_DEFAULT_ROLES = "exclude.default.roles";

    private static final String DEFAULT_CLAIM = UssoClaimNames.ROLES;

    public RolesClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO roles",
                "Adds the effective role names in the client's scope as a flat array claim 'roles'.",
                ProviderConfigurationBuilder.create()
                        .property().name(INCLUDE_CLIENT_ROLES).label("Include client roles")
                        .helpText("Also list client roles, as 'clientId:roleName'.")
                        .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                        .property().name(EXCLUDE_DEFAULT_ROLES).label("Exclude default role")
                        .helpText("Leave out the composite role 'default-roles-<realm>' itself "
                                + "(its member roles stay).")
                        .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                        .build());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (clientSessionCtx == null) {
            return;
        }
        boolean includeClientRoles = MapperSupport.flag(mappingModel, INCLUDE_CLIENT_ROLES, false);
        boolean excludeDefaultRole = MapperSupport.flag(mappingModel, EXCLUDE_DEFAULT_ROLES, true);
        RealmModel realm = MapperSupport.realm(userSession, keycloakSession, clientSessionCtx);
        Set<String> names = new TreeSet<>();
        clientSessionCtx.getRolesStream().forEach(role -> {
            if (role.isClientRole()) {
                if (includeClientRoles) {
                    RoleContainerModel container = role.getContainer();
                    if (container instanceof ClientModel) {
                        names.add(((ClientModel) container).getClientId() + ":" + role.getName());
                    }
                }
            } else if (!(excludeDefaultRole && UssoRoles.isDefaultRole(role, realm))) {
                names.add(role.getName());
            }
        });
        writeClaim(token, mappingModel, new ArrayList<>(names));
    }

    /**
     * @param name mapper name
     * @return a model for realm roles only, default role excluded, in access token, userinfo and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return create(name, false, true);
    }

    /**
     * @param name mapper name
     * @param includeClientRoles value of {@value #INCLUDE_CLIENT_ROLES}
     * @param excludeDefaultRole value of {@value #EXCLUDE_DEFAULT_ROLES}
     * @return a model enabled for access token, userinfo and introspection (not the ID token)
     */
    public static ProtocolMapperModel create(String name, boolean includeClientRoles, boolean excludeDefaultRole) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.NO_ID_TOKEN, Map.of(
                INCLUDE_CLIENT_ROLES, Boolean.toString(includeClientRoles),
                EXCLUDE_DEFAULT_ROLES, Boolean.toString(excludeDefaultRole)));
    }
}
