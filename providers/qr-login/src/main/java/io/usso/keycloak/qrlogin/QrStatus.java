package io.usso.keycloak.qrlogin;

import java.util.Locale;

/**
 * Where a QR login attempt stands. An attempt is {@link #PENDING} until exactly one decision is recorded (the first
 * writer wins); every other state is final.
 */
public enum QrStatus {
    /** Waiting for a phone. */
    PENDING,
    /** A signed-in phone approved with the right number; the waiting page may continue as that user, once. */
    APPROVED,
    /** The phone user denied. */
    DENIED,
    /** Cancelled: the wrong number was picked, or the waiting page started over. */
    CANCELLED,
    /** The attempt's lifetime ended before a decision. */
    EXPIRED;

    /** @return the lower-case name used in JSON and store notes */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a stored or sent name, may be null
     * @return the status, or null when unknown
     */
    public static QrStatus of(String id) {
        if (id == null) {
            return null;
        }
        for (QrStatus s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
