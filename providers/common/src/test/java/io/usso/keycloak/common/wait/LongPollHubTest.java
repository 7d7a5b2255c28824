package io.usso.keycloak.common.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;

import io.usso.keycloak.common.JsonReply;

class LongPollHubTest {

    private static final CapturedConnection CONNECTION = new CapturedConnection("203.0.113.9", "203.0.113.9", 5000,
            "127.0.0.1", 8080);
    private final List<LongPollHub> hubs = new ArrayList<>();

    @AfterEach
    void stop() {
        hubs.forEach(LongPollHub::stop);
    }

    /** A session factory whose sessions know one realm, {@code r1}. */
    private static KeycloakSessionFactory factory() {
        KeycloakSessionFactory factory = mock(KeycloakSessionFactory.class);
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakTransactionManager tx = mock(KeycloakTransactionManager.class);
        RealmProvider realms = mock(RealmProvider.class);
        RealmModel realm = mock(RealmModel.class);
        when(factory.create()).thenReturn(session);
        when(session.getTransactionManager()).thenReturn(tx);
        when(tx.isActive()).thenReturn(true);
        when(session.realms()).thenReturn(realms);
        when(realms.getRealm(anyString())).thenAnswer(call -> "r1".equals(call.getArgument(0)) ? realm : null);
        when(session.getContext()).thenReturn(mock(KeycloakContext.class));
        return factory;
    }

    private LongPollHub hub(int total, int perAddress) {
        LongPollHub hub = new LongPollHub("test", new WaitLimits(total, perAddress, 20));
        hub.start(factory());
        hubs.add(hub);
        return hub;
    }

    private static final LongPollHub.Check NEVER = (s, now) -> null;
    private static final LongPollHub.Check TIMED_OUT = (s, now) -> JsonReply.json(200, java.util.Map.of("s", "x"));

    private static int status(CompletionStage<JsonReply> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS).status();
    }

    @Test
    void aWaitingRequestIsAnsweredWhenItsCheckHasAnAnswer() throws Exception {
        LongPollHub hub = hub(10, 10);
        AtomicBoolean changed = new AtomicBoolean();
        CompletionStage<JsonReply> stage = hub.await("r1", "a", 10_000, CONNECTION,
                (s, now) -> changed.get() ? JsonReply.json(201, java.util.Map.of("status", "approved")) : null,
                TIMED_OUT);
        assertNotNull(stage);
        Thread.sleep(100);
        assertFalse(stage.toCompletableFuture().isDone(), "nothing changed yet");
        assertEquals(1, hub.waiting());
        changed.set(true);
        assertEquals(201, status(stage));
        assertEquals(0, hub.waiting());
        assertEquals(1, hub.answered());
    }

    @Test
    void theWaitEndsWithTheTimeoutAnswer() throws Exception {
        LongPollHub hub = hub(10, 10);
        long started = System.nanoTime();
        CompletionStage<JsonReply> stage = hub.await("r1", "a", 150, CONNECTION, NEVER, TIMED_OUT);
        assertEquals(200, status(stage));
        assertTrue(System.nanoTime() - started >= 140_000_000L, "answered before the wait was over");
    }

    @Test
    void waitersAreCappedPerAddressAndInTotalAndFreedWhenAnswered() throws Exception {
        LongPollHub hub = hub(3, 2);
        CompletableFuture<Boolean> release = new CompletableFuture<>();
        LongPollHub.Check untilReleased = (s, now) -> release.isDone() ? JsonReply.json(200, java.util.Map.of()) : null;
        assertNotNull(hub.await("r1", "2001:db8:1:2::/64", 10_000, CONNECTION, untilReleased, TIMED_OUT));
        assertNotNull(hub.await("r1", "2001:db8:1:2::/64", 10_000, CONNECTION, untilReleased, TIMED_OUT));
        assertNull(hub.await("r1", "2001:db8:1:2::/64", 10_000, CONNECTION, untilReleased, TIMED_OUT),
                "a third wait from one address answers at once");
        CompletionStage<JsonReply> third = hub.await("r1", "198.51.100.1", 10_000, CONNECTION, untilReleased,
                TIMED_OUT);
        assertNotNull(third);
        assertNull(hub.await("r1", "198.51.100.2", 10_000, CONNECTION, untilReleased, TIMED_OUT),
                "the node's total is reached");
        assertEquals(3, hub.waiting());
        assertEquals(2, hub.refused());
        release.complete(true);
        assertEquals(200, status(third));
        Thread.sleep(100);
        assertEquals(0, hub.waiting());
        assertNotNull(hub.await("r1", "2001:db8:1:2::/64", 10_000, CONNECTION, NEVER, TIMED_OUT),
                "caps are given back when requests are answered");
    }

    @Test
    void thousandsOfWaitersNeedNoThreads() throws Exception {
        LongPollHub hub = hub(10_000, 10_000);
        int threadsBefore = Thread.activeCount();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        List<CompletionStage<JsonReply>> stages = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            stages.add(hub.await("r1", "a" + i, 30_000, CONNECTION, (s, now) -> {
                checks.incrementAndGet();
                return done.get() ? JsonReply.json(200, java.util.Map.of()) : null;
            }, TIMED_OUT));
        }
        assertTrue(Thread.activeCount() <= threadsBefore + 1, "waiting must not start threads");
        done.set(true);
        for (CompletionStage<JsonReply> stage : stages) {
            assertEquals(200, status(stage));
        }
        assertEquals(0, hub.waiting());
        assertTrue(checks.get() >= 5_000);
    }

    @Test
    void anUnknownRealmOrAFailingCheckAnswersWithoutAStackTrace() throws Exception {
        LongPollHub hub = hub(10, 10);
        assertEquals(404, status(hub.await("gone", "a", 10_000, CONNECTION, NEVER, TIMED_OUT)));
        CompletionStage<JsonReply> failing = hub.await("r1", "a", 10_000, CONNECTION, (s, now) -> {
            throw new IllegalStateException("store down");
        }, TIMED_OUT);
        JsonReply response = failing.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(503, response.status());
        assertFalse(response.body().contains("IllegalStateException"));
    }

    @Test
    void stoppingAnswersEveryWaiterAndAStoppedHubDoesNotWait() throws Exception {
        LongPollHub hub = hub(10, 10);
        CompletionStage<JsonReply> stage = hub.await("r1", "a", 10_000, CONNECTION, NEVER, TIMED_OUT);
        hub.stop();
        assertEquals(503, status(stage));
        assertNull(hub.await("r1", "a", 10_000, CONNECTION, NEVER, TIMED_OUT));
        assertNull(new LongPollHub("idle", new WaitLimits(1, 1, 20)).await("r1", "a", 1000, CONNECTION, NEVER,
                TIMED_OUT), "not started: answer at once");
    }
}
