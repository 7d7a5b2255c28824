package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LookupIdsTest {

    @Test
    void ordinaryIdsArePlausible() {
        assertTrue(LookupIds.plausible("8c1f5a52-8f0e-4a53-9d8a-2a7a0c9f1b11"));
        assertTrue(LookupIds.plausible("agent-billing"));
        assertTrue(LookupIds.plausible("کاربر-😀"));
        assertTrue(LookupIds.plausible("a".repeat(255)));
    }

    @Test
    void nulControlCharactersAndLoneSurrogatesAreNot() {
        assertFalse(LookupIds.plausible("abc\u0000"));
        assertFalse(LookupIds.plausible("\u202Eevil\u202C \u0000"));
        assertFalse(LookupIds.plausible("line\nbreak"));
        assertFalse(LookupIds.plausible("del\u007F"));
        assertFalse(LookupIds.plausible("\uD83D"));
        assertFalse(LookupIds.plausible("x\uDE00y"));
    }

    @Test
    void blankAndOverlongAreNot() {
        assertFalse(LookupIds.plausible(null));
        assertFalse(LookupIds.plausible(""));
        assertFalse(LookupIds.plausible("   "));
        assertFalse(LookupIds.plausible("a".repeat(256)));
        assertFalse(LookupIds.plausible("abcdef", 5));
    }
}
