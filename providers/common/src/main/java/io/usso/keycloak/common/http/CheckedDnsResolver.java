package io.usso.keycloak.common.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.http.conn.DnsResolver;

import io.usso.keycloak.common.net.ClientAddress;

/**
 * The DNS step of the guard's HTTP client: resolves a name once and hands the connection exactly the addresses it
 * checked, so a rebinding DNS server gets no second question whose answer would be used unchecked. If any address
 * of the name is not permitted ({@link OperatorNetworks#permits}), the whole name is refused
 * ({@link AddressRefusedException}), not only that address: which of several addresses a connection takes must not
 * decide whether a private one is reached.
 */
final class CheckedDnsResolver implements DnsResolver {

    /** A name that resolved to an address outbound calls may not reach. */
    static final class AddressRefusedException extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        AddressRefusedException(String host) {
            super("address of " + host + " is not allowed for outbound calls");
        }
    }

    private final OperatorNetworks networks;
    private final HostLookup lookup;

    CheckedDnsResolver(OperatorNetworks networks, HostLookup lookup) {
        this.networks = networks;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress literal = ClientAddress.parseLiteral(host);
        InetAddress[] addresses = literal != null ? new InetAddress[] {literal} : lookup.lookup(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!networks.permits(address)) {
                throw new AddressRefusedException(host);
            }
        }
        return addresses.clone();
    }
}
