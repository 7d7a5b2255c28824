package io.usso.keycloak.magiclink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authorization request a confirmed link continues with when there is no authentication session to resume (API
 * links, and the second device in {@link CrossDeviceMode#LOG_IN_BOTH}): the browser is sent to the realm's
 * authorization endpoint with these parameters, so the realm's remaining flow steps (required actions, MFA) run.
 *
 * @param redirectUri the validated redirect URI
 * @param scope the scope, null for {@code openid}
 * @param state the caller's state, may be null
 * @param nonce the caller's nonce, may be null
 * @param codeChallenge the caller's PKCE challenge, may be null
 * @param codeChallengeMethod the PKCE method, may be null
 */
public record AuthRequest(String redirectUri, String scope, String state, String nonce, String codeChallenge,
        String codeChallengeMethod) {

    private static final String PREFIX = "ar.";

    /**
     * @param redirectUri the validated redirect URI
     * @return a request with only the redirect URI
     */
    public static AuthRequest to(String redirectUri) {
        return new AuthRequest(redirectUri, null, null, null, null, null);
    }

    /** @return the notes of this request, keys prefixed, nulls left out */
    Map<String, String> toNotes() {
        Map<String, String> notes = new LinkedHashMap<>();
        put(notes, "redirect_uri", redirectUri);
        put(notes, "scope", scope);
        put(notes, "state", state);
        put(notes, "nonce", nonce);
        put(notes, "code_challenge", codeChallenge);
        put(notes, "code_challenge_method", codeChallengeMethod);
        return notes;
    }

    /**
     * @param notes stored notes
     * @return the request, or null when the notes hold none
     */
    static AuthRequest fromNotes(Map<String, String> notes) {
        String redirect = notes.get(PREFIX + "redirect_uri");
        if (redirect == null) {
            return null;
        }
        return new AuthRequest(redirect, notes.get(PREFIX + "scope"), notes.get(PREFIX + "state"),
                notes.get(PREFIX + "nonce"), notes.get(PREFIX + "code_challenge"),
                notes.get(PREFIX + "code_challenge_method"));
    }

    private static void put(Map<String, String> notes, String key, String value) {
        if (value != null) {
            notes.put(PREFIX + key, value);
        }
    }
}
