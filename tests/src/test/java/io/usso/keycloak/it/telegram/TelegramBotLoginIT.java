package io.usso.keycloak.it.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;

/**
 * Bot-confirmed login end to end against the real distribution: a fake Telegram Bot API on loopback records what the
 * bot sends and plays Telegram's side of the webhook. Headless Chromium signs in by pressing the browser's number;
 * over plain HTTP: Deny, a wrong number, an expired link, replays of the start token and of the buttons, another
 * browser's status and form, and a Telegram account linked to nobody.
 */
class TelegramBotLoginIT extends TenantIT {

    private static final long ALICE_TG = 5_000_001L;
    private static final long STRANGER_TG = 5_000_999L;
    private static final String VERIFIER = "t".repeat(50);

    private FakeTelegramBotApi bot;
    private TelegramBotTenant tg;

    @Override
    protected void setUpTenant() {
        tg = new TelegramBotTenant(admin, realm);
        try {
            bot = new FakeTelegramBotApi(tg.token);
        } catch (IOException e) {
            throw new AssertionError("fake Bot API", e);
        }
        tg.createIdentityProvider(bot.baseUrl());
        String aliceId = admin.createUser(realm, "alice", "Tg-Bot-Login-7!", Map.of());
        tg.link(aliceId, ALICE_TG);
        tg.createFlowAndClient("tg-browser", Map.of(), "tg-app");
        tg.createFlowAndClient("tg-fast", Map.of("token.lifetime.seconds", "10"), "tg-fast-app");
        tg.createFlowAndClient("tg-plain", Map.of("number.matching", "false"), "tg-plain-app");
    }

    @AfterAll
    void stopFake() {
        if (bot != null) {
            bot.close();
        }
    }

    @BeforeEach
    void forgetCalls() {
        bot.clear();
    }

    private String webhook() {
        return realmUrl() + "/telegram/webhook";
    }

    private Http.Response deliver(Object update) {
        return FakeTelegramBotApi.post(webhook(), tg.secret, update);
    }

    /** Sends {@code /start <token>} from {@code telegramId} and returns the bot's question with its buttons. */
    private Map<String, String> startAndGetButtons(String startToken, long telegramId) {
        AdminApi.expect(deliver(bot.start(telegramId, startToken)), 200, "/start");
        JsonNode sent = bot.await("sendMessage", b -> b.path("chat_id").asText().equals(String.valueOf(telegramId))
                && b.has("reply_markup") && b.path("reply_markup").has("inline_keyboard"), Duration.ofSeconds(5)).body();
        Map<String, String> buttons = new LinkedHashMap<>();
        for (JsonNode row : sent.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                buttons.put(button.path("text").asText(), button.path("callback_data").asText());
            }
        }
        buttons.put("#text", sent.path("text").asText());
        return buttons;
    }

    @Test
    void pressingTheBrowsersNumberSignsTheBrowserInWithinThreeSeconds() {
        WebDriver browser = Browser.open("en");
        try {
            browser.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of("client_id", "tg-app",
                    "redirect_uri", TelegramBotTenant.REDIRECT_URI, "response_type", "code", "scope", "openid",
                    "state", "st", "code_challenge", OidcLogin.s256(VERIFIER), "code_challenge_method", "S256",
                    "kc_locale", "en")));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.pollingEvery(Duration.ofMillis(50));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usso-tg svg")));
            String deepLink = browser.findElement(By.id("usso-tg")).getDomAttribute("data-deep-link");
            assertTrue(deepLink.startsWith("https://t.me/" + TelegramBotTenant.BOT + "?start="), deepLink);
            assertEquals(deepLink, browser.findElement(By.id("usso-tg-link")).getDomAttribute("href"));
            String number = browser.findElement(By.id("usso-tg-number")).getText().strip();
            Browser.screenshot(browser, "telegram-bot-waiting");

            Map<String, String> buttons = startAndGetButtons(deepLink.substring(deepLink.indexOf("start=") + 6),
                    ALICE_TG);
            String question = buttons.remove("#text");
            assertTrue(question.contains("Tenant TelegramBotLoginIT") && question.contains("Chrome"),
                    "the chat says where the sign-in comes from: " + question);
            assertEquals(4, buttons.size(), "three numbers and Deny: " + buttons);
            assertTrue(buttons.containsKey(number) && buttons.containsKey("Deny"), buttons.toString());

            long pressed = System.nanoTime();
            AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get(number))), 200, "press");
            new WebDriverWait(browser, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(20))
                    .until(d -> d.getCurrentUrl().startsWith(TelegramBotTenant.REDIRECT_URI));
            long millis = (System.nanoTime() - pressed) / 1_000_000;
            System.out.printf("[usso-it] Telegram bot login: button press to browser redirect %d ms%n", millis);
            assertTrue(millis < 3000, "signed in " + millis + " ms after the press");
            bot.await("answerCallbackQuery", b -> b.path("text").asText().startsWith("Signed in"),
                    Duration.ofSeconds(5));
            // the question in the chat becomes its outcome, without buttons
            bot.await("editMessageText", b -> b.path("text").asText().startsWith("Signed in")
                    && !b.has("reply_markup") && b.path("message_id").asLong() > 0, Duration.ofSeconds(5));

            String code = OidcLogin.query(URI.create(browser.getCurrentUrl()).getRawQuery()).get("code");
            Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "authorization_code", "client_id", "tg-app", "code", code,
                    "redirect_uri", TelegramBotTenant.REDIRECT_URI, "code_verifier", VERIFIER));
            AdminApi.expect(token, 200, "code exchange");
            JsonNode claims = OidcLogin.claims(token.json().path("access_token").asText());
            assertEquals("alice", claims.path("preferred_username").asText());
            assertTrue(claims.path("amr").toString().contains("telegram"), "amr: " + claims.path("amr"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void denyRefusesTheBrowser() {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        Map<String, String> buttons = startAndGetButtons(desktop.startToken(), ALICE_TG);
        // the place comes from the node's GeoIP table (the test table puts 127.0.0.0/8 in Amsterdam)
        assertTrue(buttons.get("#text").contains("(127.0.0.1, Amsterdam, Netherlands)"), buttons.get("#text"));
        AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get("Deny"))), 200, "deny");
        JsonNode status = desktop.status(5).json();
        assertEquals("denied", status.path("status").asText());
        Http.Response after = desktop.complete();
        assertEquals(200, after.status(), "a new page, not a redirect");
        assertTrue(after.body().contains("denied in Telegram"), after.body());
        bot.await("answerCallbackQuery", b -> b.path("text").asText().equals("Sign-in denied."), Duration.ofSeconds(5));
        bot.await("editMessageText", b -> b.path("text").asText().equals("Sign-in denied."), Duration.ofSeconds(5));
    }

    @Test
    void aWrongNumberRefusesAndTheRightOneCannotBePressedAfterwards() {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        Map<String, String> buttons = startAndGetButtons(desktop.startToken(), ALICE_TG);
        String right = String.valueOf(desktop.number());
        String wrong = buttons.keySet().stream().filter(k -> k.matches("[0-9]+") && !k.equals(right)).findFirst()
                .orElseThrow();
        AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get(wrong))), 200, "wrong number");
        JsonNode status = desktop.status(5).json();
        assertEquals("denied", status.path("status").asText());
        assertEquals("wrong_number", status.path("reason").asText());
        AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get(right))), 200, "right number too late");
        bot.await("answerCallbackQuery", b -> b.path("text").asText().contains("already answered"),
                Duration.ofSeconds(5));
        assertEquals(200, desktop.complete().status(), "not signed in");
    }

    @Test
    void anExpiredLinkCannotBeConfirmed() throws InterruptedException {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-fast-app").open();
        Thread.sleep(11_000);
        AdminApi.expect(deliver(bot.start(ALICE_TG, desktop.startToken())), 200, "late /start");
        bot.await("sendMessage", b -> b.path("text").asText().contains("expired"), Duration.ofSeconds(5));
        assertFalse(bot.calls().stream().anyMatch(c -> c.body().has("reply_markup")), "no buttons for an old link");
        JsonNode status = desktop.status(0).json();
        assertEquals("expired", status.path("status").asText());
        Http.Response after = desktop.complete();
        assertEquals(200, after.status());
        assertTrue(after.body().contains("has expired"), after.body());
    }

    @Test
    void theStartTokenAndTheButtonsWorkOnce() {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        Map<String, String> buttons = startAndGetButtons(desktop.startToken(), ALICE_TG);
        bot.clear();
        // the same link again (a forwarded deep link, a second tap): no second question
        AdminApi.expect(deliver(bot.start(ALICE_TG, desktop.startToken())), 200, "second /start");
        bot.await("sendMessage", b -> b.path("text").asText().contains("expired or was already used"),
                Duration.ofSeconds(5));
        String number = String.valueOf(desktop.number());
        AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get(number))), 200, "press");
        assertEquals("approved", desktop.status(5).json().path("status").asText());
        String code = TelegramBotDesktop.codeOf(desktop.complete());
        assertNotNull(desktop.exchange(code).path("access_token").asText(null));
        // pressing again approves nothing more; the finished login is gone for the status too
        AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get(number))), 200, "press again");
        assertEquals(404, desktop.status(0).status());
        // an update delivered twice (Telegram retries) is handled once
        var update = bot.textUpdate(bot.nextUpdateId(), ALICE_TG, "/start");
        assertEquals("help", deliver(update).json().path("result").asText());
        assertEquals("duplicate", deliver(update).json().path("result").asText());
    }

    @Test
    void anotherBrowserLearnsNothingAndCannotUseTheApproval() {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        Http.Response stranger = Http.withCookies().get(desktop.statusUrl() + "?wait=0");
        assertEquals(403, stranger.status());
        assertEquals("access_denied", stranger.json().path("error").asText());
        TelegramBotDesktop other = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        assertNotEquals(desktop.startToken(), other.startToken());
        Map<String, String> buttons = startAndGetButtons(desktop.startToken(), ALICE_TG);
        AdminApi.expect(deliver(bot.press(ALICE_TG, buttons.get(String.valueOf(desktop.number())))), 200, "press");
        assertEquals("approved", desktop.status(5).json().path("status").asText());
        // the other browser's own login is untouched, and its form does not complete with the first one's approval
        assertEquals("pending", other.status(0).json().path("status").asText());
        Http.Response otherComplete = other.complete();
        assertEquals(200, otherComplete.status(), "the other browser gets a new link, not a sign-in");
        Http.Response cookieless = desktop.completeFromAnotherBrowser();
        assertNotEquals(302, cookieless.status(), "no sign-in without the waiting browser's cookies");
        // the waiting browser itself still completes
        assertNotNull(TelegramBotDesktop.codeOf(desktop.complete()));
    }

    @Test
    void aTelegramAccountLinkedToNobodyIsRefused() {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        AdminApi.expect(deliver(bot.start(STRANGER_TG, desktop.startToken())), 200, "/start by a stranger");
        bot.await("sendMessage", b -> b.path("chat_id").asText().equals(String.valueOf(STRANGER_TG))
                && b.path("text").asText().contains("not linked"), Duration.ofSeconds(5));
        JsonNode status = desktop.status(5).json();
        assertEquals("denied", status.path("status").asText());
        assertEquals("not_linked", status.path("reason").asText());
        Http.Response after = desktop.complete();
        assertTrue(after.body().contains("not linked to an account here"), after.body());
    }

    @Test
    void withoutNumberMatchingTheChatOffersApproveAndDeny() {
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-plain-app").open();
        assertFalse(desktop.page().contains("id=\"usso-tg-number\""), "no number to match");
        Map<String, String> buttons = startAndGetButtons(desktop.startToken(), ALICE_TG);
        buttons.remove("#text");
        assertEquals(List.of("Approve", "Deny"), new ArrayList<>(buttons.keySet()));
        // a forged number press on a login without numbers approves nothing
        String forged = buttons.get("Approve").replaceFirst("^a:", "n:") + ":42";
        AdminApi.expect(deliver(bot.press(ALICE_TG, forged)), 200, "forged press");
        assertEquals("denied", desktop.status(5).json().path("status").asText());
    }
}
