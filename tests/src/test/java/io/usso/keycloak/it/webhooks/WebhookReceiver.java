package io.usso.keycloak.it.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on {@link UssoServer#fakeServicePort()} (the port the server lets webhooks use plain http on):
 * records every request, answers each path with a programmed sequence of statuses (then 200), and verifies the
 * Standard Webhooks signature with its own implementation (HMAC-SHA-256 of {@code id.timestamp.body}, base64).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request received, with the status it was answered with. */
    record Received(String path, String id, String timestamp, String signature, String body, int answered) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Whether some {@code v1,} signature of the header is the HMAC of this request under that secret. */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String part : signature.split(" ")) {
                    if (part.startsWith("v1,") && MessageDigest.isEqual(expected,
                            Base64.getDecoder().decode(part.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether some {@code v1a,} signature verifies with this published Ed25519 key ({@code whpk_} + raw 32 bytes). */
    static boolean signedWithPublicKey(Received r, String publicKey) {
        try {
            byte[] raw = Base64.getDecoder().decode(publicKey.substring("whpk_".length()));
            byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100"); // RFC 8410 SPKI
            byte[] spki = new byte[prefix.length + raw.length];
            System.arraycopy(prefix, 0, spki, 0, prefix.length);
            System.arraycopy(raw, 0, spki, prefix.length, raw.length);
            java.security.PublicKey key = java.security.KeyFactory.getInstance("Ed25519")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
            for (String part : r.signature().split(" ")) {
                if (part.startsWith("v1a,")) {
                    java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
                    verifier.initVerify(key);
                    verifier.update((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
                    if (verifier.verify(Base64.getDecoder().decode(part.substring(4)))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", UssoServer.fakeServicePort()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the URL of a path on this receiver */
    String url(String path) {
        return "http://127.0.0.1:" + UssoServer.fakeServicePort() + path;
    }

    /** Answers the next requests to {@code path} with these statuses, in order, then 200 again. */
    void answer(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    /** Answers every request to {@code path} with this status. */
    void always(String path, int status) {
        Deque<Integer> forever = new ArrayDeque<>() {
            @Override
            public Integer poll() {
                return status;
            }
        };
        scripts.put(path, forever);
    }

    List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    /** Waits until some request to {@code path} satisfies {@code test}. */
    Received await(String path, Predicate<Received> test, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            for (Received r : on(path)) {
                if (test.test(r)) {
                    return r;
                }
            }
            sleep(100);
        }
        throw new AssertionError("no matching webhook at " + path + " within " + timeout + "; got: " + on(path));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Deque<Integer> script = scripts.get(path);
        Integer scripted = script == null ? null : script.poll();
        int status = scripted == null ? 200 : scripted;
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")),
                new String(body, StandardCharsets.UTF_8), status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
