package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Against a real local HTTP server (the JDK's), through Apache HttpClient as Keycloak provides it. */
class GatewayHttpTest {

    private HttpServer server;
    private CloseableHttpClient client;
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private volatile int status = 200;
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/send", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = HttpClients.createDefault();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        client.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    @Test
    void postsTheBodyAndHeadersAndReadsTheAnswer() throws Exception {
        GatewayHttp.Answer answer = new GatewayHttp(client, Set.of()).post(url(), Map.of("Authorization", "Bearer t"),
                "{\"text\":\"سلام\"}", ContentType.APPLICATION_JSON, 2000);
        assertEquals(200, answer.status());
        assertEquals("{\"ok\":true}", answer.body());
        assertEquals("{\"text\":\"سلام\"}", received.get());
        assertEquals("Bearer t", auth.get());
    }

    @Test
    void errorsComeBackAsStatuses() throws Exception {
        status = 503;
        assertEquals(503, new GatewayHttp(client, Set.of()).post(url(), Map.of(), "{}", ContentType.APPLICATION_JSON,
                2000).status());
    }

    @Test
    void aSlowGatewayTimesOut() {
        delayMillis = 1500;
        SmsSendException e = assertThrows(SmsSendException.class, () -> new GatewayHttp(client, Set.of())
                .post(url(), Map.of(), "{}", ContentType.APPLICATION_JSON, 300));
        assertEquals("timeout", e.reason());
    }

    @Test
    void aClosedPortIsAnIoError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SmsSendException e = assertThrows(SmsSendException.class, () -> new GatewayHttp(client, Set.of())
                .post("http://127.0.0.1:" + port + "/x", Map.of(), "{}", ContentType.APPLICATION_JSON, 1000));
        assertTrue(e.reason().equals("io_error") || e.reason().equals("timeout"), e.reason());
    }

    @Test
    void urlsMustBeHttpAndOnTheAllowList() {
        GatewayHttp restricted = new GatewayHttp(client, GatewayHttp.parseHosts(" SMS.example.com , ,api.example.net"));
        assertEquals("host_not_allowed", assertThrows(SmsSendException.class,
                () -> restricted.checkedUri("http://169.254.169.254/latest/meta-data")).reason());
        assertEquals("sms.example.com", assertDoesNotThrowUri(restricted, "https://sms.example.com/send"));
        for (String bad : new String[] {null, "", "file:///etc/passwd", "ftp://sms.example.com", "/relative",
                "http://"}) {
            assertEquals("not_configured", assertThrows(SmsSendException.class,
                    () -> restricted.checkedUri(bad)).reason(), String.valueOf(bad));
        }
    }

    private static String assertDoesNotThrowUri(GatewayHttp http, String url) {
        try {
            return http.checkedUri(url).getHost();
        } catch (SmsSendException e) {
            throw new AssertionError(e.reason(), e);
        }
    }
}
