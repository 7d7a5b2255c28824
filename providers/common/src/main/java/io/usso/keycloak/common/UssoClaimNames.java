package io.usso.keycloak.common;

/**
 * Default names of the claims that USSO SDKs read from tokens. Mappers allow renaming them; these are the
 * names the SDKs expect.
 */
public final class UssoClaimNames {

    /** Tenant (realm) the token belongs to. */
    public static final String TENANT_ID = "tenant_id";
    /** Token kind; {@code access} for access tokens only. */
    public static final String TOKEN_TYPE = "token_type";
    /** Keycloak user-session id. */
    public static final String SESSION_ID = "session_id";
    /** Effective role names. */
    public static final String ROLES = "roles";
    /** USSO authorization scope strings. */
    public static final String SCOPES = "scopes";
    /** Authentication Method References (RFC 8176). */
    public static final String AMR = "amr";
    /** User id. */
    public static final String USER_ID = "user_id";
    /** Workspace the session is bound to. */
    public static final String WORKSPACE_ID = "workspace_id";

    /** Value of {@link #TOKEN_TYPE} in access tokens. */
    public static final String TOKEN_TYPE_ACCESS = "access";
    /** Value of {@link #TOKEN_TYPE} in ID tokens: not a USSO access kind, so USSO's SDKs refuse them as access. */
    public static final String TOKEN_TYPE_ID = "id";

    private UssoClaimNames() {
    }
}
