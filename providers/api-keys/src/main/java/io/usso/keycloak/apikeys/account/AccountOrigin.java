package io.usso.keycloak.apikeys.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a form POST comes from a page of this server: its {@code Origin} header, or, when a browser sent none, its
 * {@code Referer}, must have the scheme, host and port of the page. {@code Origin: null} (sandboxed frames, some
 * privacy settings) and requests with neither header are refused: the CSRF token is the main defence, this is the
 * second one, and browsers send {@code Origin} with every form POST.
 */
public final class AccountOrigin {

    private AccountOrigin() {
    }

    /**
     * @param pageUri the page's absolute URI (from the server's frontend URL)
     * @param origin the {@code Origin} header, may be null
     * @param referer the {@code Referer} header, may be null
     * @return whether the request comes from the page's origin
     */
    public static boolean sameOrigin(URI pageUri, String origin, String referer) {
        String expected = of(pageUri);
        if (expected == null) {
            return false;
        }
        if (origin != null && !origin.isBlank()) {
            return expected.equals(of(parse(origin.strip())));
        }
        if (referer != null && !referer.isBlank()) {
            return expected.equals(of(parse(referer.strip())));
        }
        return false;
    }

    /**
     * @param uri an absolute http(s) URI, may be null
     * @return {@code scheme://host[:port]} in lower case without a default port, or null when not http(s)
     */
    static String of(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static URI parse(String value) {
        if (value.length() > 4096) {
            return null;
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
