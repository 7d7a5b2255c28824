package io.usso.keycloak.claims;

/**
 * One authenticator execution completed in the session, as input for {@link AmrResolver}.
 *
 * @param providerId the authenticator provider id, e.g. {@code auth-otp-form}
 * @param referenceValue the execution's configured AMR reference value ({@code default.reference.value}),
 *     or null when none is configured
 */
public record CompletedAuthenticator(String providerId, String referenceValue) {

    /**
     * @param providerId the authenticator provider id
     * @return an entry without reference value
     */
    public static CompletedAuthenticator of(String providerId) {
        return new CompletedAuthenticator(providerId, null);
    }
}
