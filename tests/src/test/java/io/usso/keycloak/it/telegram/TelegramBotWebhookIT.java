package io.usso.keycloak.it.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;

/**
 * The bot's webhook against the real distribution: Telegram's secret header (missing: 401, wrong or another
 * tenant's: 403, JSON errors), malformed and odd updates (4xx or an ignored 200, never a 5xx), and contact sharing
 * (the sender's own contact becomes the linked user's verified phone; someone else's contact is ignored).
 */
class TelegramBotWebhookIT extends TenantIT {

    private static final long ALICE_TG = 6_000_001L;
    private static final long BOB_TG = 6_000_002L;

    private FakeTelegramBotApi bot;
    private TelegramBotTenant tg;
    private String aliceId;
    private String bobId;

    @Override
    protected void setUpTenant() {
        tg = new TelegramBotTenant(admin, realm);
        try {
            bot = new FakeTelegramBotApi(tg.token);
        } catch (IOException e) {
            throw new AssertionError("fake Bot API", e);
        }
        tg.createIdentityProvider(bot.baseUrl());
        aliceId = admin.createUser(realm, "alice", "Tg-Webhook-7!", Map.of());
        bobId = admin.createUser(realm, "bob", "Tg-Webhook-8!", Map.of());
        tg.link(aliceId, ALICE_TG);
        tg.link(bobId, BOB_TG);
        // the phone attributes are not declared in the template's user profile: let the admin API show them
        ObjectNode profile = (ObjectNode) admin.getJson("/" + realm + "/users/profile");
        profile.put("unmanagedAttributePolicy", "ADMIN_VIEW");
        AdminApi.expect(admin.put("/" + realm + "/users/profile", profile), 200, "user profile");
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

    @Test
    void withoutTheSecretHeader401WithAWrongOne403() {
        ObjectNode update = bot.textUpdate(bot.nextUpdateId(), ALICE_TG, "/start");
        Http.Response none = FakeTelegramBotApi.post(webhook(), null, update);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().path("error").asText());
        assertTrue(none.json().has("error_description"));
        Http.Response wrong = FakeTelegramBotApi.post(webhook(), tg.secret + "x", update);
        assertEquals(403, wrong.status());
        assertEquals("forbidden", wrong.json().path("error").asText());
        Http.Response empty = FakeTelegramBotApi.post(webhook(), "", update);
        assertEquals(401, empty.status());
        // the right secret on another tenant's webhook is refused too
        Http.Response otherTenant = FakeTelegramBotApi.post(server.realmUrl("master") + "/telegram/webhook",
                tg.secret, update);
        assertEquals(403, otherTenant.status());
        assertTrue(bot.calls().isEmpty(), "refused updates make the bot say nothing: " + bot.calls());
        Http.Response right = FakeTelegramBotApi.post(webhook(), tg.secret, update);
        assertEquals(200, right.status());
        bot.await("sendMessage", b -> b.path("text").asText().contains("Confirm in Telegram"), Duration.ofSeconds(5));
    }

    @Test
    void malformedUpdatesNeverReachA5xx() {
        List<String> bodies = List.of("", "not json", "[]", "{}", "null", "{\"update_id\":\"x\"}",
                "{\"update_id\":1e400}", "{\"update_id\":-1,\"message\":5}", "{\"update_id\":7,\"message\":{\"text\":[1]}}",
                "{\"update_id\":8,\"callback_query\":{\"id\":\"q\",\"data\":\"n:zz:42\"}}",
                "{\"update_id\":9,\"callback_query\":{\"id\":\"q\",\"from\":{\"id\":6000001},\"data\":\"n:"
                        + "A".repeat(43) + ":42\"}}",
                "{\"update_id\":10,\"message\":{\"chat\":{\"id\":1,\"type\":\"group\"},\"from\":{\"id\":1},"
                        + "\"text\":\"/start " + "B".repeat(43) + "\"}}",
                "{\"update_id\":11,\"message\":{\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"/start\"}}",
                "{\"update_id\":12,\"edited_message\":{\"text\":\"hi\"}}",
                "{\"update_id\":13,\"message\":{\"chat\":{\"id\":1,\"type\":\"private\"},\"from\":{\"id\":1},"
                        + "\"contact\":{\"phone_number\":\"\\u0000\",\"first_name\":\"x\"}}}",
                "{\"update_id\":" + "9".repeat(40) + "}",
                "{\"update_id\":14," + "\"a\":[".repeat(2000) + "]".repeat(2000) + "}",
                "{\"update_id\":15,\"x\":\"" + "y".repeat(70_000) + "\"}");
        for (String body : bodies) {
            Http.Response r = FakeTelegramBotApi.post(webhook(), tg.secret, body);
            String shown = body.length() > 80 ? body.substring(0, 80) + "..." : body;
            assertTrue(r.status() < 500, shown + " -> " + r.status() + " " + r.body());
            assertTrue(r.status() == 200 || r.json().has("error"), shown + " -> " + r.body());
        }
    }

    @Test
    void aSharedOwnContactBecomesTheVerifiedPhoneSomeoneElsesIsIgnored() {
        // bob forwards alice's contact card: ignored
        Http.Response foreign = FakeTelegramBotApi.post(webhook(), tg.secret,
                bot.contact(BOB_TG, ALICE_TG, "+98 912 000 1111"));
        assertEquals(200, foreign.status());
        bot.await("sendMessage", b -> b.path("text").asText().contains("your own contact"), Duration.ofSeconds(5));
        JsonNode bob = admin.getJson("/" + realm + "/users/" + bobId);
        assertTrue(bob.path("attributes").path("phone_number").isMissingNode(), bob.toString());
        // alice shares her own: stored, verified, and an event
        Http.Response own = FakeTelegramBotApi.post(webhook(), tg.secret,
                bot.contact(ALICE_TG, ALICE_TG, "+98 912 000 1111"));
        assertEquals(200, own.status());
        assertEquals("phone_saved", own.json().path("result").asText());
        JsonNode alice = admin.getJson("/" + realm + "/users/" + aliceId);
        assertEquals("989120001111", alice.path("attributes").path("phone_number").path(0).asText(), alice.toString());
        assertEquals("true", alice.path("attributes").path("phone_number_verified").path(0).asText());
        bot.await("sendMessage", b -> b.path("text").asText().contains("saved as verified")
                && b.path("reply_markup").path("remove_keyboard").asBoolean(), Duration.ofSeconds(5));
        // bob cannot take alice's verified number with his own contact card claiming it
        Http.Response taken = FakeTelegramBotApi.post(webhook(), tg.secret,
                bot.contact(BOB_TG, BOB_TG, "+98 912 000 1111"));
        assertEquals("phone_taken", taken.json().path("result").asText());
        JsonNode events = admin.getJson("/" + realm + "/events?type=UPDATE_PROFILE&user=" + aliceId);
        assertTrue(events.toString().contains("TELEGRAM_PHONE_SHARED"), events.toString());
        AdminApi.expect(admin.get("/" + realm + "/users/" + bobId), 200, "bob still there");
    }

    @Test
    void theAdminEndpointRegistersTheWebhookWithTheSecret() {
        Http.Response r = admin.post("/" + realm + "/telegram/webhook", Map.of());
        AdminApi.expect(r, 200, "register webhook");
        assertTrue(r.json().path("url").asText().endsWith("/realms/" + realm + "/telegram/webhook"), r.body());
        JsonNode call = bot.await("setWebhook", b -> true, Duration.ofSeconds(5)).body();
        assertEquals(r.json().path("url").asText(), call.path("url").asText());
        assertEquals(tg.secret, call.path("secret_token").asText());
        assertTrue(call.path("allowed_updates").toString().contains("callback_query"), call.toString());
        assertTrue(!r.body().contains(tg.secret) && !r.body().contains(tg.token), "no secret in the answer");
        Http.Response unknown = admin.post("/" + realm + "/telegram/webhook", Map.of("alias", "nope"));
        assertEquals(404, unknown.status());
        Http.Response malformed = admin.post("/" + realm + "/telegram/webhook", "[1]");
        assertEquals(400, malformed.status());
        Http.Response anonymous = Http.plain().postJson(server.baseUrl() + "/admin/realms/" + realm
                + "/telegram/webhook", Map.of());
        assertEquals(401, anonymous.status());
    }
}
