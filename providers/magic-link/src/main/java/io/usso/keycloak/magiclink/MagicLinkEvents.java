package io.usso.keycloak.magiclink;

/**
 * Event details of the magic-link module. Keycloak event types are reused: a send is {@code SEND_VERIFY_EMAIL}
 * ({@code _ERROR} when refused or failed), a use is {@code VERIFY_EMAIL} ({@code _ERROR} when the link is refused),
 * the login itself is Keycloak's {@code LOGIN} (detail {@value #DETAIL_USSO_EVENT} = {@value #USED}), a registration
 * on first link is {@code REGISTER}. The detail {@value #DETAIL_USSO_EVENT} says what happened; events never hold a
 * token, a handle or a reference.
 */
public final class MagicLinkEvents {

    /** Detail naming the USSO event. */
    public static final String DETAIL_USSO_EVENT = "usso_event";
    /** Detail: why something was refused. */
    public static final String DETAIL_REASON = "reason";
    /** Detail: {@code browser} or {@code api}. */
    public static final String DETAIL_ORIGIN = "origin";
    /** Detail: the limit reached, {@code ip} or {@code address}. */
    public static final String DETAIL_RATE_LIMIT = "rate_limit";
    /** Detail: whether a link was confirmed in the browser that asked for it. */
    public static final String DETAIL_SAME_BROWSER = "same_browser";
    /** Detail: the client a link (or API call) is for, when the event's client is the caller. */
    public static final String DETAIL_TARGET_CLIENT = "target_client";
    /** Detail: how the user signed in ({@value #AUTH_METHOD}); Keycloak's own {@code auth_method} names the protocol. */
    public static final String DETAIL_AUTH_METHOD = "usso_auth_method";

    /** A link was sent (or, unknown address, would have been: the event says {@code user_not_found}). */
    public static final String SENT = "MAGIC_LINK_SENT";
    /** The API returned a link to its caller instead of sending it. */
    public static final String ISSUED = "MAGIC_LINK_ISSUED";
    /** A link was used (confirmed) or completed a login. */
    public static final String USED = "MAGIC_LINK_USED";
    /** A link, a send or a completion was refused. */
    public static final String REJECTED = "MAGIC_LINK_REJECTED";
    /** The value of {@value #DETAIL_AUTH_METHOD}. */
    public static final String AUTH_METHOD = "magic-link";

    /** Reason: a rate limit was reached. */
    public static final String REASON_RATE_LIMITED = "rate_limited";
    /** Reason: no account for the address (and no registration). */
    public static final String REASON_USER_NOT_FOUND = "user_not_found";
    /** Reason: the account is disabled. */
    public static final String REASON_USER_DISABLED = "user_disabled";
    /** Reason: the account has no e-mail address. */
    public static final String REASON_NO_EMAIL = "no_email";
    /** Reason: the mail server refused or could not be reached. */
    public static final String REASON_SEND_FAILED = "send_failed";
    /** Reason: the confirm form did not come from the confirm page (anti-CSRF check failed). */
    public static final String REASON_FORGED_CONFIRM = "confirm_not_from_page";
    /** Reason: a reference was presented by another browser than the one that confirmed the link. */
    public static final String REASON_OTHER_BROWSER = "other_browser";
    /** Reason: a confirmation for another client or session. */
    public static final String REASON_MISMATCH = "mismatch";
    /** Reason: the account's e-mail address is not verified (a link never signs in by an unproven address). */
    public static final String REASON_EMAIL_NOT_VERIFIED = "email_not_verified";
    /** Reason: a same-browser link was confirmed in another browser (nothing used). */
    public static final String REASON_OTHER_BROWSER_CONFIRM = "confirmed_in_other_browser";
    /** Reason: the cross-device code typed on the other device was wrong (the link is used up). */
    public static final String REASON_WRONG_CODE = "wrong_code";
    /** Reason: the API may not return links for this client ({@code send:false}). */
    public static final String REASON_CLIENT_NOT_ALLOWED = "link_client_not_allowed";
    /** Reason: the API never returns links for accounts with administrative (or tenant-marked) roles. */
    public static final String REASON_PRIVILEGED_USER = "privileged_user";
    /** Reason: registration is not (or no longer) allowed, or the address is taken. */
    public static final String REASON_REGISTRATION_REFUSED = "registration_refused";

    private MagicLinkEvents() {
    }
}
