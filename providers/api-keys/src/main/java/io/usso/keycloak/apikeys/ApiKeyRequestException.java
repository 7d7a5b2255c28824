package io.usso.keycloak.apikeys;

/**
 * A key creation or rotation request that breaks a tenant rule (scopes, lifetime). The message is written for the
 * API client (the REST layer returns it in a 400 response) and never contains a key or a pepper.
 */
public final class ApiKeyRequestException extends RuntimeException {

    /** Error code: the requested scopes are missing, invalid or not held by the owner. */
    public static final String INVALID_SCOPE = "invalid_scope";
    /** Error code: the requested lifetime or expiry is not allowed. */
    public static final String INVALID_LIFETIME = "invalid_lifetime";
    /** Error code: the owner already holds the most keys allowed. */
    public static final String TOO_MANY_KEYS = "too_many_keys";
    /** A rotated-out key (in its grace) cannot be rotated again. */
    public static final String ALREADY_ROTATED = "already_rotated";

    /** The machine-readable error code. */
    private final String error;

    /**
     * @param error machine-readable code, e.g. {@value #INVALID_SCOPE}
     * @param message client-safe explanation
     */
    public ApiKeyRequestException(String error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** @return the machine-readable error code */
    public String error() {
        return error;
    }
}
