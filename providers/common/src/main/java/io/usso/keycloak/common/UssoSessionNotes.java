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

    private UssoSessionNotes() {
    }
}
