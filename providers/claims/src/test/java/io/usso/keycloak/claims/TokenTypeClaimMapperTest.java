package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

class TokenTypeClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final TokenTypeClaimMapper mapper = new TokenTypeClaimMapper();

    @Test
    void accessTokenAndIntrospectionGetTokenTypeAccess() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        assertEquals("access", f.access(mapper, model).getOtherClaims().get("token_type"));
        assertEquals("access", f.introspection(mapper, model).getOtherClaims().get("token_type"));
    }

    @Test
    void neverInIdTokenOrUserInfoEvenIfConfigSaysSo() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        model.getConfig().put("id.token.claim", "true");
        model.getConfig().put("userinfo.token.claim", "true");
        assertFalse(f.id(mapper, model).getOtherClaims().containsKey("token_type"));
        assertFalse(f.userInfo(mapper, model).getOtherClaims().containsKey("token_type"));
    }

    @Test
    void setClaimIgnoresPlainIdTokens() {
        ProtocolMapperModel model = TokenTypeClaimMapper.create("token_type");
        IDToken id = new IDToken();
        mapper.setClaim(id, model, f.userSession, f.session, f.clientSessionCtx);
        assertTrue(id.getOtherClaims().isEmpty());
    }

    @Test
    void doesNotOfferIdTokenOrUserInfo() {
        assertFalse(OIDCIDTokenMapper.class.isAssignableFrom(TokenTypeClaimMapper.class));
        assertFalse(UserInfoTokenMapper.class.isAssignableFrom(TokenTypeClaimMapper.class));
        Set<String> keys = mapper.getConfigProperties().stream().map(ProviderConfigProperty::getName)
                .collect(Collectors.toSet());
        assertTrue(keys.contains("access.token.claim"));
        assertTrue(keys.contains("introspection.token.claim"));
        assertFalse(keys.contains("id.token.claim"));
        assertFalse(keys.contains("userinfo.token.claim"));
        assertEquals("false", TokenTypeClaimMapper.create("t").getConfig().get("id.token.claim"));
    }
}
