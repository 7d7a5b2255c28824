package io.usso.keycloak.claims;

import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts the tenant of the token into {@code tenant_id}: the realm name (default) or, with config
 * {@value #VALUE}={@value #VALUE_REALM_ID}, the realm id. In USSO one realm is one tenant, so SDKs use this
 * claim to pick the tenant's keys and settings. Access token, ID token, userinfo and introspection.
 */
public final class TenantIdClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper, OIDCIDTokenMapper,
        UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-tenant-id-mapper";
    /** Config key: what to put in the claim. */
    public static final String VALUE = "value";
    /** {@link #VALUE} option: the realm name (default). */
    public static final String VALUE_REALM_NAME = "realm-name";
    /** {@link #VALUE} option: the realm id. */
    public static final String VALUE_REALM_ID = "realm-id";

    private static final String DEFAULT_CLAIM = UssoClaimNames.TENANT_ID;

    public TenantIdClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO tenant id",
                "Adds the USSO tenant (realm name or realm id) as claim 'tenant_id'.",
                ProviderConfigurationBuilder.create()
                        .property().name(VALUE).label("Tenant value")
                        .helpText("'realm-name' puts the realm name (the USSO tenant name), "
                                + "'realm-id' the realm's internal id.")
                        .type(ProviderConfigProperty.LIST_TYPE).options(VALUE_REALM_NAME, VALUE_REALM_ID)
                        .defaultValue(VALUE_REALM_NAME).add()
                        .build());
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        String value = MapperSupport.config(mapperModel, VALUE);
        if (value != null && !value.isBlank() && !VALUE_REALM_NAME.equals(value) && !VALUE_REALM_ID.equals(value)) {
            throw new ProtocolMapperConfigException("Config '" + VALUE + "' must be '" + VALUE_REALM_NAME + "' or '"
                    + VALUE_REALM_ID + "'");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        RealmModel realm = MapperSupport.realm(userSession, keycloakSession, clientSessionCtx);
        if (realm == null) {
            return;
        }
        boolean useId = VALUE_REALM_ID.equals(MapperSupport.config(mappingModel, VALUE));
        writeClaim(token, mappingModel, useId ? realm.getId() : realm.getName());
    }

    /**
     * @param name mapper name
     * @return a model putting the realm name into {@code tenant_id} of all token kinds
     */
    public static ProtocolMapperModel create(String name) {
        return create(name, VALUE_REALM_NAME);
    }

    /**
     * @param name mapper name
     * @param value {@link #VALUE_REALM_NAME} or {@link #VALUE_REALM_ID}
     * @return a model putting the chosen value into {@code tenant_id} of all token kinds
     */
    public static ProtocolMapperModel create(String name, String value) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.ALL,
                Map.of(VALUE, value == null ? VALUE_REALM_NAME : value));
    }
}
