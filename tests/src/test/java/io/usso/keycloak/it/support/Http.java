package io.usso.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for tests: JSON in and out, forms, optional cookies, no redirects followed. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;

    private Http(HttpClient client) {
        this.client = client;
    }

    /** A client without cookies. */
    public static Http plain() {
        return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** A client that keeps cookies, like one browser. */
    public static Http withCookies() {
        return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new LocalhostCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /**
     * @param url a URL
     * @return the {@code Cookie} header this client would send to it ("" without cookies)
     */
    public String cookieHeader(String url) {
        if (client.cookieHandler().isEmpty()) {
            return "";
        }
        try {
            return String.join("; ", client.cookieHandler().get().get(URI.create(url), Map.of())
                    .getOrDefault("Cookie", List.of()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers, body. */
    public record Response(int status, HttpResponse<String> raw) {
        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response get(String url, String... headers) {
        return send(request(url, headers).GET().build());
    }

    public Response delete(String url, String... headers) {
        return send(request(url, headers).DELETE().build());
    }

    public Response postForm(String url, Map<String, String> form, String... headers) {
        return send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    public Response postJson(String url, Object body, String... headers) {
        return send(request(url, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    public Response putJson(String url, Object body, String... headers) {
        return send(request(url, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    public Response deleteJson(String url, Object body, String... headers) {
        return send(request(url, headers).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String toJson(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
