package io.usso.keycloak.common.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.usso.keycloak.common.http.OutboundHttpException.Reason;

/** Against a real HTTP server on loopback (the JDK's); loopback is reachable only where the test allows it. */
class OutboundHttpGuardTest {

    private static final OperatorNetworks LOOPBACK = OperatorNetworks.parse("127.0.0.1/32,::1/128");

    private HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private volatile String lastHost;
    private volatile String lastBody;
    private volatile String lastAuthorization;
    private final AtomicInteger lookups = new AtomicInteger();
    private OutboundHttpGuard guard;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        if (guard != null) {
            guard.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.add(path);
        lastHost = exchange.getRequestHeaders().getFirst("Host");
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        switch (path) {
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/target");
                exchange.sendResponseHeaders(302, -1);
            }
            case "/slow" -> {
                sleep(2000);
                reply(exchange, 200, "late".getBytes(StandardCharsets.UTF_8));
            }
            case "/drip" -> {
                exchange.sendResponseHeaders(200, 0);
                for (int i = 0; i < 40; i++) {
                    exchange.getResponseBody().write('x');
                    exchange.getResponseBody().flush();
                    sleep(50);
                }
            }
            case "/big" -> reply(exchange, 200, new byte[200 * 1024]);
            case "/error" -> reply(exchange, 503, "{\"down\":true}".getBytes(StandardCharsets.UTF_8));
            default -> reply(exchange, 200, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        }
        exchange.close();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private OutboundHttpGuard guard(OperatorNetworks networks) {
        guard = new OutboundHttpGuard(networks, this::lookup);
        return guard;
    }

    /** A fixed resolver: gateway.test is loopback, rebind.test has a public and a loopback address. */
    private InetAddress[] lookup(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        return switch (host) {
            case "gateway.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            case "rebind.test" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                    InetAddress.getByName("127.0.0.1")};
            case "localhost" -> InetAddress.getAllByName("localhost");
            default -> throw new UnknownHostException(host);
        };
    }

    private static OutboundPolicy allowing(String entries) {
        return OutboundPolicy.allowing(AllowList.parse(entries)).withTotalTimeout(Duration.ofSeconds(3));
    }

    private static OutboundRequest post(String url) {
        return OutboundRequest.post(url, Map.of("Authorization", "Bearer t"),
                "{\"text\":\"سلام\"}".getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
    }

    private Reason refusal(OutboundHttpGuard guard, String url, OutboundPolicy policy) {
        return assertThrows(OutboundHttpException.class, () -> guard.send(post(url), policy)).reason();
    }

    @Test
    void anAllowedHostGetsTheRequestAndTheAnswerComesBack() throws Exception {
        OutboundResponse response = guard(LOOPBACK).send(post("http://127.0.0.1:" + port() + "/send"),
                allowing("127.0.0.1:" + port()));
        assertEquals(200, response.status());
        assertEquals("{\"ok\":true}", response.text());
        assertEquals("application/json", response.contentType());
        assertFalse(response.truncated());
        assertEquals("{\"text\":\"سلام\"}", lastBody);
        assertEquals("Bearer t", lastAuthorization);
        assertEquals(503, guard.send(post("http://127.0.0.1:" + port() + "/error"), allowing("127.0.0.1:" + port()))
                .status(), "error statuses are answers, not exceptions");
    }

    @Test
    void aHostNotOnTheAllowListIsRefusedBeforeAnyConnection() {
        OutboundHttpGuard guard = guard(LOOPBACK);
        assertEquals(Reason.HOST_NOT_ALLOWED, refusal(guard, "http://127.0.0.1:" + port() + "/send",
                allowing("sms.example.com")));
        assertEquals(Reason.HOST_NOT_ALLOWED, refusal(guard, "http://127.0.0.1:" + port() + "/send",
                OutboundPolicy.allowing(AllowList.none())), "an empty allow-list allows nothing");
        assertEquals(Reason.HOST_NOT_ALLOWED, refusal(guard, "http://gateway.test:" + port() + "/send",
                allowing("*.gateway.test:" + port())), "a suffix entry does not allow the name itself");
        assertTrue(hits.isEmpty());
        assertEquals(0, lookups.get(), "not even resolved");
    }

    @Test
    void aPortTheEntryDoesNotNameIsRefused() {
        assertEquals(Reason.PORT_NOT_ALLOWED, refusal(guard(LOOPBACK), "http://127.0.0.1:" + port() + "/send",
                allowing("127.0.0.1")));
        assertEquals(Reason.PORT_NOT_ALLOWED, refusal(guard, "http://127.0.0.1:" + port() + "/send",
                allowing("127.0.0.1:" + (port() == 65535 ? 1 : port() + 1))));
        assertTrue(hits.isEmpty());
    }

    @Test
    void loopbackIsRefusedUnlessTheOperatorAllowsIt() throws Exception {
        String url = "http://127.0.0.1:" + port() + "/send";
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(guard(OperatorNetworks.none()), url,
                allowing("127.0.0.1:" + port())));
        assertTrue(hits.isEmpty());
        guard.close();
        assertEquals(200, guard(OperatorNetworks.parse("127.0.0.0/8")).send(post(url),
                allowing("127.0.0.1:" + port())).status());
    }

    @Test
    void aNameResolvingToLoopbackIsRefused() {
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(guard(OperatorNetworks.none()),
                "http://localhost:" + port() + "/send", allowing("localhost:" + port())));
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(guard, "http://gateway.test:" + port() + "/send",
                allowing("gateway.test:" + port())));
        assertTrue(hits.isEmpty());
    }

    @Test
    void oneNonPublicAddressAmongSeveralRefusesTheName() {
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(guard(OperatorNetworks.none()),
                "http://rebind.test:" + port() + "/send", allowing("rebind.test:" + port())));
        assertTrue(hits.isEmpty());
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithTheNameAsHostAndOneLookup() throws Exception {
        OutboundResponse response = guard(LOOPBACK).send(post("http://gateway.test:" + port() + "/send"),
                allowing("gateway.test:" + port()));
        assertEquals(200, response.status());
        assertEquals("gateway.test:" + port(), lastHost);
        assertEquals(1, lookups.get(), "resolved once, no second lookup a rebinding DNS could answer");
    }

    @Test
    void internalAndSpecialAddressLiteralsAreRefused() {
        OutboundHttpGuard guard = guard(OperatorNetworks.none());
        for (String host : new String[] {"169.254.169.254", "[::1]", "[fd00::1]", "[::ffff:127.0.0.1]", "0.0.0.0",
                "10.0.0.1", "[fe80::1]", "100.64.0.1", "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::1]"}) {
            assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(guard, "http://" + host + "/latest/meta-data",
                    allowing(host)), host);
        }
        assertTrue(hits.isEmpty());
    }

    @Test
    void theUnspecifiedAddressStaysRefusedEvenWhenTheOperatorAllowsEverything() {
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(guard(OperatorNetworks.parse("0.0.0.0/0,::/0")),
                "http://0.0.0.0:" + port() + "/send", allowing("0.0.0.0:" + port())));
        assertTrue(hits.isEmpty());
    }

    @Test
    void redirectsAreNotFollowed() {
        assertEquals(Reason.REDIRECT_REFUSED, refusal(guard(LOOPBACK), "http://127.0.0.1:" + port() + "/redirect",
                allowing("127.0.0.1:" + port())));
        assertEquals(List.of("/redirect"), hits);
    }

    @Test
    void aSlowServerTimesOut() {
        long started = System.nanoTime();
        OutboundHttpException e = assertThrows(OutboundHttpException.class, () -> guard(LOOPBACK).send(
                post("http://127.0.0.1:" + port() + "/slow"),
                allowing("127.0.0.1:" + port()).withTotalTimeout(Duration.ofMillis(300))));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(System.nanoTime() - started < 1_500_000_000L, "gave up at the timeout");
    }

    @Test
    void aServerDrippingItsAnswerIsCutOffAtTheTotalTimeout() {
        long started = System.nanoTime();
        OutboundHttpException e = assertThrows(OutboundHttpException.class, () -> guard(LOOPBACK).send(
                OutboundRequest.get("http://127.0.0.1:" + port() + "/drip", Map.of()),
                allowing("127.0.0.1:" + port()).withTotalTimeout(Duration.ofMillis(500))));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(System.nanoTime() - started < 1_500_000_000L, "each byte came within the read timeout, "
                + "the whole answer did not");
    }

    @Test
    void anOversizeBodyIsCapped() throws Exception {
        OutboundResponse response = guard(LOOPBACK).send(OutboundRequest.get("http://127.0.0.1:" + port() + "/big",
                Map.of()), allowing("127.0.0.1:" + port()));
        assertEquals(OutboundPolicy.DEFAULT_RESPONSE_BYTES, response.body().length);
        assertTrue(response.truncated());
        OutboundResponse small = guard.send(OutboundRequest.get("http://127.0.0.1:" + port() + "/big", Map.of()),
                allowing("127.0.0.1:" + port()).withMaxResponseBytes(10));
        assertArrayEquals(new byte[10], small.body());
    }

    @Test
    void aClosedPortIsAnIoError() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        Reason reason = refusal(guard(LOOPBACK), "http://127.0.0.1:" + closed + "/x", allowing("127.0.0.1:" + closed));
        assertTrue(reason == Reason.IO_ERROR || reason == Reason.TIMEOUT, reason.toString());
    }

    @Test
    void malformedUrlsAndHeadersAreInvalidRequests() {
        OutboundHttpGuard guard = guard(LOOPBACK);
        OutboundPolicy policy = allowing("127.0.0.1:" + port() + ",sms.example.com");
        for (String bad : new String[] {null, "", "file:///etc/passwd", "ftp://sms.example.com/", "/relative",
                "http://", "http://user:pw@sms.example.com/", "http://sms_example.com/", "gopher://127.0.0.1/"}) {
            assertEquals(Reason.INVALID_REQUEST, refusal(guard, bad, policy), String.valueOf(bad));
        }
        for (Map<String, String> headers : List.of(Map.of("Host", "evil.example"), Map.of("X-A", "a\r\nX-B: b"),
                Map.of("Bad Name", "x"), Map.of("Transfer-Encoding", "chunked"))) {
            assertEquals(Reason.INVALID_REQUEST, assertThrows(OutboundHttpException.class, () -> guard.send(
                    OutboundRequest.post("http://127.0.0.1:" + port() + "/send", headers, new byte[0], null),
                    policy)).reason(), headers.toString());
        }
        assertTrue(hits.isEmpty());
    }

    @Test
    void refusalsNameTheHostButNeverThePathOrQuery() {
        OutboundHttpException e = assertThrows(OutboundHttpException.class, () -> guard(OperatorNetworks.none())
                .send(post("http://169.254.169.254/v1/SECRET-KEY/sms?token=SECRET"), allowing("169.254.169.254")));
        assertEquals("169.254.169.254", e.host());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertFalse(post("http://x/SECRET").toString().contains("SECRET"));
    }
}
