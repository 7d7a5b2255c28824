package io.usso.keycloak.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;

/** Only the browser's number (or Approve when number matching is off) approves; everything else refuses. */
class TelegramWebhookDecisionTest {

    private static BotLogin login(NumberMatch match) {
        return new BotLogin("id", "r", "root", "tab", "c", "telegram", match, new DeviceInfo("b", "o", null), 0, 100);
    }

    private static final BotLogin MATCHING = login(new NumberMatch(42, List.of(17, 42, 88)));
    private static final BotLogin PLAIN = login(null);

    @Test
    void theRightNumberApproves() {
        BotLoginOutcome outcome = TelegramWebhook.decision(MATCHING, "n", "42", "u");
        assertEquals(BotLoginStatus.APPROVED, outcome.status());
        assertEquals("u", outcome.userId());
    }

    @Test
    void aWrongOrMalformedNumberRefuses() {
        for (String picked : new String[] {"17", "88", "43", "", "4 2", "042", null, "99999999999"}) {
            BotLoginOutcome outcome = TelegramWebhook.decision(MATCHING, "n", picked, "u");
            assertEquals(BotLoginStatus.DENIED, outcome.status(), String.valueOf(picked));
            assertEquals(BotLoginOutcome.WRONG_NUMBER, outcome.reason());
        }
    }

    @Test
    void approveWithoutANumberOnlyWhenMatchingIsOff() {
        assertEquals(BotLoginStatus.DENIED, TelegramWebhook.decision(MATCHING, "a", null, "u").status());
        assertEquals(BotLoginStatus.APPROVED, TelegramWebhook.decision(PLAIN, "a", null, "u").status());
        assertEquals(BotLoginStatus.DENIED, TelegramWebhook.decision(PLAIN, "n", "42", "u").status());
    }

    @Test
    void denyAndUnknownKindsRefuse() {
        assertEquals(BotLoginOutcome.DENIED_IN_CHAT, TelegramWebhook.decision(MATCHING, "d", null, "u").reason());
        assertEquals(BotLoginStatus.DENIED, TelegramWebhook.decision(PLAIN, "x", null, "u").status());
    }

    @Test
    void configDefaultsAndClamps() {
        TelegramBotConfig d = TelegramBotConfig.of((java.util.Map<String, String>) null);
        assertEquals(TelegramBotConfig.DEFAULTS, d);
        assertEquals(120, d.tokenLifetimeSeconds());
        assertEquals(true, d.numberMatching());
        TelegramBotConfig odd = TelegramBotConfig.of(java.util.Map.of(TelegramBotConfig.TOKEN_LIFETIME, "1",
                TelegramBotConfig.NUMBER_MATCHING, "maybe", TelegramBotConfig.IDP_ALIAS, " tg "));
        assertEquals(10, odd.tokenLifetimeSeconds());
        assertEquals(true, odd.numberMatching());
        assertEquals("tg", odd.idpAlias());
        assertEquals(900, TelegramBotConfig.of(java.util.Map.of(TelegramBotConfig.TOKEN_LIFETIME, "99999"))
                .tokenLifetimeSeconds());
        assertEquals(false, TelegramBotConfig.of(java.util.Map.of(TelegramBotConfig.NUMBER_MATCHING, "false"))
                .numberMatching());
    }
}
