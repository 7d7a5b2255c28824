package io.usso.keycloak.common.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses: the system resolver in production, a fixed table in tests. */
@FunctionalInterface
public interface HostLookup {

    /**
     * @param host a host name (never an address literal)
     * @return its addresses
     * @throws UnknownHostException when it does not resolve
     */
    InetAddress[] lookup(String host) throws UnknownHostException;

    /** @return the JVM's resolver ({@link InetAddress#getAllByName}, with the JVM's DNS cache) */
    static HostLookup system() {
        return InetAddress::getAllByName;
    }
}
