package io.usso.keycloak.it.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoServer;

/**
 * A local stand-in for Telegram's Bot API on loopback ({@link UssoServer#fakeServicePort()}, the port the server's
 * outbound guard lets the Telegram module reach): records each {@code POST /bot<token>/<method>} (JSON body) and
 * answers like Telegram ({@code {"ok": true, "result": ...}}; a wrong token gets Telegram's 401). Also plays
 * Telegram's side of the webhook: {@link #post} delivers an update to USSO with the secret header.
 */
final class FakeTelegramBotApi implements AutoCloseable {

    /** A recorded call. */
    record Call(String method, JsonNode body) {
    }

    private final HttpServer server;
    private final String token;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong updateIds = new AtomicLong(100_000 + (System.nanoTime() & 0xffff));
    private final AtomicLong messageIds = new AtomicLong(1);
    private final java.util.Map<Long, Long> lastMessageTo = new java.util.concurrent.ConcurrentHashMap<>();

    FakeTelegramBotApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                UssoServer.fakeServicePort()), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** @return the Bot API base URL to configure */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] in;
        try (InputStream body = exchange.getRequestBody()) {
            in = body.readAllBytes();
        }
        String prefix = "/bot" + token + "/";
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(prefix)) {
            answer(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            return;
        }
        // Telegram's method names are case-insensitive (telegrambots-meta sends them in lower case)
        String method = path.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT);
        JsonNode body = in.length == 0 ? Http.JSON.createObjectNode() : Http.JSON.readTree(in);
        synchronized (calls) {
            calls.add(new Call(method, body));
            calls.notifyAll();
        }
        String result;
        if (method.equals("sendmessage")) {
            ObjectNode message = Http.JSON.createObjectNode();
            long messageId = messageIds.getAndIncrement();
            lastMessageTo.put(body.path("chat_id").asLong(), messageId);
            message.put("message_id", messageId);
            message.put("date", System.currentTimeMillis() / 1000);
            ObjectNode chat = message.putObject("chat");
            chat.put("id", body.path("chat_id").asLong());
            chat.put("type", "private");
            message.put("text", body.path("text").asText());
            result = message.toString();
        } else {
            result = "true";
        }
        answer(exchange, 200, "{\"ok\":true,\"result\":" + result + "}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    /** @return all calls so far */
    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Forgets the recorded calls. */
    void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /**
     * @param method a Bot API method
     * @param match what the call must look like
     * @param timeout how long to wait
     * @return the first recorded call of that method matching
     */
    Call await(String method, Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (true) {
                for (Call call : calls) {
                    if (call.method().equalsIgnoreCase(method) && match.test(call.body())) {
                        return call;
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("no " + method + " call matching within " + timeout + "; calls: " + calls);
                }
                try {
                    calls.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** @return a fresh update id */
    long nextUpdateId() {
        return updateIds.incrementAndGet();
    }

    /** A private-chat message from {@code telegramId} with {@code text}. */
    ObjectNode textUpdate(long updateId, long telegramId, String text) {
        ObjectNode update = Http.JSON.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", messageIds.getAndIncrement());
        message.put("date", System.currentTimeMillis() / 1000);
        message.set("chat", chat(telegramId));
        message.set("from", user(telegramId));
        message.put("text", text);
        return update;
    }

    /** {@code /start <token>} from {@code telegramId}. */
    ObjectNode start(long telegramId, String startToken) {
        ObjectNode update = textUpdate(nextUpdateId(), telegramId, "/start " + startToken);
        ObjectNode entity = ((ObjectNode) update.get("message")).putArray("entities").addObject();
        entity.put("type", "bot_command");
        entity.put("offset", 0);
        entity.put("length", 6);
        return update;
    }

    /** A button press of {@code telegramId} with {@code data}. */
    ObjectNode press(long telegramId, String data) {
        ObjectNode update = Http.JSON.createObjectNode();
        long id = nextUpdateId();
        update.put("update_id", id);
        ObjectNode query = update.putObject("callback_query");
        query.put("id", "cq-" + id);
        query.set("from", user(telegramId));
        query.put("chat_instance", "ci-" + telegramId);
        query.put("data", data);
        // like Telegram: the message the buttons are on (the latest one sent to that chat)
        Long onMessage = lastMessageTo.get(telegramId);
        if (onMessage != null) {
            ObjectNode message = query.putObject("message");
            message.put("message_id", onMessage);
            message.put("date", System.currentTimeMillis() / 1000);
            message.set("chat", chat(telegramId));
            message.put("text", "question");
        }
        return update;
    }

    /** A shared contact sent by {@code telegramId} whose {@code user_id} is {@code contactUserId}. */
    ObjectNode contact(long telegramId, long contactUserId, String phone) {
        ObjectNode update = Http.JSON.createObjectNode();
        update.put("update_id", nextUpdateId());
        ObjectNode message = update.putObject("message");
        message.put("message_id", messageIds.getAndIncrement());
        message.put("date", System.currentTimeMillis() / 1000);
        message.set("chat", chat(telegramId));
        message.set("from", user(telegramId));
        ObjectNode contact = message.putObject("contact");
        contact.put("phone_number", phone);
        contact.put("first_name", "Someone");
        contact.put("user_id", contactUserId);
        return update;
    }

    private static ObjectNode chat(long telegramId) {
        ObjectNode chat = Http.JSON.createObjectNode();
        chat.put("id", telegramId);
        chat.put("type", "private");
        chat.put("first_name", "Tg" + telegramId);
        return chat;
    }

    private static ObjectNode user(long telegramId) {
        ObjectNode user = Http.JSON.createObjectNode();
        user.put("id", telegramId);
        user.put("is_bot", false);
        user.put("first_name", "Tg" + telegramId);
        user.put("language_code", "en");
        return user;
    }

    /**
     * Delivers an update to USSO's webhook as Telegram does.
     *
     * @param webhookUrl the webhook
     * @param secret the secret header value, or null for none
     * @param update the update (a JSON node or raw text)
     * @return USSO's answer
     */
    static Http.Response post(String webhookUrl, String secret, Object update) {
        return secret == null ? Http.plain().postJson(webhookUrl, update)
                : Http.plain().postJson(webhookUrl, update, "X-Telegram-Bot-Api-Secret-Token", secret);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
