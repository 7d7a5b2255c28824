package io.usso.keycloak.telegram.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.telegram.TelegramSettings;

class TelegramIdentityProviderTest {

    private static TelegramSettings settings(boolean writeAccess) {
        return new TelegramSettings("telegram", "usso_bot", "123456789:SECRETsecretSECRETsecret_-12", 300,
                writeAccess, TelegramSettings.DEFAULT_BOT_API_BASE_URL, URI.create("https://oauth.example.test/base"),
                "");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void authorisationGoesToTelegramWithBotIdOriginAndReturnAddress() {
        URI returnTo = URI.create("https://id.example.org/realms/acme/broker/telegram/endpoint?state=abc.def-ghi");
        URI auth = TelegramIdentityProvider.authorisationUri(settings(false), "https://id.example.org", returnTo);
        assertEquals("https://oauth.example.test/base/auth", auth.getScheme() + "://" + auth.getRawAuthority()
                + auth.getRawPath());
        Map<String, String> q = query(auth);
        assertEquals("123456789", q.get("bot_id"));
        assertEquals("https://id.example.org", q.get("origin"));
        assertEquals(returnTo.toString(), q.get("return_to"));
        assertFalse(q.containsKey("request_access"));
        assertFalse(auth.toString().contains("SECRET"), "only the bot id leaves the server");

        assertEquals("write", query(TelegramIdentityProvider.authorisationUri(settings(true),
                "https://id.example.org", returnTo)).get("request_access"));
    }

    @Test
    void originIsSchemeHostAndPort() {
        assertEquals("http://localhost:8080",
                TelegramIdentityProvider.origin(URI.create("http://localhost:8080/realms/x/")));
        assertEquals("https://id.example.org", TelegramIdentityProvider.origin(URI.create("https://id.example.org/")));
    }

    @Test
    void savingRequiresABotTokenOrAVaultReference() {
        TelegramIdentityProviderConfig config = new TelegramIdentityProviderConfig();
        config.setAlias("telegram");
        config.getConfig().put(TelegramSettings.BOT_TOKEN, "  ");
        assertThrows(IllegalArgumentException.class, () -> config.validate(null));
        config.getConfig().put(TelegramSettings.BOT_TOKEN, "not-a-token");
        assertThrows(IllegalArgumentException.class, () -> config.validate(null));
        config.getConfig().put(TelegramSettings.BOT_TOKEN, "${vault.telegram-bot-token}");
        config.validate(null);
        config.getConfig().put(TelegramSettings.BOT_TOKEN, "123456789:AAEk-abcdefghijklmnopqrstu");
        config.validate(null);
    }

    @Test
    void theAdminConsoleShowsEveryTelegramSetting() {
        var names = TelegramIdentityProviderConfig.properties().stream().map(p -> p.getName()).toList();
        assertEquals(java.util.List.of(TelegramSettings.BOT_USERNAME, TelegramSettings.BOT_TOKEN,
                TelegramSettings.MAX_AUTH_AGE, TelegramSettings.REQUEST_WRITE_ACCESS, TelegramSettings.OAUTH_BASE_URL,
                TelegramSettings.BOT_API_BASE_URL, TelegramSettings.WEBHOOK_SECRET), names);
        assertTrue(TelegramIdentityProviderConfig.properties().stream()
                .filter(p -> p.getName().equals(TelegramSettings.BOT_TOKEN)).allMatch(p -> p.isSecret()));
    }
}
