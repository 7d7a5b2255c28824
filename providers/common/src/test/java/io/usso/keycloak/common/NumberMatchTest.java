package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class NumberMatchTest {

    @Test
    void randomMatchesOfferTheNumberAmongThreeDistinctTwoDigitNumbers() {
        int[] rightAt = new int[3];
        for (int i = 0; i < 3_000; i++) {
            NumberMatch m = NumberMatch.random();
            assertEquals(3, new HashSet<>(m.choices()).size());
            assertTrue(m.choices().contains(m.number()));
            m.choices().forEach(c -> assertTrue(c >= 10 && c <= 99, "two digits: " + c));
            rightAt[m.choices().indexOf(m.number())]++;
        }
        for (int n : rightAt) {
            assertEquals(1_000, n, 150, "the right number must not sit at a predictable place");
        }
    }

    @Test
    void onlyTheRightNumberMatches() {
        NumberMatch m = new NumberMatch(42, List.of(17, 42, 88));
        assertTrue(m.isRight(42));
        assertFalse(m.isRight(17));
        assertFalse(m.isRight(88));
        assertFalse(m.isRight(null));
    }

    @Test
    void storedFormRoundTrips() {
        NumberMatch m = NumberMatch.random();
        assertEquals(m, NumberMatch.parse(String.valueOf(m.number()), m.choicesNote()));
        assertNull(NumberMatch.parse("42", "17,42"), "two choices");
        assertNull(NumberMatch.parse("42", "17,43,88"), "number not offered");
        assertNull(NumberMatch.parse("x", "17,42,88"));
        assertNull(NumberMatch.parse(null, null));
    }

    @Test
    void invalidMatchesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NumberMatch(42, List.of(42, 42, 17)));
        assertThrows(IllegalArgumentException.class, () -> new NumberMatch(9, List.of(9, 42, 17)));
        assertThrows(IllegalArgumentException.class, () -> new NumberMatch(100, List.of(100, 42, 17)));
    }

    @Test
    void picksAreTwoDigitNumbers() {
        assertEquals(42, NumberMatch.parsePick("42"));
        assertEquals(42, NumberMatch.parsePick(" 42 "));
        assertNull(NumberMatch.parsePick("042"));
        assertNull(NumberMatch.parsePick("4"));
        assertNull(NumberMatch.parsePick("-42"));
        assertNull(NumberMatch.parsePick("4e1"));
        assertNull(NumberMatch.parsePick(null));
    }
}
