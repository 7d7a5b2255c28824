package io.usso.keycloak.otp.sms;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * One POST to an SMS gateway through Keycloak's shared HTTP client ({@code HttpClientProvider}), with a per-request
 * connect/read timeout, no redirects, and a bounded response body. Failures become {@link SmsSendException}s whose
 * reasons hold no secrets (the URL may carry an API key and is never put into messages).
 */
public final class GatewayHttp {

    /** Longest response body read. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024;

    private final CloseableHttpClient client;
    private final Set<String> allowedHosts;

    /**
     * @param client Keycloak's shared client (never closed here)
     * @param allowedHosts lower-case host names gateway URLs may point to; empty = any
     */
    public GatewayHttp(CloseableHttpClient client, Set<String> allowedHosts) {
        this.client = client;
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    /**
     * A gateway answer.
     *
     * @param status HTTP status
     * @param body the first {@value #MAX_RESPONSE_BYTES} bytes of the body as UTF-8
     */
    public record Answer(int status, String body) {
    }

    /**
     * @param url the gateway URL (http or https)
     * @param headers request headers
     * @param body the body
     * @param contentType its content type
     * @param timeoutMs connect and read timeout
     * @return the answer (any status)
     * @throws SmsSendException on a bad URL, a host not allowed, a timeout or an I/O error
     */
    public Answer post(String url, Map<String, String> headers, String body, ContentType contentType, int timeoutMs)
            throws SmsSendException {
        URI uri = checkedUri(url);
        HttpPost post = new HttpPost(uri);
        post.setConfig(RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
                .setConnectionRequestTimeout(timeoutMs).setRedirectsEnabled(false).build());
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, contentType));
        try (CloseableHttpResponse response = client.execute(post)) {
            return new Answer(response.getStatusLine().getStatusCode(), read(response.getEntity()));
        } catch (SocketTimeoutException | ConnectTimeoutException e) {
            throw new SmsSendException("timeout", "SMS gateway did not answer within " + timeoutMs + " ms", e);
        } catch (IOException e) {
            throw new SmsSendException("io_error", "SMS gateway unreachable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param url a configured URL
     * @return it parsed, when it is absolute http(s) with a host that is allowed
     * @throws SmsSendException otherwise ({@code not_configured}, {@code host_not_allowed})
     */
    public URI checkedUri(String url) throws SmsSendException {
        if (url == null || url.isBlank()) {
            throw new SmsSendException("not_configured", "no SMS gateway URL configured");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new SmsSendException("not_configured", "SMS gateway URL is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new SmsSendException("not_configured", "SMS gateway URL must be an absolute http(s) URL");
        }
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new SmsSendException("host_not_allowed", "SMS gateway host is not in the server's allowed-hosts");
        }
        return uri;
    }

    private static String read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            return new String(in.readNBytes(MAX_RESPONSE_BYTES), StandardCharsets.UTF_8);
        }
    }

    /**
     * @param raw comma separated host names, may be null
     * @return lower-case, trimmed, non-empty names
     */
    public static Set<String> parseHosts(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        java.util.Set<String> hosts = new java.util.TreeSet<>();
        for (String part : raw.split(",")) {
            String host = part.strip().toLowerCase(Locale.ROOT);
            if (!host.isEmpty()) {
                hosts.add(host);
            }
        }
        return Set.copyOf(hosts);
    }
}
