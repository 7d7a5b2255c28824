package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class TenantIdClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final TenantIdClaimMapper mapper = new TenantIdClaimMapper();

    @Test
    void realmNameByDefaultInEveryTokenKind() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        AccessToken access = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        IDToken id = mapper.transformIDToken(new IDToken(), model, f.session, f.userSession, f.clientSessionCtx);
        AccessToken userInfo = mapper.transformUserInfoToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        AccessToken introspection = mapper.transformIntrospectionToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertEquals("acme", access.getOtherClaims().get("tenant_id"));
        assertEquals("acme", id.getOtherClaims().get("tenant_id"));
        assertEquals("acme", userInfo.getOtherClaims().get("tenant_id"));
        assertEquals("acme", introspection.getOtherClaims().get("tenant_id"));
    }

    @Test
    void realmIdWhenConfigured() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id", TenantIdClaimMapper.VALUE_REALM_ID);
        AccessToken access = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertEquals("2b5e0d8a-realm-id", access.getOtherClaims().get("tenant_id"));
    }

    @Test
    void claimNameIsConfigurableAndFallsBackToDefault() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        model.getConfig().put("claim.name", "tenant");
        AccessToken renamed = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertEquals("acme", renamed.getOtherClaims().get("tenant"));
        assertFalse(renamed.getOtherClaims().containsKey("tenant_id"));

        model.getConfig().remove("claim.name");
        AccessToken fallback = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertEquals("acme", fallback.getOtherClaims().get("tenant_id"));
    }

    @Test
    void switchedOffTokenKindGetsNothing() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        model.getConfig().put("id.token.claim", "false");
        IDToken id = mapper.transformIDToken(new IDToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertFalse(id.getOtherClaims().containsKey("tenant_id"));
    }

    @Test
    void usesRequestRealmWithoutUserSession() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        AccessToken access = mapper.transformAccessToken(new AccessToken(), model, f.session, null, null);
        assertEquals("acme", access.getOtherClaims().get("tenant_id"));
    }

    @Test
    void validateConfigRejectsUnknownValue() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id", "realm-display-name");
        assertThrows(ProtocolMapperConfigException.class, () -> mapper.validateConfig(f.session, f.realm, null, model));
    }
}
