package io.usso.keycloak.otp.sms;

/**
 * A message that did not reach the gateway or was refused by it. {@link #reason()} is a short machine-readable code
 * ({@code not_configured}, {@code timeout}, {@code io_error}, {@code http_503}, {@code gateway_418},
 * {@code vault_secret_missing}, {@code vault_reference_not_allowed}, {@code disabled_in_production}, and the outbound
 * guard's refusals {@code host_not_allowed}, {@code port_not_allowed}, {@code address_not_allowed},
 * {@code redirect_refused}, {@code unknown_host}, ...) that never holds secrets, text or code.
 */
public final class SmsSendException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason machine-readable reason, safe for events
     * @param message description for the server log (no secrets)
     */
    public SmsSendException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason machine-readable reason, safe for events
     * @param message description for the server log (no secrets)
     * @param cause the underlying error
     */
    public SmsSendException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the machine-readable reason */
    public String reason() {
        return reason;
    }
}
