package io.usso.keycloak.telegram.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TelegramOidcClaimsTest {

    @Test
    void theIdClaimWinsOverSub() {
        TelegramOidcClaims c = TelegramOidcClaims.of(Map.of("id", 279058397L, "name", "Mina Tester"), "opaque-sub",
                "id");
        assertEquals("279058397", c.telegramId());
        assertEquals("Mina", c.firstName());
        assertEquals("Tester", c.lastName());
    }

    @Test
    void aNumericSubIsTheFallbackAndAnythingElseIsNoTelegramId() {
        assertEquals("42", TelegramOidcClaims.of(Map.of(), "42", "id").telegramId());
        assertEquals("42", TelegramOidcClaims.of(Map.of("id", "0"), "42", "id").telegramId());
        assertNull(TelegramOidcClaims.of(Map.of(), "f81d4fae-7dec-11d0", "id").telegramId());
        assertNull(TelegramOidcClaims.of(Map.of("id", "-5"), null, "id").telegramId());
        assertNull(TelegramOidcClaims.of(Map.of("id", 1.5), "x", "id").telegramId());
        assertEquals("7", TelegramOidcClaims.of(Map.of("tg", "7"), null, "tg").telegramId());
    }

    @Test
    void namesPictureAndPhone() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("id", "1");
        claims.put("given_name", "Omid");
        claims.put("family_name", "Z");
        claims.put("name", "ignored when given_name exists");
        claims.put("picture", "https://t.me/i/userpic/320/x.jpg");
        claims.put("phone_number", "+98 912 345 6789");
        claims.put("phone_number_verified", true);
        TelegramOidcClaims c = TelegramOidcClaims.of(claims, null, null);
        assertEquals("Omid", c.firstName());
        assertEquals("Z", c.lastName());
        assertEquals("https://t.me/i/userpic/320/x.jpg", c.picture());
        assertEquals("989123456789", c.phone());
        assertTrue(c.phoneVerified());

        claims.put("picture", "javascript:alert(1)");
        claims.put("phone_number", "call me");
        claims.put("phone_number_verified", "false");
        TelegramOidcClaims bad = TelegramOidcClaims.of(claims, null, null);
        assertNull(bad.picture());
        assertNull(bad.phone());
        assertFalse(bad.phoneVerified());
        assertNull(TelegramOidcClaims.phone("+0123456789"));
        assertNull(TelegramOidcClaims.phone("12345"));
    }

    @Test
    void aSingleWordNameIsAFirstName() {
        TelegramOidcClaims c = TelegramOidcClaims.of(Map.of("id", "3", "name", "Cher"), null, "id");
        assertEquals("Cher", c.firstName());
        assertNull(c.lastName());
    }
}
