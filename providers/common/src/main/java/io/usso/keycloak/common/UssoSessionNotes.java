package io.usso.keycloak.common;

/**
 * Keys of the user-session notes that USSO providers write and the {@code usso} token mappers read.
 * Values written through {@code AuthenticationSessionModel#setUserSessionNote} are copied into the user
 * session when it is created or re-attached.
 */
public final class UssoSessionNotes {

    /** Space separated AMR values recorded by USSO authenticators, see {@link UssoAmr}. */
    public static final String AMR = "usso.amr";

    /** Workspace the session is bound to; read by the {@code workspace_id} claim mapper. */
    public static final String WORKSPACE_ID = "usso.workspace_id";
    /**
     * Space separated USSO scopes a session may use at most (e.g. a token obtained with an API key carries only the
     * key's scopes); read by the {@code scopes} claim mapper, which keeps only collected scopes within it.
     */
    public static final String SCOPES_LIMIT = "usso.scopes_limit";

    private UssoSessionNotes() {
    }
}
