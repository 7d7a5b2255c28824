package io.usso.keycloak.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OperatorNetworks;
import io.usso.keycloak.common.http.OutboundHttpGuard;
import io.usso.keycloak.telegram.TelegramSettings;

/** The Bot API client against a local HTTP server standing in for Telegram. */
class BotApiTest {

    private static final String TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private OutboundHttpGuard guard;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"ok\":true,\"result\":true}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(JSON.readTree(in.readAllBytes()));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (status == 302) {
                exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        guard = new OutboundHttpGuard(OperatorNetworks.parse("127.0.0.1/32"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        guard.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private BotApi api() {
        return new BotApi(guard, AllowList.parse("127.0.0.1:" + server.getAddress().getPort()));
    }

    private static TelegramSettings bot(String base, String token) {
        return new TelegramSettings("telegram", "usso_bot", token, 300, false, URI.create(base),
                TelegramSettings.DEFAULT_OAUTH_BASE_URL, "secret");
    }

    @Test
    void sendMessagePostsJsonToTheTokensMethodAndReadsTheMessage() throws Exception {
        answer = "{\"ok\":true,\"result\":{\"message_id\":7,\"date\":1700000000,\"chat\":{\"id\":5001,"
                + "\"type\":\"private\"},\"text\":\"hi\"}}";
        SendMessage send = SendMessage.builder().chatId("5001").text("Log in?").replyMarkup(InlineKeyboardMarkup
                .builder().keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("42")
                        .callbackData("n:p:42").build())).build()).build();
        Message message = api().call(bot(base() + "/", TOKEN), send);
        assertEquals(7, message.getMessageId());
        // Telegram's method names are case-insensitive; telegrambots-meta names them in lower case
        assertEquals(List.of("/bot" + TOKEN + "/sendmessage"), paths);
        JsonNode body = bodies.get(0);
        assertEquals("5001", body.path("chat_id").asText());
        assertEquals("Log in?", body.path("text").asText());
        assertEquals("n:p:42", body.path("reply_markup").path("inline_keyboard").path(0).path(0)
                .path("callback_data").asText());
        assertFalse(body.has("parse_mode"), "plain text, no markup: " + body);
    }

    @Test
    void setWebhookSendsTheSecretToken() throws Exception {
        Boolean ok = api().call(bot(base(), TOKEN), SetWebhook.builder().url("https://id.example.com/realms/a/telegram/webhook")
                .secretToken("s3cret").build());
        assertTrue(ok);
        assertEquals("s3cret", bodies.get(0).path("secret_token").asText());
        assertEquals("https://id.example.com/realms/a/telegram/webhook", bodies.get(0).path("url").asText());
        assertFalse(bodies.get(0).has("certificate"));
    }

    @Test
    void telegramsErrorsAreExceptionsWithoutTheToken() {
        status = 400;
        answer = "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: query is too old\"}";
        BotApiException e = assertThrows(BotApiException.class, () -> api().call(bot(base(), TOKEN),
                AnswerCallbackQuery.builder().callbackQueryId("q").text("x").build()));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("answercallbackquery") && e.getMessage().contains("400"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN) || e.getMessage().contains("AAbbCC"), e.getMessage());
    }

    @Test
    void unreadableAnswersAndRedirectsFail() {
        answer = "<html>proxy error</html>";
        assertThrows(BotApiException.class, () -> api().call(bot(base(), TOKEN),
                AnswerCallbackQuery.builder().callbackQueryId("q").build()));
        status = 302;
        BotApiException e = assertThrows(BotApiException.class, () -> api().call(bot(base(), TOKEN),
                AnswerCallbackQuery.builder().callbackQueryId("q").build()));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void aHostOffTheAllowListOrAMalformedTokenIsNeverCalled() {
        BotApi strict = new BotApi(guard, AllowList.parse("api.telegram.org"));
        BotApiException off = assertThrows(BotApiException.class, () -> strict.call(bot(base(), TOKEN),
                AnswerCallbackQuery.builder().callbackQueryId("q").build()));
        assertFalse(off.getMessage().contains(TOKEN), off.getMessage());
        for (String token : new String[] {"", "abc", "123:short", "123456789:AAbbCCddEEffGGhhIIjj/../x", TOKEN + "?a=b"}) {
            assertThrows(BotApiException.class, () -> api().call(bot(base(), token),
                    AnswerCallbackQuery.builder().callbackQueryId("q").build()), token);
        }
        assertTrue(paths.isEmpty(), "nothing reached the server: " + paths);
    }
}
