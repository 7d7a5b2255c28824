package io.usso.keycloak.otp.sms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

import io.usso.keycloak.otp.ConfigValues;

/**
 * Posts {@link JsonBodyTemplate#render} of {@code sms.http.body} to {@code sms.http.url} with the
 * {@code sms.http.headers}, through {@link GatewayHttp} (the server's {@code allowed-hosts}, public addresses only,
 * no redirects); any 2xx answer is success, anything else (or no answer in {@code sms.http.timeout-ms}) is a
 * failure. Vault references are resolved only in credential headers ({@link #isCredentialHeader}) and refused in
 * the URL, other headers and the body template ({@link VaultRefs}).
 */
public final class HttpJsonSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(HttpJsonSmsSender.class);

    private final KeycloakSession session;
    private final GatewayHttp http;

    /**
     * @param session the request's session (vault)
     * @param http the gateway client of the factory (guard and allowed hosts)
     */
    public HttpJsonSmsSender(KeycloakSession session, GatewayHttp http) {
        this.session = session;
        this.http = http;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws SmsSendException {
        String url = VaultRefs.refuse(ConfigValues.string(settings, SmsSettings.HTTP_URL), SmsSettings.HTTP_URL);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        for (Map.Entry<String, String> header : parseHeaders(ConfigValues.string(settings, SmsSettings.HTTP_HEADERS))
                .entrySet()) {
            String value = isCredentialHeader(header.getKey())
                    ? VaultRefs.resolve(header.getValue(), session.vault())
                    : VaultRefs.refuse(header.getValue(), SmsSettings.HTTP_HEADERS + " " + header.getKey());
            headers.put(header.getKey(), value);
        }
        String template = VaultRefs.refuse(ConfigValues.string(settings, SmsSettings.HTTP_BODY), SmsSettings.HTTP_BODY);
        String body = JsonBodyTemplate.render(template == null ? SmsSettings.DEFAULT_HTTP_BODY : template, message);
        int timeout = ConfigValues.number(settings, SmsSettings.HTTP_TIMEOUT_MS, 100, 30_000,
                SmsSettings.DEFAULT_HTTP_TIMEOUT_MS, new ArrayList<>());
        GatewayHttp.Answer answer = http.post(url, headers, body, "application/json; charset=utf-8", timeout);
        if (answer.status() < 200 || answer.status() > 299) {
            LOG.debugf("SMS gateway answered HTTP %d", answer.status());
            throw new SmsSendException("http_" + answer.status(), "SMS gateway answered HTTP " + answer.status());
        }
    }

    /**
     * @param name a header name
     * @return whether its value is a credential, where {@code ${vault.…}} references are resolved:
     *         {@code Authorization}, or a name ending in {@code Key}, {@code Token} or {@code Secret} (any case, e.g.
     *         {@code X-Api-Key}, {@code X-Auth-Token}, {@code Api-Secret})
     */
    public static boolean isCredentialHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.endsWith("key") || lower.endsWith("token")
                || lower.endsWith("secret");
    }

    /**
     * @param text one {@code Name: value} per line (blank lines and {@code #} comments ignored), may be null
     * @return the headers in order
     * @throws SmsSendException when a line is not a header ({@code not_configured})
     */
    public static Map<String, String> parseHeaders(String text) throws SmsSendException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon).strip();
            String value = colon <= 0 ? "" : line.substring(colon + 1).strip();
            if (!isToken(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new SmsSendException("not_configured", "sms.http.headers line " + (i + 1)
                        + " is not 'Name: value'");
            }
            if (name.toLowerCase(Locale.ROOT).equals("host") || name.toLowerCase(Locale.ROOT).equals("content-length")) {
                throw new SmsSendException("not_configured", "sms.http.headers may not set " + name);
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
