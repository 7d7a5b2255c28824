package io.usso.keycloak.common.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One outbound HTTP request, before any check. {@link #toString()} shows only the method: the URL (it may carry an
 * API key), the headers and the body never reach a log line through it.
 *
 * @param method the method
 * @param url the absolute http(s) URL
 * @param headers request headers in order (the guard refuses {@code Host}, {@code Content-Length},
 *        {@code Transfer-Encoding}, {@code Connection} and malformed ones)
 * @param body the body (empty for none)
 * @param contentType the body's content type, may be null
 */
public record OutboundRequest(Method method, String url, Map<String, String> headers, byte[] body,
        String contentType) {

    /** The methods outbound calls use. */
    public enum Method {
        GET, POST, PUT, PATCH, DELETE
    }

    /** Copies the headers and the body. */
    public OutboundRequest {
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
        headers = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /**
     * @param url the URL
     * @param headers the headers
     * @param body the body
     * @param contentType its content type (e.g. {@code application/json; charset=utf-8})
     * @return a POST
     */
    public static OutboundRequest post(String url, Map<String, String> headers, byte[] body, String contentType) {
        return new OutboundRequest(Method.POST, url, headers, body, contentType);
    }

    /**
     * @param url the URL
     * @param headers the headers
     * @return a GET without body
     */
    public static OutboundRequest get(String url, Map<String, String> headers) {
        return new OutboundRequest(Method.GET, url, headers, null, null);
    }

    /** @return the headers, read-only */
    @Override
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Never shows the URL, the headers or the body. */
    @Override
    public String toString() {
        return "OutboundRequest{" + method + ", " + body.length + " body bytes}";
    }
}
