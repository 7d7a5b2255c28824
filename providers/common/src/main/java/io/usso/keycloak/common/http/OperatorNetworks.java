package io.usso.keycloak.common.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

/**
 * The non-public networks the server's operator lets outbound calls reach, for gateways that really are internal: a
 * comma separated CIDR list in the system property {@value #PROPERTY} or else the environment variable
 * {@value #ENVIRONMENT} (e.g. {@code 10.20.0.0/16,fd12:3456::/48}), read once when a guard is built. Empty (the
 * default) allows none. A malformed entry is logged and left out (it allows nothing). Tenant settings never change
 * it, and even an allowed network is reached only through a host name on the caller's {@link AllowList}.
 * Unspecified, multicast and broadcast addresses stay refused whatever the list says.
 */
public final class OperatorNetworks {

    /** System property holding the allowed private networks. */
    public static final String PROPERTY = "usso.outbound.allowed-private-networks";
    /** Environment variable holding them when the system property is not set. */
    public static final String ENVIRONMENT = "USSO_OUTBOUND_ALLOWED_PRIVATE_NETWORKS";

    private static final Logger LOG = Logger.getLogger(OperatorNetworks.class);
    private static final OperatorNetworks NONE = new OperatorNetworks(List.of());

    private final List<Cidr> networks;

    private OperatorNetworks(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    /** @return no private network allowed */
    public static OperatorNetworks none() {
        return NONE;
    }

    /** @return the networks of {@value #PROPERTY}, else of {@value #ENVIRONMENT}, else none */
    public static OperatorNetworks fromEnvironment() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        OperatorNetworks parsed = parse(value);
        if (!parsed.networks.isEmpty()) {
            LOG.infof("Outbound HTTP may reach these private networks (%s): %s", PROPERTY, parsed);
        }
        return parsed;
    }

    /**
     * @param csv comma separated CIDR ranges or addresses, may be null
     * @return the valid ones (malformed entries are logged at ERROR and left out)
     */
    public static OperatorNetworks parse(String csv) {
        if (csv == null || csv.isBlank()) {
            return NONE;
        }
        List<Cidr> networks = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                networks.add(Cidr.parse(part));
            } catch (IllegalArgumentException e) {
                LOG.errorf("%s: ignoring '%s' (%s); it allows nothing", PROPERTY, part.strip(), e.getMessage());
            }
        }
        return new OperatorNetworks(networks);
    }

    /**
     * @param address a resolved address
     * @return whether an outbound call may connect to it: a public address, or one in an allowed network, and never
     *         an unspecified, multicast or broadcast address
     */
    public boolean permits(InetAddress address) {
        if (PublicAddress.isNeverAllowed(address)) {
            return false;
        }
        return PublicAddress.isPublic(address) || networks.stream().anyMatch(network -> network.contains(address));
    }

    /** @return the allowed networks, comma separated ({@code none} when empty) */
    @Override
    public String toString() {
        return networks.isEmpty() ? "none" : networks.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }
}
