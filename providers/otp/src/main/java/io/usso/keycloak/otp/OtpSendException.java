package io.usso.keycloak.otp;

/**
 * A code that could not be delivered (mail server or SMS gateway down, refused, misconfigured). {@link #reason()}
 * is machine-readable and safe for events (no address, text or code).
 */
public final class OtpSendException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason machine-readable reason
     * @param message description for the server log
     * @param cause the underlying error, may be null
     */
    public OtpSendException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the machine-readable reason */
    public String reason() {
        return reason;
    }
}
