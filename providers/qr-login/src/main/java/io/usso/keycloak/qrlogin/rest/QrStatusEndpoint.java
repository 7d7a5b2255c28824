package io.usso.keycloak.qrlogin.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.container.AsyncResponse;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.qr.QrSvg;
import io.usso.keycloak.common.wait.CapturedConnection;
import io.usso.keycloak.common.wait.LongPollHub;
import io.usso.keycloak.qrlogin.QrApproval;
import io.usso.keycloak.qrlogin.QrAttempt;
import io.usso.keycloak.qrlogin.QrAttemptStore;
import io.usso.keycloak.qrlogin.QrLoginEvents;
import io.usso.keycloak.qrlogin.QrOutcome;
import io.usso.keycloak.qrlogin.QrRateLimits;
import io.usso.keycloak.qrlogin.QrSecrets;
import io.usso.keycloak.qrlogin.QrStatus;
import io.usso.keycloak.qrlogin.QrUrls;

/**
 * {@code GET /realms/{realm}/qr-login/status/{handle}?generation=g&wait=s}: where the waiting page's attempt stands.
 *
 * <p>Answers {@code pending} (with a new QR code, {@code svg} and {@code scan_url}, when the code of a newer
 * generation than {@code g} is due: the rotation happens here), {@code approved}, {@code denied},
 * {@code cancelled} or {@code expired}. Before anything else the handle must name a live attempt of this realm
 * (404 otherwise) started by this very browser: the request's authentication-session cookie must be the attempt's
 * (403 otherwise), so nobody waits on, or learns the state of, another browser's sign-in. Rate limited per waiting
 * page. With {@code wait} &gt; 0 the request long-polls without holding a thread: it is handed to the node's
 * {@link LongPollHub}, which re-reads the attempt every few hundred milliseconds and answers as soon as something
 * changed, the next rotation is due, or the wait ends. The hub caps waiting requests per client address and in total;
 * beyond, the answer is immediate with {@code retry_ms} for plain polling.
 */
final class QrStatusEndpoint {

    /** Poll interval suggested when the request could not wait. */
    static final long RETRY_MILLIS = 700;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LongPollHub waiters;
    private final int maxWaitSeconds;

    QrStatusEndpoint(KeycloakSession session, LongPollHub waiters, int maxWaitSeconds) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waiters = waiters;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /**
     * @param handle the waiting page's handle
     * @param generationParam the generation of the code the page shows
     * @param waitParam seconds to wait for a change
     * @param answer where the answer goes (now, or when the hub has it)
     */
    void status(String handle, String generationParam, String waitParam, AsyncResponse answer) {
        Waiting waiting = prepare(handle, generationParam, waitParam);
        if (waiting.now() != null) {
            answer.resume(waiting.now().toResponse());
            return;
        }
        String realmId = realm.getId();
        QrUrls urls = QrUrls.of(session, realm);
        QrAttempt attempt = waiting.attempt();
        long generation = waiting.generation();
        CompletionStage<JsonReply> later = waiters.await(realmId, ClientAddress.limitKeyOf(session),
                waiting.waitSeconds() * 1000L, CapturedConnection.of(session.getContext().getConnection()),
                (s, nowMillis) -> check(s, s.getContext().getRealm(), urls, attempt, generation, nowMillis / 1000),
                (s, nowMillis) -> pending(attempt, nowMillis / 1000, 0, null, null, generation));
        if (later == null) {
            answer.resume(pending(attempt, Time.currentTimeSeconds(), RETRY_MILLIS, null, null, generation)
                    .toResponse());
            return;
        }
        answer.setTimeout(waiting.waitSeconds() + 15L, TimeUnit.SECONDS);
        answer.setTimeoutHandler(timedOut -> timedOut.resume(
                JsonReply.error(503, "temporarily_unavailable", "Status not available; poll again").toResponse()));
        later.thenAccept(reply -> answer.resume(reply.toResponse()));
    }

    /**
     * What a status request needs before it may wait: an immediate answer, or the attempt to wait on.
     *
     * @param now the answer to send at once, or null to wait
     * @param attempt the page's attempt when waiting
     * @param generation the page's code generation
     * @param waitSeconds how long to wait
     */
    record Waiting(JsonReply now, QrAttempt attempt, long generation, long waitSeconds) {
    }

    /** The checks of a status request and its first look at the attempt (in the request's own session). */
    Waiting prepare(String handle, String generationParam, String waitParam) {
        if (!QrSecrets.isToken(handle)) {
            return answerNow(JsonReply.error(400, "invalid_request", "Malformed status handle"));
        }
        long generation = parse(generationParam, 0, Long.MAX_VALUE);
        long waitSeconds = parse(waitParam, 0, maxWaitSeconds);
        if (generation < 0 || waitSeconds < 0) {
            return answerNow(JsonReply.error(400, "invalid_request",
                    "generation and wait must be non-negative integers"));
        }
        QrAttemptStore store = new QrAttemptStore(session.singleUseObjects());
        QrAttempt attempt = store.find(QrSecrets.hash(handle));
        if (attempt == null || !attempt.realmId().equals(realm.getId())) {
            return answerNow(notFound());
        }
        if (!startedByThisBrowser(attempt)) {
            return answerNow(JsonReply.error(403, "access_denied",
                    "This sign-in was started in another browser"));
        }
        long now = Time.currentTimeSeconds();
        long retryAfter = new QrRateLimits(session.singleUseObjects(), realm.getId())
                .acquire(QrRateLimits.Limit.STATUS, "page", attempt.id(), attempt.statusPerMinute(), now);
        if (retryAfter > 0) {
            return answerNow(JsonReply.error(429, "too_many_requests", "Too many status requests; retry later")
                    .withHeader("Retry-After", Long.toString(retryAfter)));
        }
        JsonReply answer = check(session, realm, QrUrls.of(session, realm), attempt, generation, now);
        if (answer != null) {
            return answerNow(answer);
        }
        if (waitSeconds == 0) {
            return answerNow(pending(attempt, now, RETRY_MILLIS, null, null, generation));
        }
        return new Waiting(null, attempt, generation, waitSeconds);
    }

    /** Whether the request carries the authentication session the attempt belongs to. */
    private boolean startedByThisBrowser(QrAttempt attempt) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session)
                .getCurrentRootAuthenticationSession(realm);
        return root != null && attempt.rootSessionId() != null
                && MessageDigest.isEqual(root.getId().getBytes(StandardCharsets.UTF_8),
                        attempt.rootSessionId().getBytes(StandardCharsets.UTF_8));
    }

    private static Waiting answerNow(JsonReply reply) {
        return new Waiting(reply, null, 0, 0);
    }

    /** The answer when something is new for the page, or null while it is still waiting with its current code. */
    private static JsonReply check(KeycloakSession session, RealmModel realm, QrUrls urls, QrAttempt attempt,
            long pageGeneration, long now) {
        QrAttemptStore store = new QrAttemptStore(session.singleUseObjects());
        QrApproval approval = new QrApproval(store, new QrLoginEvents(session, realm));
        QrOutcome outcome = store.outcome(attempt.id());
        if (outcome != null) {
            return decided(outcome.status());
        }
        if (approval.expireIfDue(attempt, now)) {
            return decided(QrStatus.EXPIRED);
        }
        long due = attempt.generationAt(now);
        if (due > pageGeneration) {
            String code = store.issueCode(attempt, due, now);
            if (code != null) {
                String scanUrl = urls.scan(code);
                return pending(attempt, now, 0, QrSvg.render(scanUrl), scanUrl, due);
            }
        }
        return null;
    }

    private static JsonReply decided(QrStatus status) {
        return JsonReply.json(200, Map.of("status", status.id()));
    }

    private static JsonReply pending(QrAttempt attempt, long now, long retryMillis, String svg, String scanUrl,
            long generation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", QrStatus.PENDING.id());
        body.put("generation", generation);
        body.put("expires_in", Math.max(0, attempt.expiresAt() - now));
        body.put("next_code_in", Math.max(0, attempt.generationEnds(attempt.generationAt(now)) - now));
        body.put("retry_ms", retryMillis);
        if (svg != null) {
            body.put("svg", svg);
            body.put("scan_url", scanUrl);
        }
        return JsonReply.json(200, body);
    }

    private static JsonReply notFound() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "not_found");
        body.put("error_description", "Unknown or finished QR sign-in");
        body.put("status", QrStatus.EXPIRED.id());
        return JsonReply.json(404, body);
    }

    /** @return the value, the fallback when absent, or -1 when not a non-negative integer (clamped to max) */
    static long parse(String value, long fallback, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.strip().matches("[0-9]{1,12}")) {
            return -1;
        }
        return Math.min(max, Long.parseLong(value.strip()));
    }
}
