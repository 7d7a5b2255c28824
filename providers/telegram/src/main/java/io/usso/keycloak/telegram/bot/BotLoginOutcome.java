package io.usso.keycloak.telegram.bot;

import java.util.HashMap;
import java.util.Map;

/**
 * The decision on a bot-confirmed login, written once (the first decision wins).
 *
 * @param status never {@link BotLoginStatus#PENDING}
 * @param userId the Keycloak user the chat's Telegram account is linked to; null when nobody is
 * @param reason {@value #WRONG_NUMBER}, {@value #DENIED_IN_CHAT}, {@value #NOT_LINKED}, {@value #EXPIRED}; null when
 *        approved
 */
public record BotLoginOutcome(BotLoginStatus status, String userId, String reason) {

    /** A number other than the browser's was pressed. */
    public static final String WRONG_NUMBER = "wrong_number";
    /** Deny was pressed. */
    public static final String DENIED_IN_CHAT = "denied";
    /** The Telegram account is linked to no user of the tenant. */
    public static final String NOT_LINKED = "not_linked";
    /** No decision in time. */
    public static final String EXPIRED = "expired";

    /** @return the store notes */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("s", status.id());
        if (userId != null) {
            notes.put("u", userId);
        }
        if (reason != null) {
            notes.put("why", reason);
        }
        return notes;
    }

    /**
     * @param notes stored notes, may be null
     * @return the outcome, or null when missing or unreadable
     */
    public static BotLoginOutcome fromNotes(Map<String, String> notes) {
        if (notes == null) {
            return null;
        }
        BotLoginStatus status = BotLoginStatus.of(notes.get("s"));
        return status == null || status == BotLoginStatus.PENDING ? null
                : new BotLoginOutcome(status, notes.get("u"), notes.get("why"));
    }
}
