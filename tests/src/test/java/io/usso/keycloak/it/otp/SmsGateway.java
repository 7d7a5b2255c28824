package io.usso.keycloak.it.otp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local SMS gateway (the JDK's HTTP server) that Keycloak posts to: {@code /send} takes the http-json provider's
 * JSON, {@code /v1/{key}/sms/send.json} imitates Kavenegar. It can answer 500 like a gateway that is down, or be
 * stopped altogether (closed port). Listen on {@link UssoServer#fakeServicePort()} ({@link #SmsGateway()}): the
 * server's SMS senders may call loopback on that port only (outbound guard; one gateway at a time).
 */
final class SmsGateway implements AutoCloseable {

    /** One request the gateway received. */
    record Received(String path, String contentType, String authorization, String body) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private HttpServer server;

    /** A gateway on {@link UssoServer#fakeServicePort()}, the port the server's SMS senders are allowed to call. */
    SmsGateway() {
        this(UssoServer.fakeServicePort());
    }

    SmsGateway(int port) {
        this.port = port;
        start();
    }

    /** Starts listening (again); does nothing when already listening. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Stops listening: the port is closed, as when the gateway is unreachable. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The status every request is answered with (200 = accepted). */
    void answer(int status) {
        this.status = status;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        int answer = status;
        String reply = exchange.getRequestURI().getPath().endsWith("/sms/send.json")
                ? "{\"return\":{\"status\":" + answer + ",\"message\":\"ok\"},\"entries\":[]}"
                : "{\"accepted\":" + (answer == 200) + "}";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for the {@code n}-th (1-based) request. */
    Received await(int n, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (received.size() >= n) {
                return received.get(n - 1);
            }
            sleep(100);
        }
        throw new AssertionError("SMS gateway got " + received.size() + " requests, expected " + n);
    }

    /** The 6-digit code in a text. */
    static String code(String text) {
        Matcher m = CODE.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no code in: " + text);
        }
        return m.group(1);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
