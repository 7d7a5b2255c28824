package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtpHasherTest {

    private final OtpHasher hasher = new OtpHasher();

    @Test
    void hashIsHexHmacAndNeverTheCode() {
        String salt = hasher.newSalt();
        assertEquals(OtpHasher.SALT_BYTES * 2, salt.length());
        String hash = hasher.hash("email:login", "123456", salt);
        assertEquals(64, hash.length());
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertFalse(hash.contains("123456"));
        assertEquals(hash, hasher.hash("email:login", "123456", salt), "deterministic for one salt");
    }

    @Test
    void theSameCodeHashesDifferentlyUnderAnotherSalt() {
        assertNotEquals(hasher.hash("email:login", "123456", hasher.newSalt()),
                hasher.hash("email:login", "123456", hasher.newSalt()));
    }

    @Test
    void matchesOnlyTheRightCodeForTheRightPurpose() {
        String salt = hasher.newSalt();
        String hash = hasher.hash("sms:login", "004211", salt);
        assertTrue(hasher.matches("sms:login", "004211", salt, hash));
        assertFalse(hasher.matches("sms:login", "004212", salt, hash));
        assertFalse(hasher.matches("sms:login", "4211", salt, hash));
        assertFalse(hasher.matches("sms:verify-phone", "004211", salt, hash), "bound to its purpose");
        assertFalse(hasher.matches("email:login", "004211", salt, hash), "bound to its channel");
    }

    @Test
    void decoysAndCorruptStateNeverMatch() {
        String salt = hasher.newSalt();
        assertFalse(hasher.matches("email:login", "123456", salt, ""), "decoy state has no hash");
        assertFalse(hasher.matches("email:login", "123456", salt, null));
        assertFalse(hasher.matches("email:login", "123456", "zz-not-hex", hasher.hash("email:login", "123456", salt)));
        assertFalse(hasher.matches("email:login", null, salt, hasher.hash("email:login", "123456", salt)));
        assertFalse(hasher.matches("email:login", "123456", "", hasher.hash("email:login", "123456", salt)));
    }
}
