package io.usso.keycloak.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's themed pages build their language links from the request URI as a URI template, so a request whose
 * path or query decodes to braces ({@code /scan/%24%7B7*7%7D}) makes the rendering fail with a 500. No URL of ours
 * ever contains braces: such a request gets a small static 400 page instead of a themed one.
 */
public final class PageGuard {

    private PageGuard() {
    }

    /**
     * @param session the request's session
     * @return the answer for a request a themed page cannot be rendered for, or null when it can
     */
    public static Response refusal(KeycloakSession session) {
        if (session.getContext() == null || session.getContext().getUri() == null) {
            return null;
        }
        String path = session.getContext().getUri().getPath();
        String query = session.getContext().getUri().getRequestUri().getQuery();
        if (!hasBraces(path) && !hasBraces(query)) {
            return null;
        }
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'")
                .entity("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bad request</title></head>"
                        + "<body><h1>Bad request</h1><p>The address of this page is malformed.</p></body></html>")
                .build();
    }

    /**
     * @param text decoded text, may be null
     * @return whether it holds a brace
     */
    static boolean hasBraces(String text) {
        return text != null && (text.indexOf('{') >= 0 || text.indexOf('}') >= 0);
    }
}
