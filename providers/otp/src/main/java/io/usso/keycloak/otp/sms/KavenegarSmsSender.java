package io.usso.keycloak.otp.sms;

import java.util.ArrayList;
import java.util.Map;

import org.keycloak.models.KeycloakSession;

import io.usso.keycloak.otp.ConfigValues;

/**
 * Sends through Kavenegar, see {@link KavenegarSmsSenderFactory} and {@link KavenegarRequest}. The API key is the
 * only credential field (vault references resolved); they are refused in the base URL, the sender line and the
 * template name.
 */
public final class KavenegarSmsSender implements SmsSender {

    private final KeycloakSession session;
    private final String defaultBaseUrl;
    private final GatewayHttp http;

    /**
     * @param session the request's session (vault)
     * @param defaultBaseUrl base URL when the tenant sets none
     * @param http the gateway client of the factory (guard and allowed hosts)
     */
    public KavenegarSmsSender(KeycloakSession session, String defaultBaseUrl, GatewayHttp http) {
        this.session = session;
        this.defaultBaseUrl = defaultBaseUrl;
        this.http = http;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws SmsSendException {
        String tenantBase = VaultRefs.refuse(ConfigValues.string(settings, SmsSettings.KAVENEGAR_BASE_URL),
                SmsSettings.KAVENEGAR_BASE_URL);
        String apiKey = VaultRefs.resolve(ConfigValues.string(settings, SmsSettings.KAVENEGAR_API_KEY), session.vault());
        KavenegarRequest request = KavenegarRequest.of(tenantBase == null ? defaultBaseUrl : tenantBase, apiKey,
                VaultRefs.refuse(ConfigValues.string(settings, SmsSettings.KAVENEGAR_SENDER),
                        SmsSettings.KAVENEGAR_SENDER),
                VaultRefs.refuse(ConfigValues.string(settings, SmsSettings.KAVENEGAR_TEMPLATE),
                        SmsSettings.KAVENEGAR_TEMPLATE), message);
        int timeout = ConfigValues.number(settings, SmsSettings.HTTP_TIMEOUT_MS, 100, 30_000,
                SmsSettings.DEFAULT_HTTP_TIMEOUT_MS, new ArrayList<>());
        GatewayHttp.Answer answer = http.post(request.url(), Map.of("Accept", "application/json"),
                request.encodedForm(), "application/x-www-form-urlencoded; charset=UTF-8", timeout);
        KavenegarRequest.checkAnswer(answer.status(), answer.body());
    }
}
