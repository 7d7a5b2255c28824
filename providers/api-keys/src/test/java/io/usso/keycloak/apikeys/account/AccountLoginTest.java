package io.usso.keycloak.apikeys.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccountLoginTest {

    private static final URI AUTH = URI.create("https://id.example.com/realms/acme/protocol/openid-connect/auth");
    private static final URI PAGE = URI.create("https://id.example.com/realms/acme/api-keys/account");

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void redirectsToTheAuthorizationEndpointWithPkceS256() {
        URI redirect = new AccountLogin(new SecureRandom()).authorizationRedirect(AUTH, PAGE, null, null);
        assertEquals(AUTH.getPath(), redirect.getPath());
        Map<String, String> q = query(redirect);
        assertEquals("account-console", q.get("client_id"));
        assertEquals(PAGE.toString(), q.get("redirect_uri"));
        assertEquals("code", q.get("response_type"));
        assertEquals("openid", q.get("scope"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length(), "base64url SHA-256");
        assertTrue(q.get("state").length() >= 43);
        assertNull(q.get("ui_locales"));
    }

    @Test
    void everyRedirectHasItsOwnStateAndChallenge() {
        AccountLogin login = new AccountLogin(new SecureRandom());
        Map<String, String> a = query(login.authorizationRedirect(AUTH, PAGE, "fa", null));
        Map<String, String> b = query(login.authorizationRedirect(AUTH, PAGE, "fa", null));
        assertNotEquals(a.get("state"), b.get("state"));
        assertNotEquals(a.get("code_challenge"), b.get("code_challenge"));
        assertEquals("fa", a.get("ui_locales"));
    }

    @Test
    void s256IsBase64UrlOfSha256WithoutPadding() {
        // expected value computed independently (Python hashlib + urlsafe_b64encode)
        assertEquals("M1sLnfT52AHMwaS_XEFGffSB0t-l4wW8NOIFqlEQHFE",
                AccountLogin.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wl1gO3e8GkS4"));
    }

    @Test
    void recognisesTheReturnFromASignIn() {
        assertTrue(AccountLogin.isLoginResponse(Set.of("state", "session_state", "iss", "code")));
        assertTrue(AccountLogin.isLoginResponse(Set.of("error", "state")));
        assertFalse(AccountLogin.isLoginResponse(Set.of("kc_locale")));
        assertFalse(AccountLogin.isLoginResponse(Set.of()));
    }
}
