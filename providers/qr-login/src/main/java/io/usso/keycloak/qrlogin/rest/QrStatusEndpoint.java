package io.usso.keycloak.qrlogin.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.qrlogin.QrApproval;
import io.usso.keycloak.qrlogin.QrAttempt;
import io.usso.keycloak.qrlogin.QrAttemptStore;
import io.usso.keycloak.qrlogin.QrLoginEvents;
import io.usso.keycloak.qrlogin.QrOutcome;
import io.usso.keycloak.qrlogin.QrRateLimits;
import io.usso.keycloak.qrlogin.QrSecrets;
import io.usso.keycloak.qrlogin.QrStatus;
import io.usso.keycloak.qrlogin.QrSvg;
import io.usso.keycloak.qrlogin.QrUrls;

/**
 * {@code GET /realms/{realm}/qr-login/status/{handle}?generation=g&wait=s}: where the waiting page's attempt stands.
 *
 * <p>Answers {@code pending} (with a new QR code, {@code svg} and {@code scan_url}, when the code of a newer
 * generation than {@code g} is due: the rotation happens here), {@code approved}, {@code denied},
 * {@code cancelled} or {@code expired}. With {@code wait} &gt; 0 the request long-polls: it re-reads the store every
 * {@value #POLL_MILLIS} ms until something changes, the wait ends or the next rotation is due, so an approval
 * reaches the page within about {@value #POLL_MILLIS} ms. Only so many requests may wait at once per node
 * ({@link QrWaiters}); the others answer at once with {@code retry_ms} for plain polling. Rate limited per waiting
 * page. The handle is the only credential: it reveals the state, never a user or token.
 */
final class QrStatusEndpoint {

    /** Store re-read interval of a long-poll. */
    static final long POLL_MILLIS = 150;
    /** Poll interval suggested when the request could not wait. */
    static final long RETRY_MILLIS = 700;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final QrWaiters waiters;
    private final int maxWaitSeconds;

    QrStatusEndpoint(KeycloakSession session, QrWaiters waiters, int maxWaitSeconds) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waiters = waiters;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    JsonReply status(String handle, String generationParam, String waitParam) {
        if (!QrSecrets.isToken(handle)) {
            return JsonReply.error(400, "invalid_request", "Malformed status handle");
        }
        long generation = parse(generationParam, 0, Long.MAX_VALUE);
        long waitSeconds = parse(waitParam, 0, maxWaitSeconds);
        if (generation < 0 || waitSeconds < 0) {
            return JsonReply.error(400, "invalid_request", "generation and wait must be non-negative integers");
        }
        QrAttemptStore store = new QrAttemptStore(session.singleUseObjects());
        QrAttempt attempt = store.find(QrSecrets.hash(handle));
        if (attempt == null || !attempt.realmId().equals(realm.getId())) {
            return notFound();
        }
        long now = Time.currentTimeSeconds();
        long retryAfter = new QrRateLimits(session.singleUseObjects(), realm.getId())
                .acquire(QrRateLimits.Limit.STATUS, "page", attempt.id(), attempt.statusPerMinute(), now);
        if (retryAfter > 0) {
            return JsonReply.error(429, "too_many_requests", "Too many status requests; retry later")
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
        QrApproval approval = new QrApproval(store, new QrLoginEvents(session, realm));
        QrUrls urls = QrUrls.of(session, realm);
        JsonReply answer = check(store, approval, urls, attempt, generation, now);
        if (answer != null || waitSeconds == 0 || !waiters.tryEnter()) {
            return answer != null ? answer : pending(attempt, now, RETRY_MILLIS, null, null, generation);
        }
        try {
            long deadline = System.currentTimeMillis() + waitSeconds * 1000;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(POLL_MILLIS);
                now = Time.currentTimeSeconds();
                answer = check(store, approval, urls, attempt, generation, now);
                if (answer != null) {
                    return answer;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiters.leave();
        }
        return pending(attempt, Time.currentTimeSeconds(), 0, null, null, generation);
    }

    /** The answer when something is new for the page, or null while it is still waiting with its current code. */
    private JsonReply check(QrAttemptStore store, QrApproval approval, QrUrls urls, QrAttempt attempt,
            long pageGeneration, long now) {
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
