package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

import com.sun.net.httpserver.HttpServer;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OperatorNetworks;
import io.usso.keycloak.common.http.OutboundHttpGuard;

class HttpJsonSmsSenderTest {

    private static final SmsMessage MESSAGE = new SmsMessage("989121234567", "code 123456", "123456", "en");

    private HttpServer server;
    private OutboundHttpGuard guard;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/send", exchange -> {
            Map<String, String> request = new HashMap<>();
            request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getRequestHeaders().forEach((name, values) -> request.put(name.toLowerCase(), values.get(0)));
            received.add(request);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        guard = new OutboundHttpGuard(OperatorNetworks.parse("127.0.0.1/32"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        guard.close();
    }

    private HttpJsonSmsSender sender(String allowedHosts) {
        KeycloakSession session = mock(KeycloakSession.class);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(vault.getStringSecret(anyString())).thenAnswer(call -> {
            String ref = call.getArgument(0);
            VaultStringSecret secret = mock(VaultStringSecret.class);
            when(secret.get()).thenReturn(ref.equals("${vault.sms_token}") ? Optional.of("s3cr3t") : Optional.empty());
            return secret;
        });
        when(session.vault()).thenReturn(vault);
        return new HttpJsonSmsSender(session, new GatewayHttp(guard, AllowList.parse(allowedHosts), "--allowed-hosts"));
    }

    private String allowed() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private Map<String, String> settings(String headers) {
        Map<String, String> settings = new HashMap<>();
        settings.put(SmsSettings.HTTP_URL, "http://" + allowed() + "/send");
        settings.put(SmsSettings.HTTP_HEADERS, headers);
        return settings;
    }

    @Test
    void credentialHeadersGetTheirVaultSecretAndTheBodyIsSent() throws Exception {
        sender(allowed()).send(MESSAGE, settings("Authorization: Bearer ${vault.sms_token}\nX-Api-Key: ${vault.sms_token}"
                + "\nX-Tenant: acme"));
        Map<String, String> request = received.get(0);
        assertEquals("Bearer s3cr3t", request.get("authorization"));
        assertEquals("s3cr3t", request.get("x-api-key"));
        assertEquals("acme", request.get("x-tenant"));
        assertTrue(request.get("content-type").startsWith("application/json"), request.get("content-type"));
        assertEquals("{\"to\": \"989121234567\", \"text\": \"code 123456\"}", request.get("body"));
    }

    @Test
    void vaultReferencesOutsideCredentialFieldsFailTheSendWithoutARequest() {
        Map<String, String> inUrl = settings("");
        inUrl.put(SmsSettings.HTTP_URL, "http://" + allowed() + "/send?k=${vault.sms_token}");
        Map<String, String> inBody = settings("");
        inBody.put(SmsSettings.HTTP_BODY, "{\"text\": \"${text}\", \"leak\": \"${vault.sms_token}\"}");
        for (Map<String, String> settings : List.of(inUrl, inBody, settings("X-Tenant: ${vault.sms_token}"),
                settings("X-Tenant: ${VAULT.sms_token}"))) {
            assertEquals("vault_reference_not_allowed", assertThrows(SmsSendException.class,
                    () -> sender(allowed()).send(MESSAGE, settings)).reason(), settings.toString());
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void anEmptyAllowListRefusesEverySend() {
        SmsSendException e = assertThrows(SmsSendException.class, () -> sender("").send(MESSAGE, settings("")));
        assertEquals("host_not_allowed", e.reason());
        assertTrue(received.isEmpty());
    }

    @Test
    void credentialHeadersAreAuthorizationAndNamesEndingInKeyTokenOrSecret() {
        for (String name : List.of("Authorization", "authorization", "X-Api-Key", "ApiKey", "X-Auth-Token", "Token",
                "Api-Secret")) {
            assertTrue(HttpJsonSmsSender.isCredentialHeader(name), name);
        }
        for (String name : List.of("X-Tenant", "Accept", "X-Callback-Url", "Keys-Used", "X-Token-Url")) {
            assertFalse(HttpJsonSmsSender.isCredentialHeader(name), name);
        }
    }

    @Test
    void headersAreParsedLineByLine() throws Exception {
        Map<String, String> headers = HttpJsonSmsSender.parseHeaders(
                "# comment\nAuthorization: Bearer ${vault.sms_token}\n\n X-Tenant : acme \r\nX-Empty:\n");
        assertEquals(List.of("Authorization", "X-Tenant", "X-Empty"), List.copyOf(headers.keySet()));
        assertEquals("Bearer ${vault.sms_token}", headers.get("Authorization"));
        assertEquals("acme", headers.get("X-Tenant"));
        assertEquals("", headers.get("X-Empty"));
        assertTrue(HttpJsonSmsSender.parseHeaders(null).isEmpty());
    }

    @Test
    void malformedOrDangerousHeadersAreRefused() {
        for (String bad : new String[] {"no colon", ": value", "Bad Name: x", "Host: evil.example",
                "Content-Length: 0", "X\u0000: y"}) {
            assertEquals("not_configured", assertThrows(SmsSendException.class,
                    () -> HttpJsonSmsSender.parseHeaders(bad), bad).reason(), bad);
        }
    }
}
