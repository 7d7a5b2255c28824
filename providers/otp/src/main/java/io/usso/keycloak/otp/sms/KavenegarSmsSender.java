package io.usso.keycloak.otp.sms;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

import org.apache.http.entity.ContentType;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

import io.usso.keycloak.otp.ConfigValues;

/** Sends through Kavenegar, see {@link KavenegarSmsSenderFactory} and {@link KavenegarRequest}. */
public final class KavenegarSmsSender implements SmsSender {

    private final KeycloakSession session;
    private final String defaultBaseUrl;
    private final Set<String> allowedHosts;

    /**
     * @param session the request's session (HTTP client, vault)
     * @param defaultBaseUrl base URL when the tenant sets none
     * @param allowedHosts hosts a tenant base URL may use; empty = any
     */
    public KavenegarSmsSender(KeycloakSession session, String defaultBaseUrl, Set<String> allowedHosts) {
        this.session = session;
        this.defaultBaseUrl = defaultBaseUrl;
        this.allowedHosts = allowedHosts;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws SmsSendException {
        String tenantBase = ConfigValues.string(settings, SmsSettings.KAVENEGAR_BASE_URL);
        String apiKey = VaultRefs.resolve(ConfigValues.string(settings, SmsSettings.KAVENEGAR_API_KEY), session.vault());
        KavenegarRequest request = KavenegarRequest.of(tenantBase == null ? defaultBaseUrl : tenantBase, apiKey,
                ConfigValues.string(settings, SmsSettings.KAVENEGAR_SENDER),
                ConfigValues.string(settings, SmsSettings.KAVENEGAR_TEMPLATE), message);
        int timeout = ConfigValues.number(settings, SmsSettings.HTTP_TIMEOUT_MS, 100, 30_000,
                SmsSettings.DEFAULT_HTTP_TIMEOUT_MS, new ArrayList<>());
        // the default base URL is the operator's choice; only tenant-set ones are held to the allow-list
        Set<String> hosts = tenantBase == null ? Set.of() : allowedHosts;
        GatewayHttp http = new GatewayHttp(session.getProvider(HttpClientProvider.class).getHttpClient(), hosts);
        GatewayHttp.Answer answer = http.post(request.url(), Map.of("Accept", "application/json"),
                request.encodedForm(), ContentType.APPLICATION_FORM_URLENCODED.withCharset("UTF-8"), timeout);
        KavenegarRequest.checkAnswer(answer.status(), answer.body());
    }
}
