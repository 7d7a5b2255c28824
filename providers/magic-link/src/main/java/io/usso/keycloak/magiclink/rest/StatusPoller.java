package io.usso.keycloak.magiclink.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.magiclink.ConfirmationState;
import io.usso.keycloak.magiclink.LinkSecrets;

/**
 * The waiting page's status endpoint: {@code {"status": "pending" | "confirmed" | "continued" | "refused"}}. Before
 * anything is read the handle must be well formed (400), name a window of this tenant opened by this very browser
 * (its authentication-session cookie; 404 otherwise, the same for unknown and foreign handles). With {@code wait=n}
 * (1..max seconds) the request may then long-poll: {@link #first} says whether it answers at once or waits, and the
 * wait itself runs in the node's {@code LongPollHub} without a thread. The handle reveals nothing and completes
 * nothing by itself: only the waiting authentication session can complete its login.
 */
final class StatusPoller {

    /** Poll interval suggested to a page whose long poll could not wait. */
    static final long RETRY_MILLIS = 1000;

    /**
     * The first step of a status request.
     *
     * @param now the answer to send at once, or null to wait
     * @param handleHash SHA-256 of the handle (what the store is keyed by)
     * @param waitSeconds how long to wait, when waiting
     */
    record Step(JsonReply now, String handleHash, int waitSeconds) {
    }

    private final int maxWaitSeconds;

    /** @param maxWaitSeconds longest wait a caller may ask for */
    StatusPoller(int maxWaitSeconds) {
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /**
     * @param handle the {@code handle} query parameter
     * @param waitParam the {@code wait} query parameter, may be null
     * @param waitingHere whether a window of this tenant in the caller's browser waits under a handle hash
     * @param state reads the current state by the handle's hash
     * @return the answer now, or the wait to start
     */
    Step first(String handle, String waitParam, Predicate<String> waitingHere,
            Function<String, ConfirmationState> state) {
        if (!LinkSecrets.isWellFormed(handle)) {
            return new Step(JsonReply.error(400, "invalid_request", "handle is missing or malformed"), null, 0);
        }
        String handleHash = LinkSecrets.hash(handle);
        if (!waitingHere.test(handleHash)) {
            return new Step(JsonReply.error(404, "not_found", "No sign-in of this browser waits under this handle"),
                    handleHash, 0);
        }
        ConfirmationState current = state.apply(handleHash);
        int wait = parseWait(waitParam);
        if (current != ConfirmationState.PENDING || wait == 0) {
            return new Step(answer(current), handleHash, 0);
        }
        return new Step(null, handleHash, wait);
    }

    /**
     * @param state a state
     * @return the answer for it, or null while it is {@link ConfirmationState#PENDING} (keep waiting)
     */
    static JsonReply changed(ConfirmationState state) {
        return state == ConfirmationState.PENDING ? null : answer(state);
    }

    /**
     * @param state a state
     * @return {@code {"status": ...}}
     */
    static JsonReply answer(ConfirmationState state) {
        return JsonReply.json(200, Map.of("status", state.json()));
    }

    /** @return the answer to a long poll that could not wait (a cap was reached): pending, poll again */
    static JsonReply pollAgain() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ConfirmationState.PENDING.json());
        body.put("retry_ms", RETRY_MILLIS);
        return JsonReply.json(200, body);
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
