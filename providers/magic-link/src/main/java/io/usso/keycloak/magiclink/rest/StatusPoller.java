package io.usso.keycloak.magiclink.rest;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.magiclink.ConfirmationState;
import io.usso.keycloak.magiclink.LinkSecrets;

/**
 * The waiting page's status endpoint: {@code {"status": "pending" | "confirmed" | "continued"}}. With
 * {@code wait=n} (1..max seconds) it long-polls: it answers as soon as the state leaves {@code pending}, looking every
 * {@value #CHECK_MILLIS} ms, or after {@code n} seconds. Long polls hold a worker thread, so each node allows only a
 * bounded number at once (a {@link Semaphore} of the factory: node-local resource accounting, no state); beyond it
 * the answer is immediate and the page falls back to plain polling. The handle reveals nothing and completes nothing
 * by itself: only the waiting authentication session can complete its login.
 */
final class StatusPoller {

    /** How often a long poll looks, in milliseconds. */
    static final long CHECK_MILLIS = 200;

    private final Semaphore slots;
    private final int maxWaitSeconds;

    /**
     * @param slots long polls allowed at once on this node
     * @param maxWaitSeconds longest wait a caller may ask for
     */
    StatusPoller(Semaphore slots, int maxWaitSeconds) {
        this.slots = slots;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /**
     * @param handle the {@code handle} query parameter
     * @param waitParam the {@code wait} query parameter, may be null
     * @param state reads the current state (the store, by the handle's hash)
     * @return the JSON answer
     */
    JsonReply status(String handle, String waitParam, java.util.function.Function<String, ConfirmationState> state) {
        if (!LinkSecrets.isWellFormed(handle)) {
            return JsonReply.error(400, "invalid_request", "handle is missing or malformed");
        }
        String handleHash = LinkSecrets.hash(handle);
        Supplier<ConfirmationState> read = () -> state.apply(handleHash);
        ConfirmationState current = read.get();
        int wait = parseWait(waitParam);
        if (current == ConfirmationState.PENDING && wait > 0 && slots.tryAcquire()) {
            try {
                current = waitForChange(read, wait * 1000L);
            } finally {
                slots.release();
            }
        }
        return JsonReply.json(200, Map.of("status", current.json()));
    }

    private static ConfirmationState waitForChange(Supplier<ConfirmationState> read, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        ConfirmationState current = ConfirmationState.PENDING;
        while (current == ConfirmationState.PENDING && System.nanoTime() < deadline) {
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = read.get();
        }
        return current;
    }

    /**
     * @param waitParam the raw parameter
     * @return the wait in seconds, 0..max; anything unreadable is 0
     */
    int parseWait(String waitParam) {
        if (waitParam == null || waitParam.isEmpty() || waitParam.length() > 3
                || !waitParam.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Math.min(Integer.parseInt(waitParam), maxWaitSeconds);
    }
}
