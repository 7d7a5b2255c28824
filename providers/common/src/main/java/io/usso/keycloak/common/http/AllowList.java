package io.usso.keycloak.common.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.usso.keycloak.common.net.ClientAddress;

/**
 * The hosts one kind of outbound call may go to, as its owner (usually the server operator, through a provider
 * option) wrote them: comma separated entries of an exact host name ({@code sms.example.com}), a suffix
 * ({@code *.example.com}: any name below it, not the name itself), or an address literal ({@code 203.0.113.7},
 * {@code [2001:db8::7]}); each optionally with {@code :port}. An entry without a port allows ports 80 and 443 only.
 * Names compare case-insensitively and without a trailing dot. An empty list allows nothing.
 */
public final class AllowList {

    /** Ports an entry without {@code :port} allows. */
    public static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

    private static final AllowList NONE = new AllowList(List.of(), List.of());

    /** One entry: {@code host} is normalised ({@link #normaliseHost}); {@code port} -1 = the default ports. */
    private record Entry(String host, boolean suffix, int port) {
        boolean matchesHost(String name) {
            return suffix ? name.endsWith("." + host) : name.equals(host);
        }

        boolean matchesPort(int requested) {
            return port < 0 ? DEFAULT_PORTS.contains(requested) : port == requested;
        }

        @Override
        public String toString() {
            String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return (suffix ? "*." : "") + name + (port < 0 ? "" : ":" + port);
        }
    }

    private final List<Entry> entries;
    private final List<String> rejected;

    private AllowList(List<Entry> entries, List<String> rejected) {
        this.entries = List.copyOf(entries);
        this.rejected = List.copyOf(rejected);
    }

    /** @return the empty list: nothing allowed */
    public static AllowList none() {
        return NONE;
    }

    /**
     * @param csv comma separated entries, may be null
     * @return the valid entries; malformed ones are left out and listed in {@link #rejected()}
     */
    public static AllowList parse(String csv) {
        if (csv == null || csv.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String part : csv.split(",")) {
            String text = part.strip();
            if (text.isEmpty()) {
                continue;
            }
            Entry entry = entry(text);
            if (entry == null) {
                rejected.add(text);
            } else if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return new AllowList(entries, rejected);
    }

    /**
     * @param other another list
     * @return the entries of both (the rejected entries of both too)
     */
    public AllowList and(AllowList other) {
        Set<Entry> union = new LinkedHashSet<>(entries);
        union.addAll(other.entries);
        List<String> bad = new ArrayList<>(rejected);
        bad.addAll(other.rejected);
        return new AllowList(new ArrayList<>(union), bad);
    }

    /** @return whether nothing is allowed */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the entries given to {@link #parse} that were not valid and allow nothing */
    public List<String> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /**
     * @param host a host as in a URL (name, address literal, IPv6 in brackets)
     * @return whether some entry names this host (whatever its port)
     */
    public boolean permitsHost(String host) {
        String name = normaliseHost(host);
        return name != null && entries.stream().anyMatch(e -> e.matchesHost(name));
    }

    /**
     * @param host a host as in a URL
     * @param port the port the call would use
     * @return whether an entry names this host and allows this port
     */
    public boolean permits(String host, int port) {
        String name = normaliseHost(host);
        return name != null && entries.stream().anyMatch(e -> e.matchesHost(name) && e.matchesPort(port));
    }

    /**
     * @param host a host name or address literal (IPv6 with or without brackets), may be null
     * @return the form entries are compared in: an address literal in Java's canonical text, a name in lower case
     *         without a trailing dot; null when it is neither (empty, characters other than letters, digits, dots and
     *         hyphens)
     */
    public static String normaliseHost(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return null;
        }
        InetAddress literal = ClientAddress.parseLiteral(host);
        if (literal != null) {
            return literal.getHostAddress();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return null;
            }
        }
        return name;
    }

    private static Entry entry(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        boolean suffix = value.startsWith("*.");
        if (suffix) {
            value = value.substring(2);
        }
        String host = value;
        int port = -1;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = port(rest.substring(1));
            }
        } else if (value.indexOf(':') != value.lastIndexOf(':')) {
            return null;
        } else if (value.indexOf(':') >= 0) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1));
        }
        String normalised = normaliseHost(host);
        if (normalised == null || port == 0) {
            return null;
        }
        boolean literal = ClientAddress.parseLiteral(host) != null;
        if ((suffix && literal) || (!literal && host.startsWith("["))) {
            return null;
        }
        return new Entry(normalised, suffix, port);
    }

    private static int port(String digits) {
        if (!digits.matches("\\d{1,5}")) {
            return 0;
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535 ? port : 0;
    }

    /** @return the entries, comma separated ({@code none} when empty) */
    @Override
    public String toString() {
        return entries.isEmpty() ? "none" : entries.stream().map(Entry::toString).collect(Collectors.joining(","));
    }
}
