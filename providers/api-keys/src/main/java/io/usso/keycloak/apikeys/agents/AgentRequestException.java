package io.usso.keycloak.apikeys.agents;

/**
 * A request to the agents endpoint that cannot be served as sent: a 400 with error {@value #INVALID_REQUEST} and
 * this message, written for the API client. Never carries key material.
 */
public final class AgentRequestException extends RuntimeException {

    /** The error code of every such answer. */
    public static final String INVALID_REQUEST = "invalid_request";

    /**
     * @param message client-safe explanation of what is wrong and what to send instead
     */
    public AgentRequestException(String message) {
        super(message, null, false, false);
    }
}
