package io.usso.keycloak.otp;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Keycloak events of one-time codes: existing event types with the detail {@value #USSO_EVENT} saying what happened
 * ({@value #OTP_SENT}, {@value #OTP_SEND_FAILED}, {@value #OTP_VERIFIED}, {@value #OTP_REJECTED}), {@value #CHANNEL}
 * ({@code email}/{@code sms}), {@value #PURPOSE} ({@code login}/{@code verify-phone}) and, for failures,
 * {@value #REASON}. Never the code, the text or the full destination.
 *
 * <ul>
 *   <li>sent: {@code SEND_VERIFY_EMAIL} (both channels); failed or refused send: {@code SEND_VERIFY_EMAIL_ERROR}
 *       with error {@code otp_send_failed} / {@code user_not_found} (decoy) / {@code rate_limited} (reason
 *       {@code rate_limited}, {@code user_rate_limited} or {@code tenant_budget}) / {@code destination_not_allowed}
 *       (reason {@code country_not_allowed});</li>
 *   <li>wrong, expired or exhausted code: {@code LOGIN_ERROR} (sign-in) or {@code UPDATE_PROFILE_ERROR} (phone
 *       verification) with error {@code invalid_user_credentials} / {@code expired_code};</li>
 *   <li>accepted: details on the sign-in's own {@code LOGIN} event, {@code UPDATE_PROFILE} for a verified phone.</li>
 * </ul>
 * Events are built on a clone of the flow's builder, so the flow's own LOGIN event keeps its type.
 */
public final class OtpEvents {

    /** Detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    /** Detail: channel. */
    public static final String CHANNEL = "channel";
    /** Detail: what the code was for. */
    public static final String PURPOSE = "purpose";
    /** Detail: why it failed. */
    public static final String REASON = "reason";
    /** Detail: attempts left after a wrong code. */
    public static final String ATTEMPTS_LEFT = "attempts_left";

    /** A code was sent. */
    public static final String OTP_SENT = "OTP_SENT";
    /** A code was not sent (gateway failure, rate limit, unknown identifier). */
    public static final String OTP_SEND_FAILED = "OTP_SEND_FAILED";
    /** A code was accepted. */
    public static final String OTP_VERIFIED = "OTP_VERIFIED";
    /** A code was refused. */
    public static final String OTP_REJECTED = "OTP_REJECTED";

    /** Event error of a failed send. */
    public static final String ERROR_SEND_FAILED = "otp_send_failed";
    /** Event error of a send refused by a rate limit or the tenant's budget (reason {@code tenant_budget}). */
    public static final String ERROR_RATE_LIMITED = "rate_limited";
    /** Event error of a destination the tenant does not send to (reason {@code country_not_allowed}). */
    public static final String ERROR_NOT_ALLOWED = "destination_not_allowed";

    private final EventBuilder base;
    private final String channel;
    private final String purpose;
    private final String authMethod;

    /**
     * @param base the flow's event builder (cloned for every event)
     * @param channel {@code email} or {@code sms}
     * @param purpose {@code login} or {@code verify-phone}
     * @param authMethod the authenticator / required action id
     */
    public OtpEvents(EventBuilder base, String channel, String purpose, String authMethod) {
        this.base = base;
        this.channel = channel;
        this.purpose = purpose;
        this.authMethod = authMethod;
    }

    private EventBuilder event(EventType type, UserModel user, String ussoEvent) {
        EventBuilder event = base.clone().event(type)
                .detail(USSO_EVENT, ussoEvent)
                .detail(CHANNEL, channel)
                .detail(PURPOSE, purpose)
                .detail(Details.AUTH_METHOD, authMethod)
                .removeDetail(REASON)
                .removeDetail(ATTEMPTS_LEFT);
        if (user != null) {
            event.user(user).detail(Details.USERNAME, user.getUsername());
        }
        return event;
    }

    /** @param user the recipient */
    public void sent(UserModel user) {
        event(EventType.SEND_VERIFY_EMAIL, user, OTP_SENT).success();
    }

    /**
     * @param user the recipient, null for an unknown identifier
     * @param error event error ({@value #ERROR_SEND_FAILED}, {@value #ERROR_RATE_LIMITED}, {@code user_not_found})
     * @param reason machine-readable reason
     */
    public void sendFailed(UserModel user, String error, String reason) {
        event(EventType.SEND_VERIFY_EMAIL, user, OTP_SEND_FAILED).detail(REASON, reason).error(error);
    }

    /**
     * @param type {@code LOGIN} or {@code UPDATE_PROFILE} (sent as its _ERROR variant)
     * @param user the user, null for a decoy
     * @param error event error
     * @param reason {@code invalid_code}, {@code expired}, {@code too_many_attempts}, {@code no_code}
     * @param attemptsLeft attempts left, or -1 to leave out
     */
    public void rejected(EventType type, UserModel user, String error, String reason, int attemptsLeft) {
        EventBuilder event = event(type, user, OTP_REJECTED).detail(REASON, reason);
        if (attemptsLeft >= 0) {
            event.detail(ATTEMPTS_LEFT, Integer.toString(attemptsLeft));
        }
        event.error(error);
    }

    /**
     * @param type the success event type (e.g. {@code UPDATE_PROFILE}, {@code VERIFY_EMAIL})
     * @param user the user
     */
    public void verified(EventType type, UserModel user) {
        event(type, user, OTP_VERIFIED).success();
    }

    /**
     * Puts the verification details on the flow's own event (the sign-in's LOGIN event).
     *
     * @param flowEvent the flow's builder
     */
    public void markFlowEvent(EventBuilder flowEvent) {
        flowEvent.detail(USSO_EVENT, OTP_VERIFIED).detail(CHANNEL, channel).detail(PURPOSE, purpose)
                .removeDetail(REASON).removeDetail(ATTEMPTS_LEFT);
    }
}
