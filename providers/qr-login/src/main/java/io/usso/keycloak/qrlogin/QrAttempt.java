package io.usso.keycloak.qrlogin;

import java.util.HashMap;
import java.util.Map;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;

/**
 * One QR login attempt: a waiting sign-in page (the desktop) asking to be approved. Written once when the page is
 * rendered and never changed (decisions and codes are separate entries), so concurrent writers cannot lose updates.
 *
 * @param id attempt id: SHA-256 hex of the desktop's status handle (the handle itself is never stored)
 * @param realmId the tenant
 * @param rootSessionId the desktop's root authentication session
 * @param tabId the desktop's authentication session tab
 * @param clientId internal id of the client the desktop signs in to
 * @param clientName what the phone shows as the application ({@code clientId} when the client has no name)
 * @param match the number shown and the choices offered
 * @param device the desktop's browser, system and address
 * @param createdAt epoch seconds
 * @param expiresAt epoch seconds: no approval from then on
 * @param rotationSeconds validity of one QR code
 * @param shortCodeHash hash of the fallback short code, null when the tenant turned it off
 * @param statusPerMinute status requests the waiting page may make per minute
 */
public record QrAttempt(String id, String realmId, String rootSessionId, String tabId, String clientId,
        String clientName, NumberMatch match, DeviceInfo device, long createdAt, long expiresAt, int rotationSeconds,
        String shortCodeHash, int statusPerMinute) {

    /**
     * @param nowSeconds epoch seconds
     * @return whether the attempt can no longer be approved
     */
    public boolean isExpired(long nowSeconds) {
        return nowSeconds >= expiresAt;
    }

    /**
     * @param nowSeconds epoch seconds
     * @return the number of the QR code valid at that time: 0 for the first, then one more per rotation
     */
    public long generationAt(long nowSeconds) {
        return Math.max(0, nowSeconds - createdAt) / rotationSeconds;
    }

    /**
     * @param generation a code generation
     * @return epoch seconds at which that generation is replaced
     */
    public long generationEnds(long generation) {
        return Math.min(expiresAt, createdAt + (generation + 1) * rotationSeconds);
    }

    /**
     * @param rootSession a root authentication session id
     * @param tab a tab id
     * @param realm a realm id
     * @return whether this attempt belongs to that authentication session of that realm
     */
    public boolean isBoundTo(String rootSession, String tab, String realm) {
        return realmId.equals(realm) && rootSessionId.equals(rootSession) && tabId.equals(tab);
    }

    /** @return the store notes */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("r", realmId);
        notes.put("as", rootSessionId);
        notes.put("tab", tabId);
        notes.put("ci", clientId);
        notes.put("cn", clientName);
        notes.put("n", String.valueOf(match.number()));
        notes.put("ch", match.choicesNote());
        notes.put("b", device.browser());
        notes.put("o", device.os());
        if (device.ip() != null) {
            notes.put("ip", device.ip());
        }
        notes.put("c", String.valueOf(createdAt));
        notes.put("e", String.valueOf(expiresAt));
        notes.put("rot", String.valueOf(rotationSeconds));
        if (shortCodeHash != null) {
            notes.put("sh", shortCodeHash);
        }
        notes.put("rs", String.valueOf(statusPerMinute));
        return notes;
    }

    /**
     * @param id the attempt id
     * @param notes stored notes, may be null
     * @return the attempt, or null when the notes are missing or unreadable
     */
    public static QrAttempt fromNotes(String id, Map<String, String> notes) {
        if (notes == null) {
            return null;
        }
        try {
            NumberMatch match = NumberMatch.parse(notes.get("n"), notes.get("ch"));
            String realm = notes.get("r");
            if (match == null || realm == null || notes.get("as") == null || notes.get("tab") == null) {
                return null;
            }
            return new QrAttempt(id, realm, notes.get("as"), notes.get("tab"), notes.get("ci"), notes.get("cn"),
                    match, new DeviceInfo(notes.get("b"), notes.get("o"), notes.get("ip")),
                    Long.parseLong(notes.get("c")), Long.parseLong(notes.get("e")),
                    Math.max(1, Integer.parseInt(notes.get("rot"))), notes.get("sh"),
                    Integer.parseInt(notes.getOrDefault("rs", "300")));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
