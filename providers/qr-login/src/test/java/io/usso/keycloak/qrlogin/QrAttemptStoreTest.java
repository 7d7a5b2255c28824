package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class QrAttemptStoreTest {

    private static final long NOW = 1_800_000_000L;

    private final FakeSingleUseStore backend = new FakeSingleUseStore();
    private final QrAttemptStore store = new QrAttemptStore(backend);

    @Test
    void createdAttemptIsFoundByIdCodeAndShortCodeButStoresNoSecret() {
        QrAttemptStore.Created c = store.create(QrTestData.draft(NOW), true, NOW);
        assertEquals(QrSecrets.hash(c.handle()), c.attempt().id(), "the id is the handle's hash");
        assertEquals(c.attempt(), store.find(c.attempt().id()));
        assertEquals(new QrAttemptStore.CodeRef(c.attempt().id(), QrTestData.REALM), store.findCode(c.code()));
        assertEquals(c.attempt().id(), store.findShortCode(QrTestData.REALM, c.shortCode()));
        assertNull(store.findShortCode("other-realm", c.shortCode()), "short codes are per tenant");
        String everything = backend.entries.toString();
        for (String secret : List.of(c.handle(), c.code(), c.shortCode())) {
            assertFalse(everything.contains(secret), "secret stored in clear");
        }
        backend.lifespans.forEach((key, ttl) -> assertTrue(ttl > 0 && ttl <= 120 + QrAttemptStore.GRACE_SECONDS,
                key + " lives " + ttl));
        assertEquals(30 + QrAttemptStore.CODE_GRACE_SECONDS,
                backend.lifespans.get(QrAttemptStore.CODE + QrSecrets.hash(c.code())), "a code lives one rotation");
    }

    @Test
    void shortCodeCanBeTurnedOff() {
        QrAttemptStore.Created c = store.create(QrTestData.draft(NOW), false, NOW);
        assertNull(c.shortCode());
        assertNull(c.attempt().shortCodeHash());
        assertEquals(0, backend.count(QrAttemptStore.SHORT));
    }

    @Test
    void rotationIssuesEachGenerationOnceAndRetiresThePreviousCode() {
        QrAttemptStore.Created c = store.create(QrTestData.draft(NOW), true, NOW);
        QrAttempt a = c.attempt();
        assertNull(store.issueCode(a, 0, NOW), "generation 0 exists");
        assertEquals(1, a.generationAt(NOW + 30));
        String second = store.issueCode(a, 1, NOW + 30);
        assertNotNull(second);
        assertNotEquals(c.code(), second);
        assertNull(store.findCode(c.code()), "the rotated-out code no longer works");
        assertNotNull(store.findCode(second));
        assertNull(store.issueCode(a, 1, NOW + 31), "a second issuer of the same generation gets nothing");
        assertEquals(1, backend.count(QrAttemptStore.CODE), "one live code");
    }

    @Test
    void theFirstDecisionWinsAndRetiresTheCodes() {
        QrAttemptStore.Created c = store.create(QrTestData.draft(NOW), true, NOW);
        QrOutcome approved = new QrOutcome(QrStatus.APPROVED, "user-1", "{\"1\":5}", QrOutcome.WEB, null);
        assertTrue(store.decide(c.attempt(), approved, NOW + 5));
        assertFalse(store.decide(c.attempt(), new QrOutcome(QrStatus.DENIED, "user-1", null, QrOutcome.WEB, "denied"),
                NOW + 6));
        assertEquals(approved, store.outcome(c.attempt().id()));
        assertNull(store.findCode(c.code()), "a decided attempt cannot be scanned again");
        assertNull(store.findShortCode(QrTestData.REALM, c.shortCode()));
    }

    @Test
    void concurrentDecisionsRecordExactlyOne() throws Exception {
        QrAttempt a = store.create(QrTestData.draft(NOW), false, NOW).attempt();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                QrStatus s = i % 2 == 0 ? QrStatus.APPROVED : QrStatus.DENIED;
                racers.add(() -> store.decide(a, new QrOutcome(s, "u", null, QrOutcome.API, null), NOW));
            }
            int won = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAttemptIsConsumedOnce() {
        QrAttempt a = store.create(QrTestData.draft(NOW), false, NOW).attempt();
        assertTrue(store.consume(a));
        assertFalse(store.consume(a), "replay");
        assertNull(store.find(a.id()));
    }

    @Test
    void discardingDropsTheAttemptAndItsCodes() {
        QrAttemptStore.Created c = store.create(QrTestData.draft(NOW), true, NOW);
        store.discard(c.attempt().id(), NOW + 1);
        assertNull(store.find(c.attempt().id()));
        assertNull(store.findCode(c.code()));
        assertNull(store.findShortCode(QrTestData.REALM, c.shortCode()));
        store.discard(null, NOW);
        store.discard("unknown", NOW);
    }

    @Test
    void unreadableEntriesAreTreatedAsMissing() {
        backend.put(QrAttemptStore.ATTEMPT + "x", 10, java.util.Map.of("r", "realm"));
        assertNull(store.find("x"));
        backend.put(QrAttemptStore.OUTCOME + "x", 10, java.util.Map.of("s", "pending"));
        assertNull(store.outcome("x"), "pending is not a decision");
        backend.put(QrAttemptStore.CODE + QrSecrets.hash("c"), 10, java.util.Map.of("a", "x"));
        assertNull(store.findCode("c"), "a code without realm");
    }

    @Test
    void attemptNotesRoundTripAndBindToOneAuthenticationSession() {
        QrAttempt a = store.create(QrTestData.draft(NOW), true, NOW).attempt();
        assertEquals(a, QrAttempt.fromNotes(a.id(), a.toNotes()));
        assertTrue(a.isBoundTo("root-1", "tab-1", QrTestData.REALM));
        assertFalse(a.isBoundTo("root-2", "tab-1", QrTestData.REALM), "another browser");
        assertFalse(a.isBoundTo("root-1", "tab-2", QrTestData.REALM), "another tab");
        assertFalse(a.isBoundTo("root-1", "tab-1", "realm-2"), "another tenant");
    }

    @Test
    void generationsFollowTheClockAndStopAtExpiry() {
        QrAttempt a = QrTestData.draft(NOW, 100, 30).withId("id", null);
        assertEquals(0, a.generationAt(NOW - 5));
        assertEquals(0, a.generationAt(NOW + 29));
        assertEquals(1, a.generationAt(NOW + 30));
        assertEquals(NOW + 30, a.generationEnds(0));
        assertEquals(NOW + 100, a.generationEnds(3), "the last code ends with the attempt");
        assertFalse(a.isExpired(NOW + 99));
        assertTrue(a.isExpired(NOW + 100));
    }
}
