package io.usso.keycloak.common.http;

/**
 * An outbound request that was refused by the guard or did not get an answer. {@link #reason()} says why in a form
 * callers can put into events and map to a neutral answer; the message names at most the host, never the URL's path
 * or query, headers or body.
 */
public final class OutboundHttpException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** Not an absolute http(s) URL with a host, user info in it, or malformed headers. */
        INVALID_REQUEST("invalid_request"),
        /** The host is on no entry of the caller's allow-list (an empty list allows nothing). */
        HOST_NOT_ALLOWED("host_not_allowed"),
        /** The host is allowed, the port is not (without {@code :port}, an entry allows 80 and 443). */
        PORT_NOT_ALLOWED("port_not_allowed"),
        /** The host name does not resolve. */
        UNKNOWN_HOST("unknown_host"),
        /** The host resolves to an address that is not public (loopback, private, link-local, ...). */
        ADDRESS_NOT_ALLOWED("address_not_allowed"),
        /** The answer was a redirect (3xx), which is never followed. */
        REDIRECT_REFUSED("redirect_refused"),
        /** No connection or no complete answer within the policy's timeouts. */
        TIMEOUT("timeout"),
        /** The connection failed or broke (refused, reset, TLS error, ...). */
        IO_ERROR("io_error");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** @return the lower-case code for events and logs */
        public String code() {
            return code;
        }

        /** @return whether the guard refused the request (as opposed to the target failing to answer) */
        public boolean refusal() {
            return this != TIMEOUT && this != IO_ERROR && this != UNKNOWN_HOST;
        }
    }

    private final Reason reason;
    private final String host;

    /**
     * @param reason why
     * @param host the target host (safe to log), may be null
     * @param message description without secrets
     * @param cause the underlying error, may be null
     */
    public OutboundHttpException(Reason reason, String host, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.host = host;
    }

    /** @return why the request failed */
    public Reason reason() {
        return reason;
    }

    /** @return the target host, or null when the URL had none */
    public String host() {
        return host;
    }
}
