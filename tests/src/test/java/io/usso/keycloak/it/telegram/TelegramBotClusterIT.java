package io.usso.keycloak.it.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ClusterTenantIT;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;

/**
 * The browser on node A, Telegram's webhook on node B: the login, its start token, the chat's prompt and the
 * decision live in the cluster-wide single-use store, so node A's long poll sees node B's decision, and a token or
 * button used on one node is spent on the other. Runs in the PostgreSQL run of the suite (two nodes).
 */
class TelegramBotClusterIT extends ClusterTenantIT {

    private static final long ALICE_TG = 7_000_001L;

    private FakeTelegramBotApi bot;
    private TelegramBotTenant tg;
    private String aliceId;

    @Override
    protected String peerName() {
        return "tg-b";
    }

    @Override
    protected void setUpTenant() {
        tg = new TelegramBotTenant(admin, realm);
        try {
            bot = new FakeTelegramBotApi(tg.token);
        } catch (IOException e) {
            throw new AssertionError("fake Bot API", e);
        }
        tg.createIdentityProvider(bot.baseUrl());
        aliceId = admin.createUser(realm, "alice", "Tg-Cluster-7!", Map.of());
        tg.link(aliceId, ALICE_TG);
        tg.createFlowAndClient("tg-browser", Map.of(), "tg-app");
    }

    @AfterAll
    void stopFake() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void browserOnNodeAWebhookOnNodeB() throws Exception {
        String webhookOnB = OidcLogin.rebase(realmUrl(), b.baseUrl()) + "/telegram/webhook";
        String webhookOnA = realmUrl() + "/telegram/webhook";
        TelegramBotDesktop desktop = new TelegramBotDesktop(realmUrl(), "tg-app").open();
        CompletableFuture<String> statusOnA = CompletableFuture.supplyAsync(
                () -> desktop.status(10).json().path("status").asText());
        AdminApi.expect(FakeTelegramBotApi.post(webhookOnB, tg.secret, bot.start(ALICE_TG, desktop.startToken())),
                200, "/start on node B");
        JsonNode sent = bot.await("sendMessage", m -> m.path("reply_markup").has("inline_keyboard"),
                Duration.ofSeconds(5)).body();
        Map<String, String> buttons = new LinkedHashMap<>();
        for (JsonNode button : sent.path("reply_markup").path("inline_keyboard").path(0)) {
            buttons.put(button.path("text").asText(), button.path("callback_data").asText());
        }
        // the start token node B consumed is spent on node A too
        bot.clear();
        AdminApi.expect(FakeTelegramBotApi.post(webhookOnA, tg.secret, bot.start(ALICE_TG, desktop.startToken())),
                200, "/start again on node A");
        bot.await("sendMessage", m -> m.path("text").asText().contains("already used"), Duration.ofSeconds(5));

        String press = buttons.get(String.valueOf(desktop.number()));
        AdminApi.expect(FakeTelegramBotApi.post(webhookOnB, tg.secret, bot.press(ALICE_TG, press)), 200,
                "press on node B");
        assertEquals("approved", statusOnA.get(10, TimeUnit.SECONDS), "node A's long poll sees node B's decision");
        JsonNode claims = OidcLogin.claims(desktop.exchange(TelegramBotDesktop.codeOf(desktop.complete()))
                .path("access_token").asText());
        assertEquals(aliceId, claims.path("sub").asText());
        // the same press delivered to node A (another update id) decides nothing more
        Http.Response again = FakeTelegramBotApi.post(webhookOnA, tg.secret, bot.press(ALICE_TG, press));
        assertNotNull(again.json().path("result").asText(null));
        assertEquals(404, desktop.status(0).status(), "the finished login is gone on node A");
    }
}
