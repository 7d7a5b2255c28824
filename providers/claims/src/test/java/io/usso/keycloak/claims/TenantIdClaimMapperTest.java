package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.AccessToken;

class TenantIdClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final TenantIdClaimMapper mapper = new TenantIdClaimMapper();

    @Test
    void realmNameByDefaultInEveryTokenKind() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        assertEquals("acme", f.access(mapper, model).getOtherClaims().get("tenant_id"));
        assertEquals("acme", f.id(mapper, model).getOtherClaims().get("tenant_id"));
        assertEquals("acme", f.userInfo(mapper, model).getOtherClaims().get("tenant_id"));
        assertEquals("acme", f.introspection(mapper, model).getOtherClaims().get("tenant_id"));
    }

    @Test
    void realmIdWhenConfigured() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id", TenantIdClaimMapper.VALUE_REALM_ID);
        assertEquals("2b5e0d8a-realm-id", f.access(mapper, model).getOtherClaims().get("tenant_id"));
    }

    @Test
    void claimNameIsConfigurableAndFallsBackToDefault() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        model.getConfig().put("claim.name", "tenant");
        AccessToken renamed = f.access(mapper, model);
        assertEquals("acme", renamed.getOtherClaims().get("tenant"));
        assertFalse(renamed.getOtherClaims().containsKey("tenant_id"));

        model.getConfig().remove("claim.name");
        assertEquals("acme", f.access(mapper, model).getOtherClaims().get("tenant_id"));
    }

    @Test
    void switchedOffTokenKindGetsNothing() {
        ProtocolMapperModel model = TenantIdClaimMapper.create("tenant_id");
        model.getConfig().put("id.token.claim", "false");
        assertFalse(f.id(mapper, model).getOtherClaims().containsKey("tenant_id"));
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
