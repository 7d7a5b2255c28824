package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/** The attempt's state machine as the phone drives it. */
class QrApprovalTest {

    private static final long NOW = 1_800_000_000L;

    private final FakeSingleUseStore backend = new FakeSingleUseStore();
    private final QrAttemptStore store = new QrAttemptStore(backend);
    private final QrLoginEvents events = mock(QrLoginEvents.class);
    private final QrApproval approval = new QrApproval(store, events);
    private final UserModel user = mock(UserModel.class);
    private final UserSessionModel userSession = mock(UserSessionModel.class);
    private QrAttempt attempt;

    @BeforeEach
    void setUp() {
        when(user.getId()).thenReturn("user-1");
        when(user.isEnabled()).thenReturn(true);
        when(userSession.getNote(Constants.LOA_MAP)).thenReturn("{\"1\":1799999000,\"2\":1799999100}");
        attempt = store.create(QrTestData.draft(NOW), true, NOW).attempt();
    }

    @Test
    void theRightNumberApprovesWithTheApproversLevels() {
        assertEquals(QrApproval.Result.APPROVED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 3));
        QrOutcome outcome = store.outcome(attempt.id());
        assertEquals(QrStatus.APPROVED, outcome.status());
        assertEquals("user-1", outcome.userId());
        assertEquals("{\"1\":1799999000,\"2\":1799999100}", outcome.loaMap());
        assertEquals(QrOutcome.WEB, outcome.channel());
        verify(events).approved(attempt, user, QrOutcome.WEB, 2);
    }

    @Test
    void aWrongNumberCancelsTheAttempt() {
        assertEquals(QrApproval.Result.WRONG_NUMBER,
                approval.decide(attempt, user, userSession, true, 17, QrOutcome.WEB, NOW + 3));
        assertEquals(QrStatus.CANCELLED, store.outcome(attempt.id()).status());
        verify(events).denied(attempt, user, QrOutcome.WEB, "wrong_number");
        assertEquals(QrApproval.Result.ALREADY_DECIDED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 4),
                "guessing again after a wrong number does not work");
    }

    @Test
    void denyIsFinal() {
        assertEquals(QrApproval.Result.DENIED,
                approval.decide(attempt, user, userSession, false, null, QrOutcome.API, NOW + 3));
        assertEquals(QrStatus.DENIED, store.outcome(attempt.id()).status());
        verify(events).denied(attempt, user, QrOutcome.API, "denied");
        assertEquals(QrApproval.Result.ALREADY_DECIDED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.API, NOW + 4));
    }

    @Test
    void anApprovalCannotBeReplayed() {
        approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 3);
        assertEquals(QrApproval.Result.ALREADY_DECIDED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 4));
        verify(events).approved(any(), any(), any(), anyInt());
    }

    @Test
    void anExpiredAttemptIsRecordedOnceAndCannotBeApproved() {
        assertEquals(QrApproval.Result.EXPIRED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 120));
        assertEquals(QrStatus.EXPIRED, store.outcome(attempt.id()).status());
        assertEquals(QrApproval.Result.EXPIRED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 121));
        verify(events).expired(attempt);
        verify(events, never()).approved(any(), any(), any(), anyInt());
    }

    @Test
    void serviceAccountsAndDisabledUsersCannotApprove() {
        when(user.getServiceAccountClientLink()).thenReturn("client-x");
        assertEquals(QrApproval.Result.REFUSED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.API, NOW + 1));
        when(user.getServiceAccountClientLink()).thenReturn(null);
        when(user.isEnabled()).thenReturn(false);
        assertEquals(QrApproval.Result.REFUSED,
                approval.decide(attempt, user, userSession, true, 42, QrOutcome.API, NOW + 1));
        assertNull(store.outcome(attempt.id()), "a refusal decides nothing");
        verify(events, org.mockito.Mockito.times(2)).denied(eq(attempt), eq(user), eq(QrOutcome.API), eq("refused"));
    }

    @Test
    void anApproverWithoutLevelsCarriesNone() {
        when(userSession.getNote(Constants.LOA_MAP)).thenReturn(null);
        approval.decide(attempt, user, userSession, true, 42, QrOutcome.WEB, NOW + 3);
        assertNull(store.outcome(attempt.id()).loaMap());
        verify(events).approved(attempt, user, QrOutcome.WEB, Constants.NO_LOA);
    }
}
