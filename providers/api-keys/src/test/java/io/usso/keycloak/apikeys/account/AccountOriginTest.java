package io.usso.keycloak.apikeys.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

class AccountOriginTest {

    private static final URI PAGE = URI.create("https://id.example.com/realms/acme/api-keys/account");
    private static final URI LOCAL = URI.create("http://localhost:8080/realms/acme/api-keys/account");

    @Test
    void theServersOwnOriginPasses() {
        assertTrue(AccountOrigin.sameOrigin(PAGE, "https://id.example.com", null));
        assertTrue(AccountOrigin.sameOrigin(PAGE, "https://ID.example.com:443", null), "default port and case");
        assertTrue(AccountOrigin.sameOrigin(LOCAL, "http://localhost:8080", "https://evil.test/"),
                "Origin decides when present");
    }

    @Test
    void otherOriginsFail() {
        assertFalse(AccountOrigin.sameOrigin(PAGE, "https://evil.example.com", null));
        assertFalse(AccountOrigin.sameOrigin(PAGE, "http://id.example.com", null), "scheme");
        assertFalse(AccountOrigin.sameOrigin(PAGE, "https://id.example.com:8443", null), "port");
        assertFalse(AccountOrigin.sameOrigin(PAGE, "https://id.example.com.evil.test", null));
        assertFalse(AccountOrigin.sameOrigin(LOCAL, "http://localhost:8081", null));
        assertFalse(AccountOrigin.sameOrigin(PAGE, "null", "https://id.example.com/realms/acme/api-keys/account"),
                "Origin: null is refused even with a good Referer");
        assertFalse(AccountOrigin.sameOrigin(PAGE, "not a url", null));
        assertFalse(AccountOrigin.sameOrigin(PAGE, "javascript:alert(1)", null));
    }

    @Test
    void theRefererIsTheFallbackAndNeitherHeaderFails() {
        assertTrue(AccountOrigin.sameOrigin(PAGE, null, "https://id.example.com/realms/acme/api-keys/account?x=1"));
        assertTrue(AccountOrigin.sameOrigin(PAGE, "", "https://id.example.com/realms/acme/account/"));
        assertFalse(AccountOrigin.sameOrigin(PAGE, null, "https://evil.example.com/realms/acme/api-keys/account"));
        assertFalse(AccountOrigin.sameOrigin(PAGE, null, null));
        assertFalse(AccountOrigin.sameOrigin(PAGE, " ", " "));
        assertFalse(AccountOrigin.sameOrigin(PAGE, null, "https://id.example.com/" + "a".repeat(5000)));
    }

    @Test
    void originsAreNormalised() {
        assertEquals("https://id.example.com", AccountOrigin.of(URI.create("https://ID.Example.com:443/x")));
        assertEquals("http://localhost:8080", AccountOrigin.of(URI.create("http://localhost:8080")));
        assertNull(AccountOrigin.of(URI.create("ftp://id.example.com")));
        assertNull(AccountOrigin.of(URI.create("/relative")));
    }
}
