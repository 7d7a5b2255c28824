package io.usso.keycloak.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.keycloak.models.KeycloakSession;

/**
 * The address of the party calling us, as Keycloak resolved it: {@code ClientConnection#getRemoteAddr()} honours
 * the server's {@code proxy-headers} and {@code proxy-trusted-addresses} options, so a forwarded header counts only
 * when it came from a trusted proxy. Every USSO limit keys on {@link #limitKey(String)}: an IPv4 address as it is,
 * an IPv6 address by its /64 network (one customer line or data-centre host usually owns a whole /64, so counting
 * single IPv6 addresses would let one attacker rotate through 2^64 of them).
 */
public final class ClientAddress {

    /** Longest text accepted as an address literal. */
    private static final int MAX_LITERAL = 64;

    private ClientAddress() {
    }

    /**
     * @param session the request's session
     * @return the caller's address, or null outside an HTTP request
     */
    public static String of(KeycloakSession session) {
        if (session == null || session.getContext() == null || session.getContext().getConnection() == null) {
            return null;
        }
        return session.getContext().getConnection().getRemoteAddr();
    }

    /**
     * @param session the request's session
     * @return {@link #limitKey(String)} of the caller's address, or null
     */
    public static String limitKeyOf(KeycloakSession session) {
        return limitKey(of(session));
    }

    /**
     * @param address an address literal (IPv4, IPv6 with or without brackets or zone), may be null
     * @return the key rate limits count under: IPv4 (and IPv4-mapped IPv6) as dotted quad, IPv6 as its /64 network
     *         ({@code 2001:db8:1:2::/64}); anything that is not an address literal is returned unchanged (bounded
     *         length) so that it still counts, never resolved through DNS; null stays null
     */
    public static String limitKey(String address) {
        if (address == null || address.isEmpty()) {
            return address;
        }
        String literal = address.length() > MAX_LITERAL ? address.substring(0, MAX_LITERAL) : address;
        InetAddress parsed = parseLiteral(literal);
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress();
        }
        if (parsed instanceof Inet6Address) {
            byte[] bytes = parsed.getAddress();
            StringBuilder network = new StringBuilder(24);
            for (int group = 0; group < 4; group++) {
                int value = ((bytes[group * 2] & 0xff) << 8) | (bytes[group * 2 + 1] & 0xff);
                network.append(Integer.toHexString(value)).append(':');
            }
            return network.append(":/64").toString();
        }
        return literal;
    }

    /**
     * @param literal text that may be an address literal
     * @return the address (IPv4-mapped IPv6 comes back as IPv4), or null when the text is not a literal; never
     *         looks anything up in DNS
     */
    public static InetAddress parseLiteral(String literal) {
        if (literal == null || literal.isEmpty()) {
            return null;
        }
        String text = literal;
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        boolean v6 = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return null;
            }
        }
        if (!v6 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            // a literal of only digits, dots, colons and hex letters is parsed, never resolved
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
