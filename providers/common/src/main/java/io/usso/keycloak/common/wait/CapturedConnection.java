package io.usso.keycloak.common.wait;

import org.keycloak.common.ClientConnection;

/**
 * The client connection of a request, copied so that work finished after the request's thread has moved on (a
 * long-poll answered by {@link LongPollHub}) still records the caller's address in its events.
 *
 * @param remoteAddr the caller's address (as Keycloak's proxy settings resolved it)
 * @param remoteHost the caller's host
 * @param remotePort the caller's port
 * @param localAddr this server's address
 * @param localPort this server's port
 */
public record CapturedConnection(String remoteAddr, String remoteHost, int remotePort, String localAddr,
        int localPort) implements ClientConnection {

    /**
     * @param connection the request's connection, may be null
     * @return a copy (empty values when there is none)
     */
    public static CapturedConnection of(ClientConnection connection) {
        if (connection == null) {
            return new CapturedConnection(null, null, 0, null, 0);
        }
        return new CapturedConnection(connection.getRemoteAddr(), connection.getRemoteHost(),
                connection.getRemotePort(), connection.getLocalAddr(), connection.getLocalPort());
    }

    @Override
    public String getRemoteAddr() {
        return remoteAddr;
    }

    @Override
    public String getRemoteHost() {
        return remoteHost;
    }

    @Override
    public int getRemotePort() {
        return remotePort;
    }

    @Override
    public String getLocalAddr() {
        return localAddr;
    }

    @Override
    public int getLocalPort() {
        return localPort;
    }
}
