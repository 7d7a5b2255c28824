package io.usso.keycloak.qrlogin;

import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * The phone's decision on an attempt, the same for the confirm page and the mobile API. Exactly one decision per
 * attempt is recorded (the first wins); a wrong number cancels the attempt; the approver's level of authentication
 * (the {@value Constants#LOA_MAP} note of the approving user session) goes with an approval. Emits the events.
 */
public final class QrApproval {

    /** What became of a decision. */
    public enum Result {
        /** Recorded: approved. */
        APPROVED,
        /** Recorded: denied. */
        DENIED,
        /** Recorded: the wrong number was picked, the attempt is cancelled. */
        WRONG_NUMBER,
        /** Nothing recorded: another decision was first. */
        ALREADY_DECIDED,
        /** Nothing recorded: the attempt expired. */
        EXPIRED,
        /** Nothing recorded: this user may not approve (disabled, service account). */
        REFUSED
    }

    private final QrAttemptStore store;
    private final QrLoginEvents events;

    /**
     * @param store the attempts
     * @param events the realm's events
     */
    public QrApproval(QrAttemptStore store, QrLoginEvents events) {
        this.store = store;
        this.events = events;
    }

    /**
     * @param attempt the attempt (realm already checked)
     * @param user the phone's user
     * @param userSession the phone's user session
     * @param approve true to approve, false to deny
     * @param picked the picked number (ignored when denying)
     * @param channel {@link QrOutcome#WEB}, {@link QrOutcome#API} or {@link QrOutcome#SHORT_CODE}
     * @param nowSeconds epoch seconds
     * @return what happened
     */
    public Result decide(QrAttempt attempt, UserModel user, UserSessionModel userSession, boolean approve,
            Integer picked, String channel, long nowSeconds) {
        if (expireIfDue(attempt, nowSeconds)) {
            return Result.EXPIRED;
        }
        if (user == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            events.denied(attempt, user, channel, "refused");
            return Result.REFUSED;
        }
        if (!approve) {
            return record(attempt, new QrOutcome(QrStatus.DENIED, user.getId(), null, channel, "denied"), nowSeconds)
                    ? logged(Result.DENIED, () -> events.denied(attempt, user, channel, "denied"))
                    : Result.ALREADY_DECIDED;
        }
        if (!attempt.match().isRight(picked)) {
            return record(attempt, new QrOutcome(QrStatus.CANCELLED, user.getId(), null, channel, "wrong_number"),
                    nowSeconds)
                    ? logged(Result.WRONG_NUMBER, () -> events.denied(attempt, user, channel, "wrong_number"))
                    : Result.ALREADY_DECIDED;
        }
        String loaMap = userSession == null ? null : userSession.getNote(Constants.LOA_MAP);
        if (!record(attempt, new QrOutcome(QrStatus.APPROVED, user.getId(), loaMap, channel, null), nowSeconds)) {
            return Result.ALREADY_DECIDED;
        }
        events.approved(attempt, user, channel,
                QrLevelOfAuthentication.highest(QrLevelOfAuthentication.parse(loaMap)));
        return Result.APPROVED;
    }

    /**
     * Records the expiry of an attempt whose lifetime ended (once, with its event).
     *
     * @param attempt the attempt
     * @param nowSeconds epoch seconds
     * @return whether the attempt is expired
     */
    public boolean expireIfDue(QrAttempt attempt, long nowSeconds) {
        if (!attempt.isExpired(nowSeconds)) {
            return false;
        }
        if (store.decide(attempt, new QrOutcome(QrStatus.EXPIRED, null, null, null, "expired"), nowSeconds)) {
            events.expired(attempt);
        }
        return true;
    }

    private boolean record(QrAttempt attempt, QrOutcome outcome, long nowSeconds) {
        return store.decide(attempt, outcome, nowSeconds);
    }

    private static Result logged(Result result, Runnable event) {
        event.run();
        return result;
    }
}
