package io.usso.keycloak.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OperatorNetworks;
import io.usso.keycloak.common.net.ClientAddress;

/**
 * Which URLs a subscription may name: absolute {@code https} URLs on port 443, without user info or fragment, at most
 * {@value #MAX_LENGTH} characters. Plain {@code http} or another port only for hosts the operator lists
 * ({@link WebhookSettings#plainHttpHosts()}). An address literal that is not public (loopback, private, link-local)
 * is refused unless the operator allowed its network; names are checked again when each delivery resolves them (the
 * outbound guard), so a name that later points inside is refused then.
 */
public final class WebhookUrlRule {

    /** Longest URL. */
    public static final int MAX_LENGTH = 2048;

    private WebhookUrlRule() {
    }

    /**
     * @param url the URL from the request
     * @param plainHttpHosts the operator's hosts for plain http and other ports
     * @param networks the operator's private networks
     * @return the URL, stripped
     * @throws WebhookInputException (400) when it is not allowed
     */
    public static String check(String url, AllowList plainHttpHosts, OperatorNetworks networks) {
        if (url == null || url.isBlank()) {
            throw WebhookInputException.invalid("url is required");
        }
        String text = url.strip();
        if (text.length() > MAX_LENGTH) {
            throw WebhookInputException.invalid("url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw WebhookInputException.invalid("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || AllowList.normaliseHost(uri.getHost()) == null) {
            throw WebhookInputException.invalid("url must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw WebhookInputException.invalid("url must not carry user info or a fragment");
        }
        int port = uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        boolean listed = plainHttpHosts.permits(uri.getHost(), port);
        if ((scheme.equals("http") || port != 443) && !listed) {
            throw WebhookInputException.invalid("url must use https on port 443 (plain http and other ports only "
                    + "for hosts the server operator allows)");
        }
        InetAddress literal = ClientAddress.parseLiteral(uri.getHost());
        if (literal != null && !networks.permits(literal)) {
            throw WebhookInputException.invalid("url points to a loopback, private or link-local address");
        }
        return text;
    }
}
