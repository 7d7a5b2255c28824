package io.usso.keycloak.telegram.miniapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;

import io.usso.keycloak.telegram.proof.TelegramPublicKey;

class MiniAppConfigTest {

    private static MiniAppConfig config(Map<String, String> values) {
        IdentityProviderModel model = new IdentityProviderModel();
        model.getConfig().putAll(values);
        return MiniAppConfig.of(model);
    }

    @Test
    void safeDefaults() {
        MiniAppConfig c = config(Map.of());
        assertEquals(Set.of(), c.thirdPartyBotIds());
        assertEquals(TelegramPublicKey.production(), c.telegramKey());
        assertTrue(c.createUsers());
    }

    @Test
    void botIdsAreNumbersOnly() {
        assertEquals(Set.of("123", "456"), config(Map.of(MiniAppConfig.THIRD_PARTY_BOT_IDS, " 123, abc 456,,-7 "))
                .thirdPartyBotIds());
    }

    @Test
    void aBadKeyRefusesThirdPartiesRatherThanFallingBack() {
        assertNull(config(Map.of(MiniAppConfig.TELEGRAM_PUBLIC_KEY, "nope")).telegramKey());
        assertNotNull(config(Map.of(MiniAppConfig.TELEGRAM_PUBLIC_KEY, TelegramPublicKey.TEST_HEX)).telegramKey());
        assertFalse(config(Map.of(MiniAppConfig.CREATE_USERS, "FALSE")).createUsers());
        assertEquals(3, MiniAppConfig.properties().size());
    }
}
