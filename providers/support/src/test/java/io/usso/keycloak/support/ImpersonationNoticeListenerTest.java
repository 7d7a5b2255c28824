package io.usso.keycloak.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;

import io.usso.keycloak.common.security.TenantSecuritySettings;

class ImpersonationNoticeListenerTest {

    @Test
    void theSummarySaysWhenWhoAndWhy() {
        assertEquals("2026-12-07 05:50 UTC to 06:20 UTC by helper: ticket 4711", ImpersonationNoticeListener
                .summary("2026-12-07 05:50 UTC", "2026-12-07 06:20 UTC", "helper", "ticket 4711"));
        assertEquals("2026-12-07 23:50 UTC to 2026-12-08 00:20 UTC by helper", ImpersonationNoticeListener
                .summary("2026-12-07 23:50 UTC", "2026-12-08 00:20 UTC", "helper", null));
        assertTrue(ImpersonationNoticeListener.summary("a", "b", "c", "x".repeat(500)).length() <= 255);
    }

    @Test
    void anImpersonationKeepsTheReasonAndTellsTheUser() {
        KeycloakSession session = mock(KeycloakSession.class);
        RealmModel realm = mock(RealmModel.class);
        UserModel user = mock(UserModel.class);
        UserSessionModel userSession = mock(UserSessionModel.class);
        RealmProvider realms = mock(RealmProvider.class);
        UserProvider users = mock(UserProvider.class);
        UserSessionProvider sessions = mock(UserSessionProvider.class);
        when(session.realms()).thenReturn(realms);
        when(session.users()).thenReturn(users);
        when(session.sessions()).thenReturn(sessions);
        when(realms.getRealm("r1")).thenReturn(realm);
        when(users.getUserById(realm, "u1")).thenReturn(user);
        when(sessions.getUserSession(realm, "s1")).thenReturn(userSession);
        when(userSession.getStarted()).thenReturn(1_800_000_000);
        when(realm.getAttribute(TenantSecuritySettings.IMPERSONATION_MAX_MINUTES)).thenReturn("15");
        when(session.getAttribute(ImpersonationNotes.REASON_ATTRIBUTE)).thenReturn("ticket 4711 upload");

        Event event = new Event();
        event.setType(EventType.IMPERSONATE);
        event.setRealmId("r1");
        event.setUserId("u1");
        event.setSessionId("s1");
        event.setDetails(Map.of("impersonator", "helper"));
        new ImpersonationNoticeListener(session).onEvent(event);

        verify(userSession).setNote(ImpersonationNotes.REASON_NOTE, "ticket 4711 upload");
        verify(userSession).setNote(ImpersonationNotes.ENDS_NOTE, Long.toString(1_800_000_000L + 15 * 60));
        verify(user).setSingleAttribute(ImpersonationNotes.SUPPORT_ACCESS_ATTRIBUTE,
                "2027-01-15 08:00 UTC to 08:15 UTC by helper: ticket 4711 upload");
    }

    @Test
    void otherEventsAreNotOurs() {
        KeycloakSession session = mock(KeycloakSession.class);
        Event event = new Event();
        event.setType(EventType.LOGIN);
        event.setRealmId("r1");
        event.setUserId("u1");
        new ImpersonationNoticeListener(session).onEvent(event);
        verify(session, never()).realms();
        verify(session, never()).setAttribute(anyString(), any());
    }
}
