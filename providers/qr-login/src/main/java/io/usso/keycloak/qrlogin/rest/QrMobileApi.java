package io.usso.keycloak.qrlogin.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.auth.UssoEndpoints;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.qrlogin.QrApproval;
import io.usso.keycloak.qrlogin.QrApproverClients;
import io.usso.keycloak.qrlogin.QrAttempt;
import io.usso.keycloak.qrlogin.QrAttemptStore;
import io.usso.keycloak.qrlogin.QrLoginConfig;
import io.usso.keycloak.qrlogin.QrLoginEvents;
import io.usso.keycloak.qrlogin.QrOutcome;
import io.usso.keycloak.qrlogin.QrRateLimits;
import io.usso.keycloak.qrlogin.QrSecrets;
import io.usso.keycloak.qrlogin.geo.QrProximity;
import io.usso.keycloak.common.NumberMatch;

/**
 * The mobile API: an app that scanned the QR code answers for its signed-in user with the user's bearer access
 * token of this realm. {@code GET {code}} shows what is asking (device, address, time, application, the three
 * numbers), {@code POST {code}/approve} with {@code {"number": n}} approves, {@code POST {code}/deny} denies. Order of
 * checks: caller (401), rate limit per IP (429), body (400), code (404), then the decision (409 when another
 * decision was first, 403 for a wrong number, which cancels the attempt, 410 when expired).
 */
final class QrMobileApi {

    /** Largest request body read. */
    static final int MAX_BODY = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final QrAttemptStore store;
    private final QrLoginEvents events;

    QrMobileApi(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new QrAttemptStore(session.singleUseObjects());
        this.events = new QrLoginEvents(session, realm);
    }

    JsonReply details(String code) {
        BearerAuth.Authorization authorization = QrPhoneAuth.bearer(session, realm, UssoEndpoints.QR_INSPECT);
        if (!authorization.ok()) {
            return authorization.reply();
        }
        if (!QrApproverClients.accepts(QrLoginConfig.forRealm(realm), authorization.auth().client())) {
            return notTheTenantsApp(authorization.auth());
        }
        long now = Time.currentTimeSeconds();
        JsonReply limited = limit(QrRateLimits.Limit.SCAN, QrLoginConfig.forRealm(realm).scanPerMinute(), now);
        if (limited != null) {
            return limited;
        }
        QrAttempt attempt = find(code, now);
        if (attempt == null) {
            return notFound();
        }
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("browser", attempt.device().browser());
        device.put("os", attempt.device().os());
        device.put("ip", attempt.device().ip());
        QrProximity proximity = QrProximity.of(attempt.device().ip(), ClientAddress.of(session), QrGeoIp.of(session));
        if (proximity.desktopPlace() != null) {
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("country", proximity.desktopPlace().country());
            place.put("city", proximity.desktopPlace().city());
            device.put("place", place);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending");
        body.put("client_name", attempt.clientName());
        body.put("device", device);
        body.put("requested_at", Instant.ofEpochSecond(attempt.createdAt()).toString());
        body.put("expires_in", Math.max(0, attempt.expiresAt() - now));
        body.put("choices", attempt.match().choices());
        body.put("warning", proximity.warning().json());
        return JsonReply.json(200, body);
    }

    JsonReply decide(String code, InputStream body, boolean approve) {
        BearerAuth.Authorization authorization = QrPhoneAuth.bearer(session, realm,
                approve ? UssoEndpoints.QR_APPROVE : UssoEndpoints.QR_INSPECT);
        if (!authorization.ok()) {
            return authorization.reply();
        }
        AuthResult caller = authorization.auth();
        if (!QrApproverClients.accepts(QrLoginConfig.forRealm(realm), caller.client())) {
            return notTheTenantsApp(caller);
        }
        long now = Time.currentTimeSeconds();
        JsonReply limited = limit(QrRateLimits.Limit.APPROVE, QrLoginConfig.forRealm(realm).approvePerMinute(), now);
        if (limited != null) {
            return limited;
        }
        Integer picked = null;
        if (approve) {
            try {
                picked = number(body);
            } catch (IllegalArgumentException e) {
                return JsonReply.error(400, "invalid_request", e.getMessage());
            }
        }
        QrAttempt attempt = find(code, now);
        if (attempt == null) {
            return notFound();
        }
        QrApproval.Result result = new QrApproval(store, events)
                .decide(attempt, caller.user(), caller.session(), approve, picked, QrOutcome.API, now);
        return switch (result) {
            case APPROVED -> JsonReply.json(200, Map.of("status", "approved"));
            case DENIED -> JsonReply.json(200, Map.of("status", "denied"));
            case WRONG_NUMBER -> JsonReply.error(403, "wrong_number",
                    "The number does not match the one shown; the sign-in request was cancelled");
            case ALREADY_DECIDED -> JsonReply.error(409, "already_decided", "This sign-in request was already answered");
            case EXPIRED -> JsonReply.error(410, "expired", "This sign-in request has expired");
            case REFUSED -> JsonReply.error(403, "access_denied", "This account cannot approve sign-ins");
        };
    }

    /** The pending attempt of a live QR code of this realm, or null. */
    private QrAttempt find(String code, long now) {
        QrAttemptStore.CodeRef ref = QrSecrets.isCode(code) ? store.findCode(code) : null;
        if (ref == null || !realm.getId().equals(ref.realmId())) {
            return null;
        }
        QrAttempt attempt = store.find(ref.attemptId());
        if (attempt == null || !realm.getId().equals(attempt.realmId()) || store.outcome(attempt.id()) != null
                || new QrApproval(store, events).expireIfDue(attempt, now)) {
            return null;
        }
        return attempt;
    }

    private JsonReply limit(QrRateLimits.Limit limit, int max, long now) {
        String ip = ClientAddress.limitKeyOf(session);
        long retry = new QrRateLimits(session.singleUseObjects(), realm.getId()).acquire(limit, "ip", ip, max, now);
        if (retry == 0) {
            return null;
        }
        events.denied(null, null, QrOutcome.API, "rate_limited");
        return JsonReply.error(429, "too_many_requests", "Too many requests; retry later")
                .withHeader("Retry-After", Long.toString(retry));
    }

    /**
     * @param body {@code {"number": 42}} (a JSON number or a string of two digits)
     * @return the number
     * @throws IllegalArgumentException with a client-safe message
     */
    static Integer number(InputStream body) {
        JsonNode json;
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("Request body too large");
            }
            json = bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("Request body is not valid JSON");
        }
        JsonNode number = json == null || !json.isObject() ? null : json.get("number");
        Integer picked = number == null ? null
                : number.isIntegralNumber() && number.canConvertToInt() ? Integer.valueOf(number.intValue())
                : number.isTextual() ? NumberMatch.parsePick(number.asText()) : null;
        if (picked == null || picked < 10 || picked > 99) {
            throw new IllegalArgumentException("Expected {\"number\": n}, the two-digit number shown on the other screen");
        }
        return picked;
    }

    /** The tenant lets only its own mobile app(s) answer: a token of another client is refused, with an event. */
    private JsonReply notTheTenantsApp(AuthResult caller) {
        events.denied(null, caller.user(), QrOutcome.API, QrApproverClients.REASON);
        return JsonReply.error(403, "unauthorized_client",
                "This tenant accepts QR sign-in approvals only from its own mobile app");
    }

    private static JsonReply notFound() {
        return JsonReply.error(404, "not_found", "Unknown, expired or already answered QR code");
    }
}
