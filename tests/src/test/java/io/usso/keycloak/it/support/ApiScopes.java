package io.usso.keycloak.it.support;

/**
 * The scopes a token must be issued with to call USSO's own endpoints (the tenant template's dedicated client scopes,
 * each adding the audience {@value #AUDIENCE}), and the opt-in scope of the API-key grant. Users' tokens ask for them
 * ({@code scope=openid usso:api-keys}: optional client scopes of {@code spa}); back ends get them as default client
 * scopes ({@link AdminApi#assignClientScope}).
 */
public final class ApiScopes {

    /** Audience every USSO endpoint requires. */
    public static final String AUDIENCE = "usso-api";
    /** Manage one's own API keys. */
    public static final String API_KEYS = "usso:api-keys";
    /** Manage agents. */
    public static final String AGENTS = "usso:agents";
    /** Approve or deny QR logins from a mobile app. */
    public static final String QR_APPROVE = "usso:qr-approve";
    /** Issue magic links (a back end's service account). */
    public static final String MAGIC_LINK = "usso:magic-link";
    /** Assigned to a client (default or optional), opts it in to the API-key grant; never requested. */
    public static final String API_KEY_GRANT = "usso:api-key-grant";

    private ApiScopes() {
    }

    /**
     * @param scopes dedicated scopes
     * @return the {@code scope} parameter of a token request: {@code openid} and the given scopes
     */
    public static String openid(String... scopes) {
        return scopes.length == 0 ? "openid" : "openid " + String.join(" ", scopes);
    }
}
