package io.usso.keycloak.workspaces;

/** Refused request input: the OAuth-style error code and a message safe to show the caller (a 4xx answer). */
public final class WorkspaceInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Error code: the body or a parameter is not what the endpoint expects. */
    public static final String INVALID_REQUEST = "invalid_request";
    /** Error code: a scope is malformed or not in the tenant's scope catalog. */
    public static final String INVALID_SCOPE = "invalid_scope";

    private final String error;
    private final int status;

    /**
     * @param status HTTP status (4xx)
     * @param error error code
     * @param message client-safe description
     */
    public WorkspaceInputException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /**
     * @param message client-safe description
     * @return a 400 {@value #INVALID_REQUEST}
     */
    public static WorkspaceInputException invalid(String message) {
        return new WorkspaceInputException(400, INVALID_REQUEST, message);
    }

    /** @return the error code */
    public String error() {
        return error;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
