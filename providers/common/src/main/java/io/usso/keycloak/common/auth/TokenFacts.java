package io.usso.keycloak.common.auth;

import java.util.Set;

/**
 * What a verified bearer token and the session behind it show, without Keycloak types (so that
 * {@link TokenCheck} is a pure function).
 *
 * @param audiences the token's {@code aud} values
 * @param scopes the token's {@code scope} values
 * @param sessionId the token's {@code sid}, null for session-less tokens (client credentials, API-key grant)
 * @param apiKey whether the token was obtained with an API key ({@code amr} claim or session note {@code api_key})
 * @param serviceAccount whether the token's user is a client's service account
 * @param transientSession whether the user session is transient (never stored)
 * @param interactive whether the token's client session began at the authorization endpoint (a browser login)
 * @param authTime the session's last interactive authentication, epoch seconds, null when unknown
 */
public record TokenFacts(Set<String> audiences, Set<String> scopes, String sessionId, boolean apiKey,
        boolean serviceAccount, boolean transientSession, boolean interactive, Long authTime) {

    /** Copies the sets. */
    public TokenFacts {
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
