package io.usso.keycloak.common.auth;

import java.util.List;

/**
 * The one place that says what the bearer token of every USSO endpoint must prove. An endpoint that acts on a
 * bearer token names its constant here and calls {@code BearerAuth.authorize(session, realm, UssoEndpoints.X)};
 * a new endpoint adds a constant (and its row in the hostile-input test).
 *
 * <p>Audience: {@value #AUDIENCE}, put into access tokens by the dedicated client scopes below (each carries an
 * audience mapper), so only clients that a tenant admin gave one of these scopes can call USSO endpoints at all.
 * Scopes: one per capability, optional client scopes in the tenant template, requested explicitly by the app
 * ({@code scope=openid usso:api-keys}).
 *
 * <p>Rules, thinking of the attacker holding the weakest token the realm can issue: tokens from the API-key grant
 * ({@code amr=api_key}), transient and session-less tokens never mint credentials, approve logins or manage agents;
 * minting credentials and approving logins also need an interactive (browser) sign-in no older than the tenant's
 * {@link ReauthMaxAge}, so a password alone (direct grant, no second factor) or a stolen long-lived session is not
 * enough.
 */
public final class UssoEndpoints {

    /** Audience every USSO endpoint token carries. */
    public static final String AUDIENCE = "usso-api";

    /** Scope: manage one's own API keys. */
    public static final String SCOPE_API_KEYS = "usso:api-keys";
    /** Scope: manage agents (service accounts). */
    public static final String SCOPE_AGENTS = "usso:agents";
    /** Scope: approve or deny QR logins from a mobile app. */
    public static final String SCOPE_QR_APPROVE = "usso:qr-approve";
    /** Scope: issue magic links for a trusted back end. */
    public static final String SCOPE_MAGIC_LINK = "usso:magic-link";
    /** Scope: manage workspaces (self-service) and the scope catalog. */
    public static final String SCOPE_WORKSPACES = "usso:workspaces";

    /** Dedicated client scopes, in the order the tenant template lists them. */
    public static final List<String> SCOPES = List.of(SCOPE_API_KEYS, SCOPE_AGENTS, SCOPE_QR_APPROVE,
            SCOPE_MAGIC_LINK, SCOPE_WORKSPACES);

    /** {@code POST /realms/{r}/api-keys}: mints a credential. */
    public static final TokenPolicy API_KEYS_CREATE = new TokenPolicy("api-keys.create", AUDIENCE, SCOPE_API_KEYS,
            SessionKind.INTERACTIVE, true);
    /** {@code POST /realms/{r}/api-keys/{id}/rotate}: mints a credential. */
    public static final TokenPolicy API_KEYS_ROTATE = new TokenPolicy("api-keys.rotate", AUDIENCE, SCOPE_API_KEYS,
            SessionKind.INTERACTIVE, true);
    /** {@code GET /realms/{r}/api-keys}. */
    public static final TokenPolicy API_KEYS_LIST = new TokenPolicy("api-keys.list", AUDIENCE, SCOPE_API_KEYS,
            SessionKind.USER_SESSION, false);
    /** {@code DELETE /realms/{r}/api-keys/{id}}. */
    public static final TokenPolicy API_KEYS_REVOKE = new TokenPolicy("api-keys.revoke", AUDIENCE, SCOPE_API_KEYS,
            SessionKind.USER_SESSION, false);
    /**
     * {@code POST /realms/{r}/api-keys/verify} with a bearer token: a back end (usually a service account) holding
     * the realm role {@code verify-api-keys}; any audience, so that USSO's SDK works as shipped.
     */
    public static final TokenPolicy API_KEYS_VERIFY = new TokenPolicy("api-keys.verify", null, null,
            SessionKind.ANY_BUT_API_KEY, false);

    /** {@code POST /realms/{r}/agents} and key rotation: mints credentials. */
    public static final TokenPolicy AGENTS_MANAGE = new TokenPolicy("agents.manage", AUDIENCE, SCOPE_AGENTS,
            SessionKind.INTERACTIVE, true);
    /** {@code GET /realms/{r}/agents[/{id}]} and {@code DELETE}. */
    public static final TokenPolicy AGENTS_READ = new TokenPolicy("agents.read", AUDIENCE, SCOPE_AGENTS,
            SessionKind.INTERACTIVE, false);

    /** {@code POST /realms/{r}/qr-login/{code}/approve}: signs a desktop in. */
    public static final TokenPolicy QR_APPROVE = new TokenPolicy("qr-login.approve", AUDIENCE, SCOPE_QR_APPROVE,
            SessionKind.INTERACTIVE, true);
    /** {@code GET /realms/{r}/qr-login/{code}} and {@code POST .../deny}. */
    public static final TokenPolicy QR_INSPECT = new TokenPolicy("qr-login.inspect", AUDIENCE, SCOPE_QR_APPROVE,
            SessionKind.INTERACTIVE, false);

    /** {@code POST /realms/{r}/magic-link}: a trusted back end's service account (role {@code issue-magic-links}). */
    public static final TokenPolicy MAGIC_LINK_ISSUE = new TokenPolicy("magic-link.issue", AUDIENCE,
            SCOPE_MAGIC_LINK, SessionKind.SERVICE_ACCOUNT, false);

    /**
     * {@code GET /realms/{r}/workspaces[/{id}[/members|/roles]]}, {@code GET /realms/{r}/workspaces/people} and
     * {@code GET /realms/{r}/workspace-templates[/{name}]}: reads what the caller may see.
     */
    public static final TokenPolicy WORKSPACES_READ = new TokenPolicy("workspaces.read", AUDIENCE, SCOPE_WORKSPACES,
            SessionKind.USER_SESSION, false);
    /**
     * {@code POST/PUT/DELETE /realms/{r}/workspaces...}: creates and changes workspaces, members, roles and role
     * assignments, and {@code PUT/DELETE /realms/{r}/workspace-templates/{name}} (the caller's workspace role or
     * tenant-admin role decides what is allowed).
     */
    public static final TokenPolicy WORKSPACES_MANAGE = new TokenPolicy("workspaces.manage", AUDIENCE,
            SCOPE_WORKSPACES, SessionKind.USER_SESSION, false);
    /**
     * {@code GET/PUT /realms/{r}/scope-catalog[/{service}]}: a service registers its scopes (usually its service
     * account, holding the realm role {@code manage-scope-catalog}).
     */
    public static final TokenPolicy SCOPE_CATALOG = new TokenPolicy("scope-catalog", AUDIENCE, SCOPE_WORKSPACES,
            SessionKind.ANY_BUT_API_KEY, false);

    /**
     * Audience of tokens that carry the tenant's admin roles: Keycloak's audience resolution adds the tenant's
     * {@code realm-management} client to every token holding one of its roles.
     */
    public static final String ADMIN_AUDIENCE = "realm-management";

    /**
     * {@code /realms/{r}/webhooks...}: a tenant admin manages the tenant's webhooks. The token must carry the tenant's
     * admin audience; the endpoint then asks for the {@code realm-management} role {@code manage-realm} or
     * {@code manage-events} in the token. Service accounts of the tenant's automation qualify, API-key tokens never.
     */
    public static final TokenPolicy WEBHOOKS_MANAGE = new TokenPolicy("webhooks.manage", ADMIN_AUDIENCE, null,
            SessionKind.ANY_BUT_API_KEY, false);

    /** Every policy, for documentation and tests. */
    public static final List<TokenPolicy> ALL = List.of(API_KEYS_CREATE, API_KEYS_ROTATE, API_KEYS_LIST,
            API_KEYS_REVOKE, API_KEYS_VERIFY, AGENTS_MANAGE, AGENTS_READ, QR_APPROVE, QR_INSPECT, MAGIC_LINK_ISSUE,
            WORKSPACES_READ, WORKSPACES_MANAGE, SCOPE_CATALOG, WEBHOOKS_MANAGE);

    private UssoEndpoints() {
    }
}
