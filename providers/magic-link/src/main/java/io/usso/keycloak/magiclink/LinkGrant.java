package io.usso.keycloak.magiclink;

import java.util.HashMap;
import java.util.Map;

/**
 * What one link grants, stored (as notes) under the hash of its token. Holds no secret: the token itself is only in
 * the e-mail, the waiting handle only as a hash.
 *
 * @param origin who asked for the link
 * @param realmId the tenant
 * @param clientId the client ({@code clientId}, not the internal id) the login is for
 * @param userId the user, or null for a registration link
 * @param email the address of a registration link (normalised), else null
 * @param rootSessionId the first window's root authentication session, null for API links
 * @param tabId the first window's tab, null for API links
 * @param handleHash SHA-256 of the first window's waiting handle, null for API links
 * @param issuedAt epoch seconds
 * @param expiresAt epoch seconds; the link is refused from this second on
 * @param device who asked, as shown to people ("Chrome on Linux"), may be null
 * @param locale language tag of the asking page, may be null
 * @param crossDevice what a confirmation in another browser does
 * @param authRequest how to continue without an authentication session, may be null
 * @param code the {@link CrossDeviceCode} the first window shows, needed to confirm in another browser; null when
 *        the tenant allows no cross-device confirmation (and for API links)
 */
public record LinkGrant(Origin origin, String realmId, String clientId, String userId, String email,
        String rootSessionId, String tabId, String handleHash, long issuedAt, long expiresAt, String device,
        String locale, CrossDeviceMode crossDevice, AuthRequest authRequest, String code) {

    /** A grant without a cross-device code (API links, tests). */
    public LinkGrant(Origin origin, String realmId, String clientId, String userId, String email,
            String rootSessionId, String tabId, String handleHash, long issuedAt, long expiresAt, String device,
            String locale, CrossDeviceMode crossDevice, AuthRequest authRequest) {
        this(origin, realmId, clientId, userId, email, rootSessionId, tabId, handleHash, issuedAt, expiresAt, device,
                locale, crossDevice, authRequest, null);
    }

    /** Who asked for a link. */
    public enum Origin {
        /** The login page (browser flow). */
        BROWSER,
        /** A trusted back end through the API. */
        API,
        /** Stand-in for an unknown address: stored like a real link so that timing does not tell; never valid. */
        DECOY
    }

    /**
     * @param nowSeconds epoch seconds
     * @return whether the link may no longer be used
     */
    public boolean isExpired(long nowSeconds) {
        return nowSeconds >= expiresAt;
    }

    /** @return whether the link registers a new account when used */
    public boolean isRegistration() {
        return userId == null && email != null;
    }

    /**
     * @return the subject of the "newest link only" rule: the user (or the address of a registration) and, for a
     *         login page's link, the authentication session and tab that asked, so that a link asked for in another
     *         browser (a stranger typing this person's address) never supersedes this window's link
     */
    public String subject() {
        String who = userId != null ? "user:" + userId : "email:" + (email == null ? "" : email);
        return rootSessionId == null ? who : who + "\nwindow:" + rootSessionId + "\n" + (tabId == null ? "" : tabId);
    }

    /** @return whether this link can be confirmed in another browser (with its {@link #code()}) */
    public boolean allowsOtherBrowser() {
        return origin == Origin.BROWSER && crossDevice.allowsOtherBrowser() && code != null;
    }

    /** @return the notes to store (no nulls) */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("origin", origin.name());
        notes.put("realm", realmId);
        notes.put("client", clientId);
        put(notes, "user", userId);
        put(notes, "email", email);
        put(notes, "root", rootSessionId);
        put(notes, "tab", tabId);
        put(notes, "handle", handleHash);
        notes.put("iat", Long.toString(issuedAt));
        notes.put("exp", Long.toString(expiresAt));
        put(notes, "device", device);
        put(notes, "locale", locale);
        notes.put("mode", crossDevice.name());
        if (authRequest != null) {
            notes.putAll(authRequest.toNotes());
        }
        put(notes, "code", code);
        return notes;
    }

    /**
     * @param notes stored notes, may be null
     * @return the grant, or null when the notes are missing or not a grant
     */
    public static LinkGrant fromNotes(Map<String, String> notes) {
        if (notes == null) {
            return null;
        }
        try {
            return new LinkGrant(Origin.valueOf(notes.get("origin")), require(notes, "realm"),
                    require(notes, "client"), notes.get("user"), notes.get("email"), notes.get("root"),
                    notes.get("tab"), notes.get("handle"), Long.parseLong(notes.get("iat")),
                    Long.parseLong(notes.get("exp")), notes.get("device"), notes.get("locale"),
                    CrossDeviceMode.valueOf(notes.get("mode")), AuthRequest.fromNotes(notes), notes.get("code"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String require(Map<String, String> notes, String key) {
        String value = notes.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static void put(Map<String, String> notes, String key, String value) {
        if (value != null) {
            notes.put(key, value);
        }
    }
}
