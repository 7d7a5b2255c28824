package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class TokenTypeClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final TokenTypeClaimMapper mapper = new TokenTypeClaimMapper();

    @Test
    void accessTokenAndIntrospectionGetAccess() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        assertEquals("access", f.access(mapper, model).getOtherClaims().get("token_type"));
        assertEquals("access", f.introspection(mapper, model).getOtherClaims().get("token_type"));
    }

    @Test
    void idTokensAlwaysGetIdEvenWhenTheSwitchIsOff() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        assertEquals("id", f.id(mapper, model).getOtherClaims().get("token_type"));
        model.getConfig().put("id.token.claim", "false");
        assertEquals("id", f.id(mapper, model).getOtherClaims().get("token_type"),
                "an ID token without token_type passes USSO's SDK as an access token");
    }

    @Test
    void aTokenNeverGetsAKindItIsNot() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        IDToken id = new IDToken();
        mapper.setClaim(id, model, f.userSession, f.session, f.clientSessionCtx);
        assertEquals("id", id.getOtherClaims().get("token_type"));
        AccessToken access = new AccessToken();
        mapper.setClaim(access, model, f.userSession, f.session, f.clientSessionCtx);
        assertEquals("access", access.getOtherClaims().get("token_type"));
    }

    @Test
    void userInfoGetsNothing() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        model.getConfig().put("userinfo.token.claim", "true");
        assertFalse(f.userInfo(mapper, model).getOtherClaims().containsKey("token_type"));
        assertFalse(UserInfoTokenMapper.class.isAssignableFrom(TokenTypeClaimMapper.class));
    }

    @Test
    void defaultModelCoversAccessIdIntrospectionAndLightweight() {
        assertTrue(OIDCIDTokenMapper.class.isAssignableFrom(TokenTypeClaimMapper.class));
        ProtocolMapperModel model = TokenTypeClaimMapper.create("t");
        assertEquals("true", model.getConfig().get("access.token.claim"));
        assertEquals("true", model.getConfig().get("id.token.claim"));
        assertEquals("true", model.getConfig().get("introspection.token.claim"));
        assertEquals("true", model.getConfig().get("lightweight.claim"));
    }
}
