package io.usso.keycloak.common.auth;

/**
 * Decides whether a verified token satisfies an endpoint's {@link TokenPolicy}. Pure: the facts come from
 * {@link BearerAuth}. Checks in this order: audience, scope, API-key origin, session kind, recency.
 */
public final class TokenCheck {

    private TokenCheck() {
    }

    /**
     * @param policy what the endpoint needs
     * @param facts what the token shows, null when there is no valid token
     * @param nowSeconds the current time, epoch seconds
     * @param maxAgeSeconds the tenant's {@link ReauthMaxAge}
     * @return null when the token may call the endpoint, otherwise why not
     */
    public static TokenRefusal evaluate(TokenPolicy policy, TokenFacts facts, long nowSeconds, int maxAgeSeconds) {
        if (facts == null) {
            return TokenRefusal.noToken();
        }
        if (policy.audience() != null && !facts.audiences().contains(policy.audience())) {
            return TokenRefusal.invalid("The token was not issued for this API (audience " + policy.audience() + ")",
                    "audience");
        }
        if (policy.scope() != null && !facts.scopes().contains(policy.scope())) {
            return TokenRefusal.scope(policy.scope());
        }
        if (facts.apiKey()) {
            return TokenRefusal.forbidden("Tokens obtained with an API key cannot call this endpoint", "api_key");
        }
        TokenRefusal kind = sessionKind(policy.sessionKind(), facts);
        if (kind != null) {
            return kind;
        }
        if (policy.recentLogin()) {
            Long authTime = facts.authTime();
            if (authTime == null || authTime > nowSeconds + 60 || nowSeconds - authTime > maxAgeSeconds) {
                return TokenRefusal.loginTooOld(maxAgeSeconds);
            }
        }
        return null;
    }

    private static TokenRefusal sessionKind(SessionKind kind, TokenFacts facts) {
        switch (kind) {
            case ANY_BUT_API_KEY:
                return null;
            case SERVICE_ACCOUNT:
                return facts.serviceAccount() ? null
                        : TokenRefusal.forbidden("This endpoint is for service accounts (client credentials)",
                                "not_service_account");
            case USER_SESSION:
            case INTERACTIVE:
                if (facts.serviceAccount()) {
                    return TokenRefusal.forbidden("This endpoint needs a person's sign-in, not a service account",
                            "service_account");
                }
                if (facts.sessionId() == null) {
                    return TokenRefusal.forbidden("This endpoint needs a token backed by a user session",
                            "session_less");
                }
                if (facts.transientSession()) {
                    return TokenRefusal.forbidden("This endpoint needs a token backed by a stored user session",
                            "transient");
                }
                if (kind == SessionKind.INTERACTIVE && !facts.interactive()) {
                    return TokenRefusal.notInteractive();
                }
                return null;
            default:
                throw new IllegalStateException("unknown session kind " + kind);
        }
    }
}
