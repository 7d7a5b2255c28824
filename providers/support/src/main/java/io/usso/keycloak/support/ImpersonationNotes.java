package io.usso.keycloak.support;

/**
 * Names shared by the impersonation guard, the notice listener and the realm templates: where the reason of an
 * impersonation travels and where it is kept.
 */
public final class ImpersonationNotes {

    /** Request-scoped attribute of the Keycloak session: the reason the guard accepted, for the listener. */
    public static final String REASON_ATTRIBUTE = "usso.impersonation.reason";
    /** User-session note of an impersonated session: the reason given. */
    public static final String REASON_NOTE = "usso.impersonation.reason";
    /** User-session note of an impersonated session: when it ends (epoch seconds). */
    public static final String ENDS_NOTE = "usso.impersonation.ends";
    /**
     * User attribute (declared read-only in the templates' user profile, so the account console shows it): the last
     * time support signed in as the user, who, until when and why.
     */
    public static final String SUPPORT_ACCESS_ATTRIBUTE = "support_access";
    /** Header that may carry the reason instead of the JSON body (ASCII only: headers are). */
    public static final String REASON_HEADER = "X-Impersonation-Reason";

    private ImpersonationNotes() {
    }
}
