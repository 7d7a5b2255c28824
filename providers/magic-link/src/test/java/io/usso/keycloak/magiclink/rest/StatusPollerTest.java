package io.usso.keycloak.magiclink.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.magiclink.ConfirmationState;
import io.usso.keycloak.magiclink.LinkSecrets;

class StatusPollerTest {

    private final String handle = LinkSecrets.generate();

    private static Function<String, ConfirmationState> afterCalls(int pendingCalls, ConfirmationState then,
            AtomicInteger calls) {
        return hash -> calls.incrementAndGet() > pendingCalls ? then : ConfirmationState.PENDING;
    }

    @Test
    void malformedHandleIs400AndNeverLooksUp() {
        AtomicInteger calls = new AtomicInteger();
        JsonReply reply = new StatusPoller(new Semaphore(1), 20).status("nope", "5",
                afterCalls(0, ConfirmationState.CONFIRMED, calls));
        assertEquals(400, reply.status());
        assertEquals(0, calls.get());
    }

    @Test
    void withoutWaitTheAnswerIsImmediate() {
        AtomicInteger calls = new AtomicInteger();
        JsonReply reply = new StatusPoller(new Semaphore(1), 20).status(handle, null,
                afterCalls(100, ConfirmationState.CONFIRMED, calls));
        assertEquals(200, reply.status());
        assertEquals("{\"status\":\"pending\"}", reply.body());
        assertEquals(1, calls.get());
    }

    @Test
    void longPollAnswersAsSoonAsTheStateChanges() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        JsonReply reply = new StatusPoller(new Semaphore(1), 20).status(handle, "20",
                afterCalls(3, ConfirmationState.CONFIRMED, calls));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("{\"status\":\"confirmed\"}", reply.body());
        assertTrue(millis < 5_000, "answered after " + millis + " ms");
        assertTrue(millis >= 2 * StatusPoller.CHECK_MILLIS, "looked repeatedly, " + millis + " ms");
    }

    @Test
    void longPollGivesUpAfterTheWaitAndLooksUpByHash() {
        AtomicInteger calls = new AtomicInteger();
        String expectedHash = LinkSecrets.hash(handle);
        JsonReply reply = new StatusPoller(new Semaphore(1), 1).status(handle, "30", hash -> {
            assertEquals(expectedHash, hash);
            calls.incrementAndGet();
            return ConfirmationState.PENDING;
        });
        assertEquals("{\"status\":\"pending\"}", reply.body());
        assertTrue(calls.get() >= 3 && calls.get() <= 8, "calls: " + calls.get() + " (wait capped at 1 s)");
    }

    @Test
    void noFreeSlotMeansAnImmediateAnswer() {
        Semaphore slots = new Semaphore(0);
        AtomicInteger calls = new AtomicInteger();
        JsonReply reply = new StatusPoller(slots, 20).status(handle, "20",
                afterCalls(100, ConfirmationState.CONFIRMED, calls));
        assertEquals("{\"status\":\"pending\"}", reply.body());
        assertEquals(1, calls.get());
        Semaphore one = new Semaphore(1);
        new StatusPoller(one, 1).status(handle, "1", afterCalls(1, ConfirmationState.CONTINUED, new AtomicInteger()));
        assertEquals(1, one.availablePermits(), "slot released");
    }

    @Test
    void waitParameterIsBounded() {
        StatusPoller poller = new StatusPoller(new Semaphore(1), 20);
        assertEquals(0, poller.parseWait(null));
        assertEquals(0, poller.parseWait("-1"));
        assertEquals(0, poller.parseWait("abc"));
        assertEquals(0, poller.parseWait("1000"));
        assertEquals(5, poller.parseWait("5"));
        assertEquals(20, poller.parseWait("999"));
    }
}
