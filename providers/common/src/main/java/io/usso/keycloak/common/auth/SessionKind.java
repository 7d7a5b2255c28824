package io.usso.keycloak.common.auth;

/**
 * What kind of session the bearer token of a request must come from. Ordered from the weakest requirement to the
 * strongest; a token that satisfies a kind satisfies every weaker one except {@link #SERVICE_ACCOUNT}, which is a
 * kind of its own.
 */
public enum SessionKind {

    /**
     * Any valid token of the realm except one obtained with an API key ({@code amr=api_key}): service accounts
     * (client credentials, session-less) included.
     */
    ANY_BUT_API_KEY,

    /**
     * A service account's token (client credentials of a confidential client), never a person's and never an
     * API key's.
     */
    SERVICE_ACCOUNT,

    /**
     * A person's token backed by a stored (not transient) user session: has a {@code sid}, not from the API-key
     * grant, not a service account.
     */
    USER_SESSION,

    /**
     * {@link #USER_SESSION} established by an interactive login through the authorization endpoint (the browser
     * flow with every factor the tenant asks for), not by a direct password grant, token exchange or any other
     * grant that skips the browser flow.
     */
    INTERACTIVE
}
