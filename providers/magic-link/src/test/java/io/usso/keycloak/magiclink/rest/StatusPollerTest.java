package io.usso.keycloak.magiclink.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.magiclink.ConfirmationState;
import io.usso.keycloak.magiclink.LinkSecrets;

class StatusPollerTest {

    private final String handle = LinkSecrets.generate();

    private static Function<String, ConfirmationState> counting(ConfirmationState state, AtomicInteger calls) {
        return hash -> {
            calls.incrementAndGet();
            return state;
        };
    }

    @Test
    void malformedHandleIs400AndNeverLooksUp() {
        AtomicInteger calls = new AtomicInteger();
        StatusPoller.Step step = new StatusPoller(20).first("nope", "5", hash -> {
            calls.incrementAndGet();
            return true;
        }, counting(ConfirmationState.CONFIRMED, calls));
        assertEquals(400, step.now().status());
        assertEquals(0, calls.get());
    }

    @Test
    void aHandleOfAnotherBrowserOrNoneIs404WithoutReadingItsState() {
        AtomicInteger reads = new AtomicInteger();
        String expected = LinkSecrets.hash(handle);
        StatusPoller.Step step = new StatusPoller(20).first(handle, "20", hash -> {
            assertEquals(expected, hash, "looked up by hash");
            return false;
        }, counting(ConfirmationState.CONFIRMED, reads));
        assertEquals(404, step.now().status());
        assertTrue(step.now().body().contains("error_description"));
        assertEquals(0, reads.get(), "the state of someone else's sign-in is never read");
    }

    @Test
    void withoutWaitOrWithANewStateTheAnswerIsImmediate() {
        AtomicInteger calls = new AtomicInteger();
        StatusPoller.Step pending = new StatusPoller(20).first(handle, null, hash -> true,
                counting(ConfirmationState.PENDING, calls));
        assertEquals("{\"status\":\"pending\"}", pending.now().body());
        StatusPoller.Step confirmed = new StatusPoller(20).first(handle, "20", hash -> true,
                counting(ConfirmationState.CONFIRMED, calls));
        assertEquals("{\"status\":\"confirmed\"}", confirmed.now().body());
        assertEquals(2, calls.get());
    }

    @Test
    void aPendingWindowWaitsAtMostTheMaximum() {
        StatusPoller.Step step = new StatusPoller(7).first(handle, "20", hash -> true,
                counting(ConfirmationState.PENDING, new AtomicInteger()));
        assertNull(step.now());
        assertEquals(7, step.waitSeconds());
        assertEquals(LinkSecrets.hash(handle), step.handleHash());
    }

    @Test
    void whileWaitingOnlyAChangeAnswers() {
        assertNull(StatusPoller.changed(ConfirmationState.PENDING));
        assertEquals("{\"status\":\"continued\"}", StatusPoller.changed(ConfirmationState.CONTINUED).body());
        assertTrue(StatusPoller.pollAgain().body().contains("\"retry_ms\":1000"));
    }

    @Test
    void waitParameterIsBounded() {
        StatusPoller poller = new StatusPoller(20);
        assertEquals(0, poller.parseWait(null));
        assertEquals(0, poller.parseWait("-1"));
        assertEquals(0, poller.parseWait("abc"));
        assertEquals(0, poller.parseWait("1000"));
        assertEquals(5, poller.parseWait("5"));
        assertEquals(20, poller.parseWait("999"));
    }
}
