package io.usso.keycloak.apikeys.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.ApiKeyPepper;

class AccountCsrfTest {

    private static final ApiKeyHasher HASHER = new ApiKeyHasher(ApiKeyPepper.parse("hex:" + "0123456789abcdef".repeat(4)));
    private static final ApiKeyHasher OTHER = new ApiKeyHasher(ApiKeyPepper.parse("hex:" + "fedcba9876543210".repeat(4)));

    private final AccountCsrf csrf = new AccountCsrf(HASHER);

    @Test
    void theTokenIsStableForOneSessionAndMatches() {
        String token = csrf.token("realm-1", "session-1");
        assertEquals(token, new AccountCsrf(HASHER).token("realm-1", "session-1"), "the same on every node");
        assertTrue(csrf.matches("realm-1", "session-1", token));
    }

    @Test
    void anotherSessionRealmOrServerSecretGivesAnotherToken() {
        String token = csrf.token("realm-1", "session-1");
        assertNotEquals(token, csrf.token("realm-1", "session-2"));
        assertNotEquals(token, csrf.token("realm-2", "session-1"));
        assertNotEquals(token, new AccountCsrf(OTHER).token("realm-1", "session-1"));
        assertFalse(csrf.matches("realm-1", "session-2", token), "a token of one sign-in fails in another");
        assertFalse(csrf.matches("realm-2", "session-1", token));
    }

    @Test
    void theTokenIsNotTheHashOfTheBareSessionId() {
        // a purpose label keeps tokens apart from any other HMAC under the pepper (e.g. key hashes)
        assertNotEquals(HASHER.hash("realm-1:session-1"), csrf.token("realm-1", "session-1"));
        assertNotEquals(HASHER.hash("session-1"), csrf.token("realm-1", "session-1"));
    }

    @Test
    void missingTamperedOrOversizedTokensFail() {
        String token = csrf.token("realm-1", "session-1");
        assertFalse(csrf.matches("realm-1", "session-1", null));
        assertFalse(csrf.matches("realm-1", "session-1", ""));
        assertFalse(csrf.matches("realm-1", "session-1", token.toUpperCase()));
        assertFalse(csrf.matches("realm-1", "session-1", token.substring(1)));
        assertFalse(csrf.matches("realm-1", "session-1", token + "0"));
        char last = token.charAt(token.length() - 1);
        assertFalse(csrf.matches("realm-1", "session-1", token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a')));
        assertFalse(csrf.matches("realm-1", "session-1", "x".repeat(AccountCsrf.MAX_LENGTH + 1)));
    }
}
