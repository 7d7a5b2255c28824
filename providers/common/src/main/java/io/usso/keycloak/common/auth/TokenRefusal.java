package io.usso.keycloak.common.auth;

import io.usso.keycloak.common.JsonReply;

/**
 * Why a token does not satisfy an endpoint's {@link TokenPolicy}: the HTTP status, the OAuth error code of RFC 6750
 * ({@code invalid_token}, {@code insufficient_scope}) or RFC 9470 ({@code insufficient_user_authentication}), a
 * description for the caller, and the {@code WWW-Authenticate} challenge.
 *
 * @param status 401 or 403
 * @param error the error code
 * @param description what the caller must do differently
 * @param challenge the {@code WWW-Authenticate} header value
 * @param reason a short machine-readable reason for events ({@code audience}, {@code scope}, {@code api_key},
 *        {@code session_less}, {@code transient}, {@code service_account}, {@code not_service_account},
 *        {@code not_interactive}, {@code login_too_old}, {@code no_token})
 */
public record TokenRefusal(int status, String error, String description, String challenge, String reason) {

    /** @return the JSON answer with its challenge header */
    public JsonReply reply() {
        return JsonReply.error(status, error, description).withHeader("WWW-Authenticate", challenge);
    }

    static TokenRefusal noToken() {
        return new TokenRefusal(401, "invalid_token", "A valid bearer token of this realm is required",
                "Bearer error=\"invalid_token\"", "no_token");
    }

    static TokenRefusal invalid(String description, String reason) {
        return new TokenRefusal(401, "invalid_token", description, "Bearer error=\"invalid_token\"", reason);
    }

    static TokenRefusal forbidden(String description, String reason) {
        return new TokenRefusal(403, "access_denied", description, "Bearer error=\"insufficient_scope\"", reason);
    }

    static TokenRefusal notInteractive() {
        return new TokenRefusal(401, "insufficient_user_authentication", "This endpoint needs a token from a "
                + "browser sign-in (authorization code flow), not a password or other direct grant",
                "Bearer error=\"insufficient_user_authentication\"", "not_interactive");
    }

    static TokenRefusal scope(String scope) {
        return new TokenRefusal(403, "insufficient_scope", "The token must be granted the scope " + scope,
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"", "scope");
    }

    static TokenRefusal loginTooOld(int maxAgeSeconds) {
        return new TokenRefusal(401, "insufficient_user_authentication",
                "This action needs a sign-in no older than " + maxAgeSeconds + " seconds; sign in again",
                "Bearer error=\"insufficient_user_authentication\", max_age=" + maxAgeSeconds, "login_too_old");
    }
}
