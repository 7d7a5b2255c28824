package io.usso.keycloak.magiclink.rest;

/** A refused API request: HTTP status, OAuth-style error code and a client-safe description. */
final class ApiRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    ApiRequestException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
