package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtpStateTest {

    @Test
    void roundTripsThroughItsNoteIncludingAwkwardDestinations() {
        OtpState state = new OtpState("ab".repeat(32), "cd".repeat(16), 1_000_300, 2, 1_000_000,
                "o'brien|+tag@exämple.com", "user-1|x");
        OtpState back = OtpState.decode(state.encode()).orElseThrow();
        assertEquals(state, back);
    }

    @Test
    void garbageNotesAreNoState() {
        assertTrue(OtpState.decode(null).isEmpty());
        assertTrue(OtpState.decode("").isEmpty());
        assertTrue(OtpState.decode("v2|a|b|1|0|0|d|u").isEmpty());
        assertTrue(OtpState.decode("v1|a|b|notanumber|0|0|d|u").isEmpty());
        assertTrue(OtpState.decode("v1|a|b|1|0|0|d").isEmpty());
        assertTrue(OtpState.decode("v1|" + "x".repeat(5000)).isEmpty());
    }

    @Test
    void expiryAttemptsAndCooldown() {
        OtpState state = OtpState.issued("h", "s", "a@b.c", "u", 1000, 300);
        assertEquals(1300, state.expiresAt());
        assertFalse(state.expired(1299));
        assertTrue(state.expired(1300));
        assertEquals(30, state.cooldownRemaining(1000, 30));
        assertEquals(1, state.cooldownRemaining(1029, 30));
        assertEquals(0, state.cooldownRemaining(1030, 30));
        assertEquals(5, state.attemptsLeft(5));
        OtpState used = state.withAttempts(5);
        assertTrue(used.locked(5));
        assertEquals(0, used.attemptsLeft(5));
        assertFalse(state.locked(5));
    }

    @Test
    void aDecoyHasNoHashAndNeverShowsOne() {
        OtpState decoy = OtpState.issued("", "salt", "nobody@example.com", "", 0, 300);
        assertTrue(decoy.decoy());
        OtpState real = OtpState.issued("secret-hash", "secret-salt", "a@b.c", "u", 0, 300);
        assertFalse(real.decoy());
        assertFalse(real.toString().contains("secret"));
    }
}
