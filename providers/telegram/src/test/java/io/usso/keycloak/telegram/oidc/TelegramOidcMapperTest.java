package io.usso.keycloak.telegram.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.representations.IDToken;

class TelegramOidcMapperTest {

    private static BrokeredIdentityContext context(String issuer) {
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias("telegram-oidc");
        idp.setEnabled(true);
        BrokeredIdentityContext context = new BrokeredIdentityContext("opaque-sub", idp);
        IDToken token = new IDToken();
        token.issuer(issuer);
        token.subject("opaque-sub");
        token.setName("Sara Rostami");
        token.setPhoneNumber("+989120001234");
        token.getOtherClaims().put("id", 555L);
        context.getContextData().put(OIDCIdentityProvider.VALIDATED_ID_TOKEN, token);
        return context;
    }

    private static TelegramOidcMapperConfig config(Map<String, String> values) {
        IdentityProviderMapperModel model = new IdentityProviderMapperModel();
        model.setConfig(new java.util.HashMap<>(values));
        return TelegramOidcMapperConfig.of(model);
    }

    @Test
    void tokensOfTelegramsIssuerAreRead() {
        TelegramOidcClaims claims = TelegramOidcMapper.claims(context("https://oauth.telegram.org"), config(Map.of()));
        assertEquals("555", claims.telegramId());
        assertEquals("Sara", claims.firstName());
        assertEquals("989120001234", claims.phone());
    }

    @Test
    void tokensOfAnyOtherIssuerNeverSpeakForTelegramIds() {
        assertNull(TelegramOidcMapper.claims(context("https://evil.example"), config(Map.of())));
        assertNull(TelegramOidcMapper.claims(context("https://oauth.telegram.org"),
                config(Map.of(TelegramOidcMapperConfig.ISSUER, "https://other.example"))));
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setEnabled(true);
        BrokeredIdentityContext noToken = new BrokeredIdentityContext("x", idp);
        assertNull(TelegramOidcMapper.claims(noToken, config(Map.of())));
    }

    @Test
    void defaults() {
        TelegramOidcMapperConfig c = config(Map.of());
        assertEquals(TelegramOidcMapperConfig.DEFAULT_ISSUER, c.issuer());
        assertEquals("id", c.idClaim());
        assertEquals(true, c.importPhone());
        assertEquals(true, c.phoneVerified());
    }
}
