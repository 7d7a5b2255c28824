package io.usso.keycloak.magiclink;

/**
 * The verdict on a presented link token. Only {@link #VALID} lets a link be used; the others pick the message the
 * person sees and the {@code reason} detail of the event.
 */
public enum LinkCheck {

    /** Stored, of this tenant, not expired, the newest for its user and client. */
    VALID("valid", null),
    /** Its lifetime is over. */
    EXPIRED("expired", "ussoMagicLinkExpired"),
    /** It was used already (single use). */
    USED("already_used", "ussoMagicLinkUsed"),
    /** A newer link was sent for the same user and client since. */
    SUPERSEDED("superseded", "ussoMagicLinkSuperseded"),
    /** Malformed, unknown, of another tenant, or forgotten long after expiry. */
    INVALID("invalid", "ussoMagicLinkInvalid");

    private final String reason;
    private final String messageKey;

    LinkCheck(String reason, String messageKey) {
        this.reason = reason;
        this.messageKey = messageKey;
    }

    /** @return the {@code reason} event detail */
    public String reason() {
        return reason;
    }

    /** @return the login-theme message shown to the person, null for {@link #VALID} */
    public String messageKey() {
        return messageKey;
    }
}
