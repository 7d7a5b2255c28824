package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossDeviceCodeTest {

    @Test
    void codesAreTwoDigitNumbersSpreadOverTheWholeRange() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String code = CrossDeviceCode.generate();
            int value = Integer.parseInt(code);
            assertTrue(value >= CrossDeviceCode.MIN && value <= CrossDeviceCode.MAX, code);
            assertEquals(code, CrossDeviceCode.normalize(code));
            seen.add(code);
        }
        assertEquals(90, seen.size(), "every number is drawn");
    }

    @Test
    void persianAndArabicDigitsAndSpacesAreAccepted() {
        assertEquals("42", CrossDeviceCode.normalize(" 42 "));
        assertEquals("42", CrossDeviceCode.normalize("۴۲"));
        assertEquals("42", CrossDeviceCode.normalize("٤٢"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "042", "09", "4a", "-1", "1e", "4 2"})
    void anythingElseIsNotACode(String typed) {
        assertNull(CrossDeviceCode.normalize(typed));
    }

    @Test
    void onlyTheSameCodeMatches() {
        assertTrue(CrossDeviceCode.matches("42", "42"));
        assertFalse(CrossDeviceCode.matches("42", "24"));
        assertFalse(CrossDeviceCode.matches(null, "42"));
        assertFalse(CrossDeviceCode.matches("42", null));
        assertNull(CrossDeviceCode.normalize(null));
    }

    @Test
    void theCodeTravelsWithItsGrantAndOnlyBrowserLinksOfCrossDeviceModesUseIt() {
        LinkGrant withCode = new LinkGrant(LinkGrant.Origin.BROWSER, "r", "spa", "u", null, "root", "tab", "h",
                Grants.NOW, Grants.NOW + 60, null, null, CrossDeviceMode.RETURN_TO_FIRST_WINDOW, null, "57");
        LinkGrant back = LinkGrant.fromNotes(withCode.toNotes());
        assertEquals("57", back.code());
        assertTrue(back.allowsOtherBrowser());
        LinkGrant sameBrowser = new LinkGrant(LinkGrant.Origin.BROWSER, "r", "spa", "u", null, "root", "tab", "h",
                Grants.NOW, Grants.NOW + 60, null, null, CrossDeviceMode.SAME_BROWSER, null, null);
        assertFalse(LinkGrant.fromNotes(sameBrowser.toNotes()).allowsOtherBrowser());
        LinkGrant noCode = new LinkGrant(LinkGrant.Origin.BROWSER, "r", "spa", "u", null, "root", "tab", "h",
                Grants.NOW, Grants.NOW + 60, null, null, CrossDeviceMode.LOG_IN_BOTH, null);
        assertFalse(noCode.allowsOtherBrowser(), "a cross-device mode without a code never allows another browser");
    }
}
