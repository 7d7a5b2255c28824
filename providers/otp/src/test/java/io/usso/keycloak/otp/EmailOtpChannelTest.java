package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class EmailOtpChannelTest {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertEquals(Optional.of("dana@example.com"), EmailOtpChannel.normaliseEmail("  Dana@Example.COM "));
    }

    @Test
    void nonAddressesAreRefused() {
        for (String bad : new String[] {null, "", "dana", "@example.com", "dana@", "dana@localhost", "a@b@c.de",
                "da na@example.com", "dana@example..com", "dana@.example.com", "<a@b.cd>", "a@b\n.cd",
                "x".repeat(250) + "@b.cd"}) {
            assertTrue(EmailOtpChannel.normaliseEmail(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void maskKeepsTheFirstLetterAndTheDomain() {
        assertEquals("d•••@example.com", EmailOtpChannel.mask("dana@example.com"));
        assertEquals("•••", EmailOtpChannel.mask("weird"));
    }
}
