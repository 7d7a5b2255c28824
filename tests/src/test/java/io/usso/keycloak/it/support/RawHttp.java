package io.usso.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP as an attacker sends it: any method, raw body bytes, any (or no) content type, headers as given, no
 * redirects followed; optionally with the cookies of one browser. {@link Http} is for well-formed requests.
 */
public final class RawHttp {

    private final HttpClient client;

    private RawHttp(HttpClient client) {
        this.client = client;
    }

    /** A client without cookies. */
    public static RawHttp plain() {
        return new RawHttp(builder().build());
    }

    /** A client that keeps cookies, like one browser. */
    public static RawHttp withCookies() {
        return new RawHttp(builder().cookieHandler(new LocalhostCookieJar()).build());
    }

    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    /**
     * @param method any HTTP method
     * @param url the full URL, already encoded
     * @param contentType the {@code Content-Type}, null for none
     * @param body the body, null for none
     * @param headers name, value, name, value, ...
     * @return the answer
     * @throws IOException when the server closed the connection without an answer
     */
    public Http.Response send(String method, String url, String contentType, byte[] body, String... headers)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** GET, following nothing; for signing in with this client's cookies. */
    public Http.Response get(String url, String... headers) throws IOException {
        return send("GET", url, null, null, headers);
    }

    /** A form POST, for signing in with this client's cookies. */
    public Http.Response postForm(String url, java.util.Map<String, String> form, String... headers)
            throws IOException {
        return send("POST", url, "application/x-www-form-urlencoded",
                Http.form(form).getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }
}
