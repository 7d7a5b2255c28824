package io.usso.keycloak.telegram.bot;

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
import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.wait.CapturedConnection;
import io.usso.keycloak.common.wait.LongPollHub;

/**
 * {@code GET /realms/{realm}/telegram/bot-login/status/{handle}?wait=s}: where the waiting page's login stands
 * ({@code pending}, {@code approved}, {@code denied}, {@code expired}). The handle must name a live login of this
 * realm (404 otherwise) started by this very browser: the request's authentication-session cookie must be the
 * login's (403 otherwise), so nobody learns the state of another browser's sign-in. With {@code wait} &gt; 0 the
 * request waits in the node's {@link LongPollHub} without a thread and answers within one tick of the decision
 * (made by the webhook on any node). At most {@value #STATUS_PER_MINUTE} requests per page and minute (429 with
 * {@code Retry-After} beyond).
 */
final class TelegramBotStatus {

    /** Poll interval suggested when the request could not wait. */
    static final long RETRY_MILLIS = 700;
    /** Status requests one waiting page may make per minute (a long-polling page makes about 6). */
    static final int STATUS_PER_MINUTE = 300;

    private static final String RATE_NAMESPACE = "usso-tg-rl-status";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LongPollHub waiters;
    private final int maxWaitSeconds;

    TelegramBotStatus(KeycloakSession session, LongPollHub waiters, int maxWaitSeconds) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waiters = waiters;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /**
     * @param handle the page's handle
     * @param waitParam seconds to wait for a decision
     * @param answer where the answer goes
     */
    void status(String handle, String waitParam, AsyncResponse answer) {
        if (!BotLoginSecrets.isToken(handle)) {
            answer.resume(JsonReply.error(400, "invalid_request", "Malformed status handle").toResponse());
            return;
        }
        long waitSeconds = parseWait(waitParam, maxWaitSeconds);
        if (waitSeconds < 0) {
            answer.resume(JsonReply.error(400, "invalid_request", "wait must be a non-negative integer").toResponse());
            return;
        }
        BotLogin login = new BotLoginStore(session.singleUseObjects()).find(BotLoginSecrets.hash(handle));
        if (login == null || !login.realmId().equals(realm.getId())) {
            answer.resume(notFound().toResponse());
            return;
        }
        if (!startedByThisBrowser(login)) {
            answer.resume(JsonReply.error(403, "access_denied", "This sign-in was started in another browser")
                    .toResponse());
            return;
        }
        long retryAfter = new WindowCounter(session.singleUseObjects(), RATE_NAMESPACE, realm.getId(), 60)
                .acquire("page", login.id(), STATUS_PER_MINUTE, Time.currentTimeSeconds());
        if (retryAfter > 0) {
            answer.resume(JsonReply.error(429, "too_many_requests", "Too many status requests; retry later")
                    .withHeader("Retry-After", Long.toString(retryAfter)).toResponse());
            return;
        }
        JsonReply now = check(session, login, Time.currentTimeSeconds());
        if (now != null || waitSeconds == 0) {
            answer.resume((now != null ? now : pending(login, Time.currentTimeSeconds(), RETRY_MILLIS)).toResponse());
            return;
        }
        CompletionStage<JsonReply> later = waiters.await(realm.getId(), ClientAddress.limitKeyOf(session),
                waitSeconds * 1000L, CapturedConnection.of(session.getContext().getConnection()),
                (s, nowMillis) -> check(s, login, nowMillis / 1000),
                (s, nowMillis) -> pending(login, nowMillis / 1000, 0));
        if (later == null) {
            answer.resume(pending(login, Time.currentTimeSeconds(), RETRY_MILLIS).toResponse());
            return;
        }
        answer.setTimeout(waitSeconds + 15L, TimeUnit.SECONDS);
        answer.setTimeoutHandler(timedOut -> timedOut.resume(
                JsonReply.error(503, "temporarily_unavailable", "Status not available; poll again").toResponse()));
        later.thenAccept(reply -> answer.resume(reply.toResponse()));
    }

    private boolean startedByThisBrowser(BotLogin login) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session)
                .getCurrentRootAuthenticationSession(realm);
        return root != null && MessageDigest.isEqual(root.getId().getBytes(StandardCharsets.UTF_8),
                login.rootSessionId().getBytes(StandardCharsets.UTF_8));
    }

    /** The answer once decided or expired, null while pending. */
    private static JsonReply check(KeycloakSession session, BotLogin login, long now) {
        BotLoginStore store = new BotLoginStore(session.singleUseObjects());
        BotLoginOutcome outcome = store.outcome(login.id());
        if (outcome == null && login.isExpired(now)) {
            store.decide(login, new BotLoginOutcome(BotLoginStatus.EXPIRED, null, BotLoginOutcome.EXPIRED), now);
            outcome = store.outcome(login.id());
            if (outcome == null) {
                return JsonReply.json(200, Map.of("status", BotLoginStatus.EXPIRED.id()));
            }
        }
        if (outcome == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", outcome.status().id());
        if (outcome.reason() != null) {
            body.put("reason", outcome.reason());
        }
        return JsonReply.json(200, body);
    }

    private static JsonReply pending(BotLogin login, long now, long retryMillis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", BotLoginStatus.PENDING.id());
        body.put("expires_in", Math.max(0, login.expiresAt() - now));
        body.put("retry_ms", retryMillis);
        return JsonReply.json(200, body);
    }

    private static JsonReply notFound() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "not_found");
        body.put("error_description", "Unknown or finished Telegram sign-in");
        body.put("status", BotLoginStatus.EXPIRED.id());
        return JsonReply.json(404, body);
    }

    /** @return the wait (clamped to max), 0 when absent, -1 when not a non-negative integer */
    static long parseWait(String value, long max) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        if (!value.strip().matches("[0-9]{1,9}")) {
            return -1;
        }
        return Math.min(max, Long.parseLong(value.strip()));
    }
}
