package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

class QrLevelOfAuthenticationTest {

    @Test
    void levelMapsAreReadLeniently() {
        assertEquals(Map.of(1, 100, 2, 200), QrLevelOfAuthentication.parse("{\"1\":100,\"2\":200}"));
        assertTrue(QrLevelOfAuthentication.parse(null).isEmpty());
        assertTrue(QrLevelOfAuthentication.parse("not json").isEmpty());
        assertTrue(QrLevelOfAuthentication.parse("[1,2]").isEmpty());
    }

    @Test
    void mergingKeepsEveryLevelAtItsLatestTime() {
        assertEquals(Map.of(0, 50, 1, 150, 2, 200), QrLevelOfAuthentication.merge(Map.of(0, 50, 1, 150),
                Map.of(1, 100, 2, 200)));
    }

    @Test
    void theHighestLevelOrNone() {
        assertEquals(2, QrLevelOfAuthentication.highest(Map.of(1, 1, 2, 2)));
        assertEquals(Constants.NO_LOA, QrLevelOfAuthentication.highest(Map.of()));
    }

    @Test
    void nothingIsCarriedWhenTheApproverHasNoLevels() {
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        assertEquals(Constants.NO_LOA, QrLevelOfAuthentication.transfer(mock(KeycloakSession.class), authSession,
                "flow", null));
        verify(authSession, never()).setAuthNote(anyString(), anyString());
    }

    @Test
    void nothingIsCarriedWhenTheClientForcesReauthentication() {
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(AuthenticationManager.FORCED_REAUTHENTICATION)).thenReturn("true");
        assertEquals(Constants.NO_LOA, QrLevelOfAuthentication.transfer(mock(KeycloakSession.class), authSession,
                "flow", "{\"2\":100}"));
        verify(authSession, never()).setAuthNote(anyString(), anyString());
    }
}
