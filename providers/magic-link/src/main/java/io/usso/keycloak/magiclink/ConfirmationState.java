package io.usso.keycloak.magiclink;

import java.util.Locale;
import java.util.Map;

/** Where a link stands from the point of view of the window waiting for it (the status endpoint's answer). */
public enum ConfirmationState {

    /** Not confirmed (yet): keep waiting. */
    PENDING,
    /** Confirmed in another browser: the waiting window submits and completes its login. */
    CONFIRMED,
    /** Confirmed in the same browser, whose new tab completes the login itself: the waiting window just says so. */
    CONTINUED,
    /** Refused on another device (a wrong cross-device code used the link up): the waiting window says so. */
    REFUSED;

    /** @return the value of {@code status} in the status endpoint's JSON */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param notes a status entry, may be null
     * @return its state, {@link #PENDING} when absent or unreadable
     */
    static ConfirmationState of(Map<String, String> notes) {
        if (notes == null) {
            return PENDING;
        }
        try {
            return valueOf(notes.get(MagicLinkStore.NOTE_STATE));
        } catch (RuntimeException e) {
            return PENDING;
        }
    }
}
