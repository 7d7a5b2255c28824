package io.usso.keycloak.qrlogin;

import java.util.HashMap;
import java.util.Map;

/**
 * The decision on an attempt, written once (the first decision wins).
 *
 * @param status never {@link QrStatus#PENDING}
 * @param userId the approving or denying user, null for expiry and for a cancel by the waiting page
 * @param loaMap the approver's levels of authentication (Keycloak's {@code loa-map} note of the approving user
 *     session: JSON level to auth time), null when it had none
 * @param channel how the phone answered: {@value #WEB}, {@value #API} or {@value #SHORT_CODE}; null otherwise
 * @param reason for denials and cancels, e.g. {@code wrong_number}; may be null
 */
public record QrOutcome(QrStatus status, String userId, String loaMap, String channel, String reason) {

    /** Approved on the confirm page after scanning. */
    public static final String WEB = "web";
    /** Approved through the mobile API with a bearer token. */
    public static final String API = "api";
    /** Approved on the confirm page after typing the short code. */
    public static final String SHORT_CODE = "short_code";

    /** @return the store notes */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("s", status.id());
        put(notes, "u", userId);
        put(notes, "loa", loaMap);
        put(notes, "via", channel);
        put(notes, "why", reason);
        return notes;
    }

    /**
     * @param notes stored notes, may be null
     * @return the outcome, or null when missing or unreadable
     */
    public static QrOutcome fromNotes(Map<String, String> notes) {
        if (notes == null) {
            return null;
        }
        QrStatus status = QrStatus.of(notes.get("s"));
        if (status == null || status == QrStatus.PENDING) {
            return null;
        }
        return new QrOutcome(status, notes.get("u"), notes.get("loa"), notes.get("via"), notes.get("why"));
    }

    private static void put(Map<String, String> notes, String key, String value) {
        if (value != null) {
            notes.put(key, value);
        }
    }
}
