package io.usso.keycloak.apikeys.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

import io.usso.keycloak.apikeys.ApiKeyHasher;

/**
 * The CSRF token of the account page: HMAC-SHA-256, under the server's API-key pepper, of the realm id and the
 * user session id, with a purpose label that keeps it apart from key hashes. Stateless (nothing stored, the same on
 * every node), bound to one sign-in: a new session gets a new token, and a token never works for another session.
 * Compared in constant time.
 */
public final class AccountCsrf {

    /** Name of the form field. */
    public static final String FIELD = "csrf";
    /** Longest value looked at; anything longer is refused without hashing. */
    static final int MAX_LENGTH = 128;
    private static final String PURPOSE = "usso-api-keys/account-page/csrf/v1:";

    private final ApiKeyHasher hasher;

    /** @param hasher the server's keyed hasher (never null: the page answers 503 without a pepper) */
    public AccountCsrf(ApiKeyHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * @param realmId the tenant
     * @param userSessionId the signed-in user's session
     * @return the token to put into the page's forms
     */
    public String token(String realmId, String userSessionId) {
        return hasher.hash(PURPOSE + realmId + ":" + userSessionId);
    }

    /**
     * @param realmId the tenant
     * @param userSessionId the signed-in user's session
     * @param presented the submitted token, may be null
     * @return whether it is this session's token
     */
    public boolean matches(String realmId, String userSessionId, String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(token(realmId, userSessionId).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
