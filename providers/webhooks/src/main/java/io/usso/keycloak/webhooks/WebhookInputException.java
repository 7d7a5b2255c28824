package io.usso.keycloak.webhooks;

/** A request the webhook endpoints refuse: its status, error code and a message safe to show the caller. */
public final class WebhookInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Error code of malformed input. */
    public static final String INVALID_REQUEST = "invalid_request";

    private final int status;
    private final String error;

    /**
     * @param status the HTTP status (4xx)
     * @param error the machine-readable code
     * @param message the description
     */
    public WebhookInputException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /**
     * @param message the description
     * @return a 400 {@value #INVALID_REQUEST}
     */
    public static WebhookInputException invalid(String message) {
        return new WebhookInputException(400, INVALID_REQUEST, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String error() {
        return error;
    }
}
