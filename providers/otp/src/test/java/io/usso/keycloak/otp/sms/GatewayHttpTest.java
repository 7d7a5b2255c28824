package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OperatorNetworks;
import io.usso.keycloak.common.http.OutboundHttpGuard;

/**
 * Against a real local HTTP server (the JDK's), through the outbound guard; loopback is reachable only for the guard
 * built with the operator setting that allows it.
 */
class GatewayHttpTest {

    private static final String JSON = "application/json; charset=utf-8";

    private HttpServer server;
    private OutboundHttpGuard guard;
    private OutboundHttpGuard strictGuard;
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile int status = 200;
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/send", exchange -> {
            hits.incrementAndGet();
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        guard = new OutboundHttpGuard(OperatorNetworks.parse("127.0.0.1/32"));
        strictGuard = new OutboundHttpGuard(OperatorNetworks.none());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        guard.close();
        strictGuard.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    private GatewayHttp http() {
        return new GatewayHttp(guard, AllowList.parse("127.0.0.1:" + server.getAddress().getPort()), "--allowed-hosts");
    }

    @Test
    void postsTheBodyAndHeadersAndReadsTheAnswer() throws Exception {
        GatewayHttp.Answer answer = http().post(url(), Map.of("Authorization", "Bearer t"), "{\"text\":\"سلام\"}",
                JSON, 2000);
        assertEquals(200, answer.status());
        assertEquals("{\"ok\":true}", answer.body());
        assertEquals("{\"text\":\"سلام\"}", received.get());
        assertEquals("Bearer t", auth.get());
    }

    @Test
    void errorsComeBackAsStatuses() throws Exception {
        status = 503;
        assertEquals(503, http().post(url(), Map.of(), "{}", JSON, 2000).status());
    }

    @Test
    void aRedirectIsNotFollowed() {
        status = 302;
        assertEquals("redirect_refused", assertThrows(SmsSendException.class,
                () -> http().post(url(), Map.of(), "{}", JSON, 2000)).reason());
        assertEquals(1, hits.get());
    }

    @Test
    void aSlowGatewayTimesOut() {
        delayMillis = 1500;
        SmsSendException e = assertThrows(SmsSendException.class, () -> http().post(url(), Map.of(), "{}", JSON, 300));
        assertEquals("timeout", e.reason());
    }

    @Test
    void aClosedPortIsAnIoError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SmsSendException e = assertThrows(SmsSendException.class, () -> new GatewayHttp(guard,
                AllowList.parse("127.0.0.1:" + port), "--allowed-hosts")
                .post("http://127.0.0.1:" + port + "/x", Map.of(), "{}", JSON, 1000));
        assertTrue(e.reason().equals("io_error") || e.reason().equals("timeout"), e.reason());
    }

    @Test
    void withoutAllowedHostsEverySendFailsAndTheMessageTellsTheOperatorWhatToSet() {
        SmsSendException e = assertThrows(SmsSendException.class, () -> new GatewayHttp(guard, AllowList.none(),
                "--spi-usso-sms-sender--http-json--allowed-hosts").post(url(), Map.of(), "{}", JSON, 2000));
        assertEquals("host_not_allowed", e.reason());
        assertTrue(e.getMessage().contains("--spi-usso-sms-sender--http-json--allowed-hosts"), e.getMessage());
        assertEquals(0, hits.get());
    }

    @Test
    void loopbackAndMetadataAreRefusedWithoutTheOperatorSetting() {
        int port = server.getAddress().getPort();
        assertEquals("address_not_allowed", assertThrows(SmsSendException.class, () -> new GatewayHttp(strictGuard,
                AllowList.parse("127.0.0.1:" + port), "--allowed-hosts").post(url(), Map.of(), "{}", JSON, 2000))
                .reason());
        assertEquals("address_not_allowed", assertThrows(SmsSendException.class, () -> new GatewayHttp(strictGuard,
                AllowList.parse("169.254.169.254"), "--allowed-hosts").post("http://169.254.169.254/latest/meta-data",
                Map.of(), "{}", JSON, 2000)).reason());
        assertEquals(0, hits.get());
    }

    @Test
    void urlsMustBeHttpAndOnTheAllowList() {
        GatewayHttp restricted = new GatewayHttp(guard, AllowList.parse(" SMS.example.com , ,api.example.net"),
                "--allowed-hosts");
        assertEquals("host_not_allowed", assertThrows(SmsSendException.class,
                () -> restricted.post("http://169.254.169.254/latest/meta-data", Map.of(), "{}", JSON, 1000)).reason());
        assertEquals("port_not_allowed", assertThrows(SmsSendException.class,
                () -> restricted.post("https://sms.example.com:9000/send", Map.of(), "{}", JSON, 1000)).reason());
        for (String bad : new String[] {null, "", "file:///etc/passwd", "ftp://sms.example.com", "/relative",
                "http://", "https://user:pw@sms.example.com/send"}) {
            assertEquals("not_configured", assertThrows(SmsSendException.class,
                    () -> restricted.post(bad, Map.of(), "{}", JSON, 1000)).reason(), String.valueOf(bad));
        }
    }
}
