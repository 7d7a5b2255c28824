package io.usso.keycloak.telegram.bot;

import java.util.Locale;

/** Where a bot-confirmed login stands, as the waiting page's status endpoint answers it. */
public enum BotLoginStatus {
    /** Waiting for the chat. */
    PENDING,
    /** The linked Telegram account pressed the browser's number (or Approve). */
    APPROVED,
    /** Deny, a wrong number, or a Telegram account that is not linked to anybody. */
    DENIED,
    /** No decision in time. */
    EXPIRED;

    /** @return the lower-case wire form */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a wire form, may be null
     * @return the status, or null
     */
    public static BotLoginStatus of(String id) {
        for (BotLoginStatus s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
