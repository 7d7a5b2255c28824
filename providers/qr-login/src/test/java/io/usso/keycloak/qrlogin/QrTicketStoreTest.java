package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The phone's ticket and the CSRF tokens of its forms. */
class QrTicketStoreTest {

    private static final long NOW = 1_800_000_000L;

    private final FakeSingleUseStore backend = new FakeSingleUseStore();
    private final QrTicketStore tickets = new QrTicketStore(backend);
    private final QrAttempt attempt = new QrAttemptStore(backend).create(QrTestData.draft(NOW), false, NOW).attempt();

    @Test
    void aTicketIsBoundToThePhoneSessionThatRenderedTheConfirmPage() {
        String ticket = tickets.create(attempt, QrOutcome.WEB, null, NOW).ticket();
        QrTicketStore.Ticket found = tickets.find(ticket);
        assertEquals(attempt.id(), found.attemptId());
        assertFalse(found.accepts("session-1", "anything"), "not bound yet");

        backend.newRequest(); // the phone comes back from its sign-in
        String csrf = tickets.bind(ticket, found, attempt, "session-1", NOW);
        QrTicketStore.Ticket bound = tickets.find(ticket);
        assertTrue(bound.accepts("session-1", csrf));
        assertFalse(bound.accepts("session-2", csrf), "another session (another person or realm)");
        assertFalse(bound.accepts("session-1", QrSecrets.newToken()), "forged token");
        assertFalse(bound.accepts("session-1", null), "missing token");
        assertFalse(backend.entries.toString().contains(csrf), "the CSRF token is stored hashed");
        assertFalse(backend.entries.toString().contains(ticket), "the ticket is stored hashed");
    }

    @Test
    void aTicketOfASignedInPhoneIsBoundAtOnceWithOneWrite() {
        QrTicketStore.Issued issued = tickets.create(attempt, QrOutcome.WEB, "session-1", NOW);
        assertTrue(tickets.find(issued.ticket()).accepts("session-1", issued.csrf()));
        assertEquals(issued.state(), tickets.find(issued.ticket()));
        assertFalse(tickets.find(issued.ticket()).accepts("session-2", issued.csrf()));
        assertNull(tickets.create(attempt, QrOutcome.WEB, null, NOW).csrf(), "unbound until the phone signed in");
    }

    @Test
    void renderingAgainReplacesTheCsrfToken() {
        String ticket = tickets.create(attempt, QrOutcome.WEB, null, NOW).ticket();
        backend.newRequest();
        String first = tickets.bind(ticket, tickets.find(ticket), attempt, "session-1", NOW);
        backend.newRequest();
        String second = tickets.bind(ticket, tickets.find(ticket), attempt, "session-1", NOW + 1);
        assertFalse(tickets.find(ticket).accepts("session-1", first));
        assertTrue(tickets.find(ticket).accepts("session-1", second));
    }

    @Test
    void aUsedTicketIsGone() {
        String ticket = tickets.create(attempt, QrOutcome.SHORT_CODE, null, NOW).ticket();
        assertEquals(QrOutcome.SHORT_CODE, tickets.find(ticket).channel());
        tickets.remove(ticket);
        assertNull(tickets.find(ticket));
        assertTrue(backend.lifespans.values().stream().allMatch(ttl -> ttl <= 120 + QrAttemptStore.GRACE_SECONDS));
    }

    @Test
    void shortCodeFormTokensBelongToOneSessionOfOneRealm() {
        String token = tickets.newEnterToken("realm-1", "session-1");
        assertTrue(tickets.acceptsEnterToken(token, "realm-1", "session-1"));
        assertFalse(tickets.acceptsEnterToken(token, "realm-2", "session-1"));
        assertFalse(tickets.acceptsEnterToken(token, "realm-1", "session-2"));
        assertFalse(tickets.acceptsEnterToken(QrSecrets.newToken(), "realm-1", "session-1"));
        assertFalse(tickets.acceptsEnterToken("short", "realm-1", "session-1"));
        assertFalse(tickets.acceptsEnterToken(null, "realm-1", "session-1"));
    }
}
