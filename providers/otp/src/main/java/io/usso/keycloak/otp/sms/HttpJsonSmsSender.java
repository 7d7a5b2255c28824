package io.usso.keycloak.otp.sms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.http.entity.ContentType;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

import io.usso.keycloak.otp.ConfigValues;

/**
 * Posts {@link JsonBodyTemplate#render} of {@code sms.http.body} to {@code sms.http.url} with the
 * {@code sms.http.headers}; any 2xx answer is success, anything else (or no answer in {@code sms.http.timeout-ms})
 * is a failure. Vault references are resolved in the URL and the header values.
 */
public final class HttpJsonSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(HttpJsonSmsSender.class);

    private final KeycloakSession session;
    private final Set<String> allowedHosts;

    /**
     * @param session the request's session (HTTP client, vault)
     * @param allowedHosts hosts gateway URLs may use; empty = any
     */
    public HttpJsonSmsSender(KeycloakSession session, Set<String> allowedHosts) {
        this.session = session;
        this.allowedHosts = allowedHosts;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws SmsSendException {
        String url = VaultRefs.resolve(ConfigValues.string(settings, SmsSettings.HTTP_URL), session.vault());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Accept", "application/json");
        for (Map.Entry<String, String> header : parseHeaders(ConfigValues.string(settings, SmsSettings.HTTP_HEADERS))
                .entrySet()) {
            headers.put(header.getKey(), VaultRefs.resolve(header.getValue(), session.vault()));
        }
        String template = ConfigValues.string(settings, SmsSettings.HTTP_BODY);
        String body = JsonBodyTemplate.render(template == null ? SmsSettings.DEFAULT_HTTP_BODY : template, message);
        int timeout = ConfigValues.number(settings, SmsSettings.HTTP_TIMEOUT_MS, 100, 30_000,
                SmsSettings.DEFAULT_HTTP_TIMEOUT_MS, new ArrayList<>());
        GatewayHttp http = new GatewayHttp(session.getProvider(HttpClientProvider.class).getHttpClient(), allowedHosts);
        GatewayHttp.Answer answer = http.post(url, headers, body, ContentType.APPLICATION_JSON, timeout);
        if (answer.status() < 200 || answer.status() > 299) {
            LOG.debugf("SMS gateway answered HTTP %d", answer.status());
            throw new SmsSendException("http_" + answer.status(), "SMS gateway answered HTTP " + answer.status());
        }
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
