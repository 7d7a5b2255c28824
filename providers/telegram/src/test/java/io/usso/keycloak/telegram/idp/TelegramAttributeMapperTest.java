package io.usso.keycloak.telegram.idp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.UserModel;

class TelegramAttributeMapperTest {

    private final TelegramAttributeMapper mapper = new TelegramAttributeMapper();

    private static IdentityProviderMapperModel model(String field, String attribute) {
        IdentityProviderMapperModel m = new IdentityProviderMapperModel();
        Map<String, String> config = new HashMap<>();
        config.put(TelegramAttributeMapper.FIELD, field);
        config.put(TelegramAttributeMapper.ATTRIBUTE, attribute);
        m.setConfig(config);
        return m;
    }

    private static BrokeredIdentityContext context() {
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias("telegram");
        idp.setEnabled(true);
        BrokeredIdentityContext context = new BrokeredIdentityContext("42", idp);
        context.getContextData().put(TelegramIdentityProvider.CONTEXT_PREFIX + "photo_url", "https://t.me/i/a.jpg");
        context.getContextData().put(TelegramIdentityProvider.CONTEXT_PREFIX + "id", "42");
        return context;
    }

    @Test
    void copiesTheChosenTelegramFieldIntoTheAttribute() {
        BrokeredIdentityContext context = context();
        mapper.preprocessFederatedIdentity(null, null, model("photo_url", "avatar"), context);
        assertEquals("https://t.me/i/a.jpg", context.getUserAttribute("avatar"));

        UserModel user = mock(UserModel.class);
        mapper.importNewUser(null, null, user, model("id", "telegram_id"), context);
        verify(user).setSingleAttribute("telegram_id", "42");
    }

    @Test
    void unknownFieldsMissingValuesAndNoAttributeChangeNothing() {
        BrokeredIdentityContext context = context();
        UserModel user = mock(UserModel.class);
        mapper.importNewUser(null, null, user, model("hash", "h"), context);
        mapper.importNewUser(null, null, user, model("username", "u"), context);
        mapper.updateBrokeredUser(null, null, user, model("photo_url", " "), context);
        verify(user, never()).setSingleAttribute(anyString(), anyString());
        mapper.preprocessFederatedIdentity(null, null, model("auth_date", "when"), context);
        assertNull(context.getUserAttribute("when"));
    }

    @Test
    void onlyForTelegramProviders() {
        assertArrayEquals(new String[] {"telegram"}, mapper.getCompatibleProviders());
    }
}
