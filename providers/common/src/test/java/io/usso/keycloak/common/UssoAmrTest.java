package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

class UssoAmrTest {

    private final Map<String, String> notes = new HashMap<>();
    private AuthenticationSessionModel authSession;

    @BeforeEach
    void setUp() {
        authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getUserSessionNotes()).thenAnswer(i -> new HashMap<>(notes));
        doAnswer(i -> notes.put(i.getArgument(0), i.getArgument(1)))
                .when(authSession).setUserSessionNote(anyString(), anyString());
    }

    @Test
    void recordAppendsDeduplicatesAndKeepsOrder() {
        UssoAmr.record(authSession, "otp");
        UssoAmr.record(authSession, "pwd");
        UssoAmr.record(authSession, "otp");
        assertEquals("otp pwd", notes.get("usso.amr"));
    }

    @Test
    void recordRejectsInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> UssoAmr.record(authSession, "OTP"));
        assertThrows(IllegalArgumentException.class, () -> UssoAmr.record(authSession, "a b"));
        assertThrows(IllegalArgumentException.class, () -> UssoAmr.record(authSession, "x".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> UssoAmr.record(authSession, null));
        verify(authSession, never()).setUserSessionNote(anyString(), anyString());
    }

    @Test
    void recordCarriesOverTheExistingUserSessionValues() {
        UserSessionModel existing = mock(UserSessionModel.class);
        when(existing.getNote("usso.amr")).thenReturn("pwd sms");
        UssoAmr.record(authSession, existing, "hwk");
        assertEquals("pwd sms hwk", notes.get("usso.amr"));
    }

    @Test
    void readSkipsInvalidAndDuplicateValues() {
        UserSessionModel userSession = mock(UserSessionModel.class);
        when(userSession.getNote("usso.amr")).thenReturn("  otp  BAD pwd otp ");
        assertEquals(List.of("otp", "pwd"), UssoAmr.read(userSession));
        assertEquals(List.of(), UssoAmr.read(null));
    }

    @Test
    void validation() {
        assertTrue(UssoAmr.isValid("otp"));
        assertTrue(UssoAmr.isValid("magic_link-2"));
        assertTrue(UssoAmr.isValid("x".repeat(32)));
        assertFalse(UssoAmr.isValid(""));
        assertFalse(UssoAmr.isValid("Otp"));
    }
}
