package io.usso.keycloak.common.auth;

import java.util.Objects;

/**
 * What the bearer token of one USSO endpoint must prove, declared once in {@link UssoEndpoints}: the audience it was
 * issued for, the scope granted, the kind of session behind it, and whether the person must have signed in
 * recently. "A token proves only what it was issued for."
 *
 * @param name endpoint name, used in events and logs (e.g. {@code api-keys.create})
 * @param audience value the token's {@code aud} must contain, or null for none
 * @param scope scope the token's {@code scope} must contain, or null for none
 * @param sessionKind the session the token must come from
 * @param recentLogin whether the last interactive authentication ({@code auth_time}) must be no older than the
 *        tenant's {@link ReauthMaxAge}
 */
public record TokenPolicy(String name, String audience, String scope, SessionKind sessionKind, boolean recentLogin) {

    /** Validates the declaration. */
    public TokenPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sessionKind, "sessionKind");
        if (recentLogin && sessionKind != SessionKind.INTERACTIVE && sessionKind != SessionKind.USER_SESSION) {
            throw new IllegalArgumentException("a recent login needs a person's session: " + name);
        }
    }
}
