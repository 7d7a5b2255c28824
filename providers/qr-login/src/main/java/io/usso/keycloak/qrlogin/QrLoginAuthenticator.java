package io.usso.keycloak.qrlogin;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.UssoAmr;
import io.usso.keycloak.common.NumberMatch;

/**
 * The waiting side of the QR login (browser flow authenticator {@value QrLoginAuthenticatorFactory#ID}).
 *
 * <p>{@link #authenticate} starts an attempt bound to this authentication session (root id + tab) and shows the
 * QR code; the page's script long-polls the status URL and, once a phone approved, submits the form.
 * {@link #action} then checks that the attempt of <em>this</em> authentication session is approved, consumes it
 * (single use: the first consumer wins), and continues as the approving user, recording AMR {@value UssoAmr#QR}
 * and carrying over the approver's level of authentication ({@link QrLevelOfAuthentication}). Any other answer
 * (denied, wrong number, expired, not yet approved) shows a fresh code with a message. Starting over drops the
 * previous attempt, so only the code on screen can be approved.
 */
public final class QrLoginAuthenticator implements Authenticator {

    /** Authentication-session note: the id of the attempt the page shows. */
    public static final String NOTE_ATTEMPT = "usso.qr.attempt";
    /** User-session note: the approver's highest level of authentication ({@code -1}: none). */
    public static final String NOTE_APPROVER_LOA = "usso.qr.approver_loa";
    /** Form field of the waiting page. */
    public static final String FORM_ACTION = "qr_action";
    /** {@value #FORM_ACTION}: the status said approved. */
    public static final String ACTION_COMPLETE = "complete";
    /** {@value #FORM_ACTION}: show a new code. */
    public static final String ACTION_RESTART = "restart";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        showNewAttempt(context, null);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (!ACTION_COMPLETE.equals(form.getFirst(FORM_ACTION))) {
            showNewAttempt(context, null);
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTimeSeconds();
        QrAttemptStore store = new QrAttemptStore(session.singleUseObjects());
        String attemptId = authSession.getAuthNote(NOTE_ATTEMPT);
        QrAttempt attempt = store.find(attemptId);
        QrOutcome outcome = attemptId == null ? null : store.outcome(attemptId);
        if (attempt == null || outcome == null || outcome.status() != QrStatus.APPROVED) {
            showNewAttempt(context, messageFor(attempt, outcome, now));
            return;
        }
        if (!attempt.isBoundTo(authSession.getParentSession().getId(), authSession.getTabId(), realm.getId())
                || !store.consume(attempt)) {
            // another authentication session's attempt, or already used: never continue with it
            showNewAttempt(context, "ussoQrExpired");
            return;
        }
        authSession.removeAuthNote(NOTE_ATTEMPT);

        UserModel user = outcome.userId() == null ? null : session.users().getUserById(realm, outcome.userId());
        AuthenticationFlowError refusal = refusal(context, user);
        if (refusal != null) {
            if (user != null) {
                context.getEvent().user(user);
            }
            context.getEvent().detail(QrLoginEvents.USSO_EVENT, QrLoginEvents.DENIED)
                    .detail(QrLoginEvents.REASON, refusal.name().toLowerCase(java.util.Locale.ROOT));
            context.failureChallenge(refusal, QrLoginForm.unavailable(context, "ussoQrRefused"));
            return;
        }
        context.setUser(user);
        UssoAmr.record(authSession, UssoAmr.QR);
        int approverLevel = QrLevelOfAuthentication.transfer(session, authSession, context.getTopLevelFlow().getId(),
                outcome.loaMap());
        authSession.setUserSessionNote(NOTE_APPROVER_LOA, String.valueOf(approverLevel));
        context.getEvent().detail(QrLoginEvents.USSO_EVENT, QrLoginEvents.COMPLETED)
                .detail(QrLoginEvents.CHANNEL, outcome.channel())
                .detail(QrLoginEvents.APPROVER_LOA, String.valueOf(approverLevel));
        context.success();
    }

    /** Why the approving user may not sign in here, or null. */
    private static AuthenticationFlowError refusal(AuthenticationFlowContext context, UserModel user) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return AuthenticationFlowError.INVALID_USER;
        }
        if (!user.isEnabled()) {
            return AuthenticationFlowError.USER_DISABLED;
        }
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            return AuthenticationFlowError.USER_TEMPORARILY_DISABLED;
        }
        UserModel identified = context.getUser();
        if (identified != null && !identified.getId().equals(user.getId())) {
            return AuthenticationFlowError.INVALID_USER; // the flow already knows who signs in, and it is someone else
        }
        return null;
    }

    /** The message shown above a new code after a submission that could not continue. */
    static String messageFor(QrAttempt attempt, QrOutcome outcome, long nowSeconds) {
        if (outcome != null) {
            return switch (outcome.status()) {
                case DENIED -> "ussoQrDenied";
                case CANCELLED -> "ussoQrCancelled";
                case EXPIRED -> "ussoQrExpired";
                default -> null;
            };
        }
        return attempt == null || attempt.isExpired(nowSeconds) ? "ussoQrExpired" : "ussoQrNotApprovedYet";
    }

    private void showNewAttempt(AuthenticationFlowContext context, String error) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        QrLoginConfig config = QrLoginConfig.of(context.getAuthenticatorConfig());
        long now = Time.currentTimeSeconds();
        QrAttemptStore store = new QrAttemptStore(session.singleUseObjects());
        store.discard(authSession.getAuthNote(NOTE_ATTEMPT), now);
        authSession.removeAuthNote(NOTE_ATTEMPT);

        String ip = context.getConnection() == null ? null : context.getConnection().getRemoteAddr();
        QrLoginEvents events = new QrLoginEvents(session, realm);
        long retryAfter = new QrRateLimits(session.singleUseObjects(), realm.getId())
                .acquire(QrRateLimits.Limit.CREATE, "ip", ip, config.createPerMinute(), now);
        if (retryAfter > 0) {
            events.event(EventType.OAUTH2_DEVICE_AUTH_ERROR, QrLoginEvents.REQUESTED, null)
                    .client(authSession.getClient()).detail(QrLoginEvents.REASON, "rate_limited").error("rate_limited");
            context.challenge(QrLoginForm.unavailable(context, "ussoErrorRateLimited"));
            return;
        }
        ClientModel client = authSession.getClient();
        String userAgent = context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        QrAttemptDraft draft = new QrAttemptDraft(realm.getId(), authSession.getParentSession().getId(),
                authSession.getTabId(), client.getId(), clientName(client), NumberMatch.random(),
                DeviceInfo.of(userAgent, ip), now, now + config.lifetimeSeconds(), config.effectiveRotationSeconds(),
                config.statusPerMinute());
        QrAttemptStore.Created created = store.create(draft, config.shortCodeEnabled(), now);
        authSession.setAuthNote(NOTE_ATTEMPT, created.attempt().id());
        events.requested(created.attempt());
        context.challenge(QrLoginForm.render(context, created, QrUrls.of(session, realm), error, now));
    }

    private static String clientName(ClientModel client) {
        String name = client.getName();
        return name == null || name.isBlank() ? client.getClientId() : name;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
