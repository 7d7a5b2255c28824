package io.usso.keycloak.qrlogin;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.DeviceInfo;

/**
 * The Keycloak events of the QR login. Keycloak's {@link EventType} cannot be extended, so the cross-device types
 * of the OAuth device grant are reused and the detail {@value #USSO_EVENT} says what happened:
 *
 * <ul>
 *   <li>{@value #REQUESTED}: {@code OAUTH2_DEVICE_AUTH} (a waiting page asks to be approved)</li>
 *   <li>{@value #APPROVED}: {@code OAUTH2_DEVICE_VERIFY_USER_CODE} with the approving user</li>
 *   <li>{@value #DENIED}, {@value #EXPIRED}, refused and rate-limited requests:
 *       {@code OAUTH2_DEVICE_VERIFY_USER_CODE_ERROR} with {@code reason}</li>
 *   <li>{@value #COMPLETED}: a detail on Keycloak's own {@code LOGIN} event of the waiting page</li>
 * </ul>
 *
 * Device details ({@value #BROWSER}, {@value #OS}, {@value #DEVICE_IP}) always describe the waiting page; the
 * event's own IP address is the caller's. Codes, handles, tickets and CSRF tokens never appear.
 */
public final class QrLoginEvents {

    /** Detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    /** A waiting page showed a QR code. */
    public static final String REQUESTED = "QR_LOGIN_REQUESTED";
    /** A phone approved. */
    public static final String APPROVED = "QR_LOGIN_APPROVED";
    /** A phone denied, picked the wrong number, or was refused. */
    public static final String DENIED = "QR_LOGIN_DENIED";
    /** The attempt expired before a decision. */
    public static final String EXPIRED = "QR_LOGIN_EXPIRED";
    /** The waiting page signed in. */
    public static final String COMPLETED = "QR_LOGIN_COMPLETED";

    /** Detail: the waiting page's browser. */
    public static final String BROWSER = "qr_browser";
    /** Detail: the waiting page's operating system. */
    public static final String OS = "qr_os";
    /** Detail: the waiting page's IP address. */
    public static final String DEVICE_IP = "qr_ip";
    /** Detail: how the phone answered ({@link QrOutcome#WEB}, {@link QrOutcome#API}, {@link QrOutcome#SHORT_CODE}). */
    public static final String CHANNEL = "qr_channel";
    /** Detail: why something was refused. */
    public static final String REASON = Details.REASON;
    /** Detail: the approver's highest level of authentication. */
    public static final String APPROVER_LOA = "qr_approver_loa";

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the request's session
     * @param realm the tenant
     */
    public QrLoginEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param type the event type
     * @param ussoEvent the {@value #USSO_EVENT} value
     * @param attempt the attempt concerned, may be null
     * @return a builder with realm, client and waiting-page details set
     */
    public EventBuilder event(EventType type, String ussoEvent, QrAttempt attempt) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type).detail(USSO_EVENT, ussoEvent);
        if (attempt != null) {
            ClientModel client = attempt.clientId() == null ? null : realm.getClientById(attempt.clientId());
            if (client != null) {
                event.client(client);
            }
            device(event, attempt.device());
        }
        return event;
    }

    /** A waiting page showed a QR code. */
    public void requested(QrAttempt attempt) {
        event(EventType.OAUTH2_DEVICE_AUTH, REQUESTED, attempt).success();
    }

    /**
     * @param attempt the attempt
     * @param approver the approving user
     * @param channel how
     * @param approverLevel the approver's highest LoA
     */
    public void approved(QrAttempt attempt, UserModel approver, String channel, int approverLevel) {
        event(EventType.OAUTH2_DEVICE_VERIFY_USER_CODE, APPROVED, attempt).user(approver)
                .detail(CHANNEL, channel).detail(APPROVER_LOA, String.valueOf(approverLevel)).success();
    }

    /**
     * A denial, wrong number or refusal.
     *
     * @param attempt the attempt, may be null
     * @param user the phone user, may be null
     * @param channel how, may be null
     * @param reason why (event detail and error)
     */
    public void denied(QrAttempt attempt, UserModel user, String channel, String reason) {
        EventBuilder event = event(EventType.OAUTH2_DEVICE_VERIFY_USER_CODE_ERROR, DENIED, attempt)
                .detail(REASON, reason);
        if (user != null) {
            event.user(user);
        }
        if (channel != null) {
            event.detail(CHANNEL, channel);
        }
        event.error("qr_login_" + reason);
    }

    /** @param attempt an attempt that just expired */
    public void expired(QrAttempt attempt) {
        event(EventType.OAUTH2_DEVICE_VERIFY_USER_CODE_ERROR, EXPIRED, attempt).detail(REASON, "expired")
                .error("expired_code");
    }

    /**
     * Adds the waiting page's device to an event.
     *
     * @param event the event
     * @param device the device
     * @return the event
     */
    public static EventBuilder device(EventBuilder event, DeviceInfo device) {
        event.detail(BROWSER, device.browser()).detail(OS, device.os());
        if (device.ip() != null) {
            event.detail(DEVICE_IP, device.ip());
        }
        return event;
    }
}
