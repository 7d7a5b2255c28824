package io.usso.keycloak.qrlogin.rest;

import java.net.URI;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.auth.RecentLogin;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.qrlogin.QrApproval;
import io.usso.keycloak.qrlogin.QrApproverClients;
import io.usso.keycloak.qrlogin.QrAttempt;
import io.usso.keycloak.qrlogin.QrAttemptStore;
import io.usso.keycloak.qrlogin.QrLoginConfig;
import io.usso.keycloak.qrlogin.QrLoginEvents;
import io.usso.keycloak.qrlogin.QrOutcome;
import io.usso.keycloak.qrlogin.QrRateLimits;
import io.usso.keycloak.qrlogin.QrSecrets;
import io.usso.keycloak.qrlogin.QrTicketStore;
import io.usso.keycloak.qrlogin.QrUrls;
import io.usso.keycloak.common.NumberMatch;

/**
 * The phone's web pages. {@code GET scan/{code}} (what the QR code opens) and {@code POST enter} (the typed short
 * code) find the attempt and issue a ticket; a phone without a session in this realm first signs in through the
 * realm's browser flow with the client {@value QrLoginResourceProviderFactory#PHONE_CLIENT} and comes back to
 * {@code GET confirm?state=<ticket>}. The confirm page (device, address, time, application, three numbers) posts
 * to {@code POST confirm} with the ticket and a CSRF token bound to the phone's user session.
 */
final class QrPhonePages {

    /** Form field: the ticket. */
    static final String TICKET = "ticket";
    /** Form field: the CSRF token. */
    static final String CSRF = "csrf";
    /** Form field: the picked number. */
    static final String NUMBER = "number";
    /** Form field: {@value #APPROVE} or {@value #DENY}. */
    static final String DECISION = "decision";
    static final String APPROVE = "approve";
    static final String DENY = "deny";
    /** Form field of the short-code form. */
    static final String SHORT_CODE = "short_code";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final QrUrls urls;
    private final QrPhoneViews views;
    private final QrAttemptStore store;
    private final QrTicketStore tickets;
    private final QrLoginEvents events;
    private final QrRateLimits limits;
    private final QrLoginConfig config;

    QrPhonePages(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.urls = QrUrls.of(session, realm);
        this.views = new QrPhoneViews(session, urls);
        this.store = new QrAttemptStore(session.singleUseObjects());
        this.tickets = new QrTicketStore(session.singleUseObjects());
        this.events = new QrLoginEvents(session, realm);
        this.limits = new QrRateLimits(session.singleUseObjects(), realm.getId());
        this.config = QrLoginConfig.forRealm(realm);
    }

    Response scan(String code) {
        long now = Time.currentTimeSeconds();
        long retry = limits.acquire(QrRateLimits.Limit.SCAN, "ip", ip(), config.scanPerMinute(), now);
        if (retry > 0) {
            return views.rateLimited(retry);
        }
        if (!QrApproverClients.accepts(config, null)) {
            return appOnly(QrOutcome.WEB);
        }
        QrAttemptStore.CodeRef ref = QrSecrets.isCode(code) ? store.findCode(code) : null;
        QrAttempt attempt = ref == null || !realm.getId().equals(ref.realmId()) ? null : open(ref.attemptId(), now);
        if (attempt == null) {
            return views.expired();
        }
        AuthResult phone = QrPhoneAuth.cookie(session, realm);
        QrTicketStore.Issued issued = tickets.create(attempt, QrOutcome.WEB,
                phone == null ? null : phone.session().getId(), now);
        if (phone == null || !RecentLogin.isRecent(phone.session(), realm)) {
            return signIn(urls.confirm(), issued.ticket(), phone != null);
        }
        return views.confirm(issued.ticket(), issued.csrf(), attempt, phone.user(), null);
    }

    Response confirmPage(MultivaluedMap<String, String> query) {
        long now = Time.currentTimeSeconds();
        long retry = limits.acquire(QrRateLimits.Limit.SCAN, "ip", ip(), config.scanPerMinute(), now);
        if (retry > 0) {
            return views.rateLimited(retry);
        }
        if (!QrApproverClients.accepts(config, null)) {
            return appOnly(QrOutcome.WEB);
        }
        if (query.getFirst("error") != null) {
            return views.info(Response.Status.BAD_REQUEST, "error", "ussoQrSignInFailedTitle", "ussoQrSignInFailed",
                    "ussoQrScanAgain");
        }
        String ticket = query.getFirst("state");
        QrTicketStore.Ticket found = QrSecrets.isToken(ticket) ? tickets.find(ticket) : null;
        QrAttempt attempt = found == null || !realm.getId().equals(found.realmId()) ? null
                : open(found.attemptId(), now);
        if (attempt == null) {
            return views.expired();
        }
        AuthResult phone = QrPhoneAuth.cookie(session, realm);
        if (phone == null) {
            // back from the sign-in without a session: cookies are blocked, do not loop
            return query.getFirst("code") != null ? views.info(Response.Status.UNAUTHORIZED, "error",
                    "ussoQrSignInFailedTitle", "ussoQrCookiesNeeded", null) : signIn(urls.confirm(), ticket, false);
        }
        if (!RecentLogin.isRecent(phone.session(), realm)) {
            // approving signs another device in: the phone's own sign-in must be recent (tenant setting); back from
            // a sign-in that did not refresh it, stop instead of looping
            return query.getFirst("code") != null ? views.info(Response.Status.UNAUTHORIZED, "error",
                    "ussoQrSignInFailedTitle", "ussoQrSignInFailed", null) : signIn(urls.confirm(), ticket, true);
        }
        return confirmPage(ticket, found, attempt, phone, null, now);
    }

    Response decide(MultivaluedMap<String, String> form) {
        long now = Time.currentTimeSeconds();
        long retry = limits.acquire(QrRateLimits.Limit.APPROVE, "ip", ip(), config.approvePerMinute(), now);
        if (retry > 0) {
            return views.rateLimited(retry);
        }
        if (!QrApproverClients.accepts(config, null)) {
            return appOnly(QrOutcome.WEB);
        }
        String ticket = form.getFirst(TICKET);
        QrTicketStore.Ticket found = QrSecrets.isToken(ticket) ? tickets.find(ticket) : null;
        if (found == null || !realm.getId().equals(found.realmId())) {
            return views.expired();
        }
        AuthResult phone = QrPhoneAuth.cookie(session, realm);
        if (phone == null || !found.accepts(phone.session().getId(), form.getFirst(CSRF))) {
            events.denied(store.find(found.attemptId()), phone == null ? null : phone.user(), found.channel(),
                    "invalid_request");
            return views.info(Response.Status.FORBIDDEN, "error", "ussoErrorTitle", "ussoQrInvalidRequest",
                    "ussoQrScanAgain");
        }
        QrAttempt attempt = store.find(found.attemptId());
        if (attempt == null) {
            tickets.remove(ticket);
            return views.expired();
        }
        boolean approve = APPROVE.equals(form.getFirst(DECISION));
        if (approve && !RecentLogin.isRecent(phone.session(), realm)) {
            events.denied(attempt, phone.user(), found.channel(), "login_too_old");
            return signIn(urls.confirm(), ticket, true);
        }
        Integer picked = NumberMatch.parsePick(form.getFirst(NUMBER));
        if (approve && picked == null) {
            return confirmPage(ticket, found, attempt, phone, "ussoQrPickNumberFirst", now);
        }
        if (!approve && !DENY.equals(form.getFirst(DECISION))) {
            return confirmPage(ticket, found, attempt, phone, null, now);
        }
        QrApproval.Result result = new QrApproval(store, events)
                .decide(attempt, phone.user(), phone.session(), approve, picked, found.channel(), now);
        tickets.remove(ticket);
        return switch (result) {
            case APPROVED -> views.info(Response.Status.OK, "success", "ussoQrApprovedTitle", "ussoQrApproved", null);
            case DENIED -> views.info(Response.Status.OK, "info", "ussoQrDeniedTitle", "ussoQrDenied",
                    "ussoQrDeniedHint");
            case WRONG_NUMBER -> views.info(Response.Status.OK, "error", "ussoQrWrongNumberTitle",
                    "ussoQrWrongNumber", "ussoQrDeniedHint");
            case REFUSED -> views.info(Response.Status.FORBIDDEN, "error", "ussoErrorTitle", "ussoQrRefused", null);
            default -> views.expired();
        };
    }

    Response enterPage(MultivaluedMap<String, String> query) {
        if (!config.shortCodeEnabled()) {
            return views.info(Response.Status.NOT_FOUND, "error", "ussoErrorTitle", "ussoQrShortCodeOff", null);
        }
        if (!QrApproverClients.accepts(config, null)) {
            return appOnly(QrOutcome.SHORT_CODE);
        }
        if (query.getFirst("error") != null) {
            return views.info(Response.Status.BAD_REQUEST, "error", "ussoQrSignInFailedTitle", "ussoQrSignInFailed",
                    null);
        }
        AuthResult phone = QrPhoneAuth.cookie(session, realm);
        if (phone == null) {
            return query.getFirst("code") != null ? views.info(Response.Status.UNAUTHORIZED, "error",
                    "ussoQrSignInFailedTitle", "ussoQrCookiesNeeded", null)
                    : signIn(urls.enter(), QrSecrets.newToken(), false);
        }
        return views.enter(tickets.newEnterToken(realm.getId(), phone.session().getId()), phone.user(), null,
                Response.Status.OK);
    }

    Response enter(MultivaluedMap<String, String> form) {
        long now = Time.currentTimeSeconds();
        if (!config.shortCodeEnabled()) {
            return views.info(Response.Status.NOT_FOUND, "error", "ussoErrorTitle", "ussoQrShortCodeOff", null);
        }
        if (!QrApproverClients.accepts(config, null)) {
            return appOnly(QrOutcome.SHORT_CODE);
        }
        long retry = limits.acquire(QrRateLimits.Limit.ENTER, "ip", ip(), config.enterPerWindow(), now);
        AuthResult phone = QrPhoneAuth.cookie(session, realm);
        if (retry == 0 && phone != null) {
            retry = limits.acquire(QrRateLimits.Limit.ENTER, "user", phone.user().getId(), config.enterPerWindow(),
                    now);
        }
        if (retry > 0) {
            events.denied(null, phone == null ? null : phone.user(), QrOutcome.SHORT_CODE, "rate_limited");
            return views.rateLimited(retry);
        }
        if (phone == null) {
            return signIn(urls.enter(), QrSecrets.newToken(), false);
        }
        if (!tickets.acceptsEnterToken(form.getFirst(CSRF), realm.getId(), phone.session().getId())) {
            events.denied(null, phone.user(), QrOutcome.SHORT_CODE, "invalid_request");
            return views.info(Response.Status.FORBIDDEN, "error", "ussoErrorTitle", "ussoQrInvalidRequest", null);
        }
        String shortCode = QrSecrets.normalizeShortCode(form.getFirst(SHORT_CODE));
        String attemptId = shortCode == null ? null : store.findShortCode(realm.getId(), shortCode);
        QrAttempt attempt = attemptId == null ? null : open(attemptId, now);
        if (attempt == null) {
            events.denied(null, phone.user(), QrOutcome.SHORT_CODE, "unknown_code");
            return views.enter(tickets.newEnterToken(realm.getId(), phone.session().getId()), phone.user(),
                    "ussoQrShortCodeInvalid", Response.Status.BAD_REQUEST);
        }
        QrTicketStore.Issued issued = tickets.create(attempt, QrOutcome.SHORT_CODE, phone.session().getId(), now);
        return views.confirm(issued.ticket(), issued.csrf(), attempt, phone.user(), null);
    }

    /** The tenant lets only its own mobile app approve: the web pages refuse, with an event. */
    private Response appOnly(String channel) {
        AuthResult phone = QrPhoneAuth.cookie(session, realm);
        events.denied(null, phone == null ? null : phone.user(), channel, QrApproverClients.REASON);
        return views.info(Response.Status.FORBIDDEN, "error", "ussoErrorTitle", "ussoQrApproverClientNotAllowed",
                null);
    }

    /** The attempt when it can still be decided (pending, not expired), else null. */
    private QrAttempt open(String attemptId, long now) {
        QrAttempt attempt = store.find(attemptId);
        if (attempt == null || !realm.getId().equals(attempt.realmId()) || store.outcome(attempt.id()) != null) {
            return null;
        }
        return new QrApproval(store, events).expireIfDue(attempt, now) ? null : attempt;
    }

    /** The confirm page for a ticket issued in an earlier request (binds it to this phone session). */
    private Response confirmPage(String ticket, QrTicketStore.Ticket found, QrAttempt attempt, AuthResult phone,
            String error, long now) {
        String csrf = tickets.bind(ticket, found, attempt, phone.session().getId(), now);
        return views.confirm(ticket, csrf, attempt, phone.user(), error);
    }

    /**
     * Sends a phone without session (or, with {@code again}, with a sign-in older than the tenant allows for
     * approving) through the realm's sign-in, back to {@code redirectUri}.
     */
    private Response signIn(String redirectUri, String state, boolean again) {
        if (realm.getClientByClientId(QrLoginResourceProviderFactory.PHONE_CLIENT) == null) {
            return views.info(Response.Status.SERVICE_UNAVAILABLE, "error", "ussoErrorTitle", "ussoQrNotSetUp",
                    "ussoErrorContactAdmin");
        }
        // PKCE is required by the client; the code is never exchanged (the SSO cookie is what the pages use)
        String challenge = QrSecrets.s256(QrSecrets.newToken());
        URI target = urls.phoneSignIn(QrLoginResourceProviderFactory.PHONE_CLIENT, redirectUri, state, challenge,
                again);
        return Response.seeOther(target).header("Cache-Control", "no-store").build();
    }

    private String ip() {
        return ClientAddress.limitKeyOf(session);
    }
}
