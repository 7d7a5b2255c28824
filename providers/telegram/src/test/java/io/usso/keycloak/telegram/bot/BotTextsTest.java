package io.usso.keycloak.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BotTextsTest {

    @Test
    void persianForFaEnglishOtherwiseWithPlaceholdersFilled() {
        String en = BotTexts.of("en").format(BotTexts.ASK, "Acme", "Chrome on Windows", "203.0.113.9");
        assertEquals("Log in to Acme from Chrome on Windows (203.0.113.9)?", en);
        assertEquals(en, BotTexts.of(null).format(BotTexts.ASK, "Acme", "Chrome on Windows", "203.0.113.9"));
        String fa = BotTexts.of("fa-IR").format(BotTexts.ASK, "Acme", "Chrome on Windows", "203.0.113.9");
        assertNotEquals(en, fa);
        assertTrue(fa.contains("Acme") && !fa.contains("{0}"), fa);
    }

    @Test
    void secretsHaveOneShapeAndAreRandom() {
        String a = BotLoginSecrets.newToken();
        assertTrue(BotLoginSecrets.isToken(a));
        assertNotEquals(a, BotLoginSecrets.newToken());
        assertFalse(BotLoginSecrets.isToken(null));
        assertFalse(BotLoginSecrets.isToken(a + "x"));
        assertFalse(BotLoginSecrets.isToken(a.substring(1) + "/"));
        assertEquals(64, BotLoginSecrets.hash(a).length());
    }

    @Test
    void waitParameters() {
        assertEquals(0, TelegramBotStatus.parseWait(null, 10));
        assertEquals(10, TelegramBotStatus.parseWait("999", 10));
        assertEquals(3, TelegramBotStatus.parseWait(" 3 ", 10));
        assertEquals(-1, TelegramBotStatus.parseWait("-1", 10));
        assertEquals(-1, TelegramBotStatus.parseWait("1e3", 10));
        assertEquals(-1, TelegramBotStatus.parseWait("9".repeat(20), 10));
    }
}
