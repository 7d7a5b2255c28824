package io.usso.keycloak.qrlogin;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Phone-side state in the single-use store. A <b>ticket</b> is what the phone carries from the scan (or the typed
 * short code) to its decision, so the confirm page keeps working after the QR code rotated and across the sign-in
 * detour; it is bound to the phone's user session and a CSRF token when the confirm page is rendered, and removed
 * after the decision. The <b>enter token</b> is the CSRF token of the short-code form.
 *
 * <pre>
 * usso-qr-ticket:{sha256(ticket)}   {a: attempt id, r: realm, via: channel[, us: user session, x: sha256(csrf)]}
 * usso-qr-enter:{sha256(csrf)}      {us: user session, r: realm}
 * </pre>
 */
public final class QrTicketStore {

    /** Lifetime of the short-code form's CSRF token. */
    public static final long ENTER_TOKEN_SECONDS = 600;

    static final String TICKET = "usso-qr-ticket:";
    static final String ENTER = "usso-qr-enter:";

    private final SingleUseObjectProvider store;

    /** @param store the session's {@code session.singleUseObjects()} */
    public QrTicketStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * A phone's ticket.
     *
     * @param attemptId the attempt it answers
     * @param realmId the attempt's realm
     * @param channel {@link QrOutcome#WEB} or {@link QrOutcome#SHORT_CODE}
     * @param userSessionId the phone user session it is bound to, null until the confirm page was rendered
     * @param csrfHash hash of the confirm page's CSRF token, null until then
     */
    public record Ticket(String attemptId, String realmId, String channel, String userSessionId, String csrfHash) {

        /**
         * @param userSession the phone's current user session id
         * @param csrf the submitted CSRF token
         * @return whether the submission comes from the page rendered for that session (constant-time compare)
         */
        public boolean accepts(String userSession, String csrf) {
            return userSessionId != null && userSessionId.equals(userSession) && QrSecrets.matches(csrf, csrfHash);
        }
    }

    /**
     * A ticket just issued.
     *
     * @param ticket the ticket (sent to the phone, stored hashed)
     * @param csrf the confirm page's CSRF token when the ticket was bound at once, else null
     * @param state what is stored
     */
    public record Issued(String ticket, String csrf, Ticket state) {
    }

    /**
     * Issues a ticket; when the phone's user session is already known it is bound at once (one store write: a
     * request may write a key only once).
     *
     * @param attempt the attempt the phone found
     * @param channel how it found it
     * @param userSessionId the phone's user session, or null when it must sign in first
     * @param nowSeconds epoch seconds
     * @return the ticket, its CSRF token when bound, and its state
     */
    public Issued create(QrAttempt attempt, String channel, String userSessionId, long nowSeconds) {
        String ticket = QrSecrets.newToken();
        String csrf = userSessionId == null ? null : QrSecrets.newToken();
        String csrfHash = csrf == null ? null : QrSecrets.hash(csrf);
        store.put(TICKET + QrSecrets.hash(ticket), ttl(attempt, nowSeconds),
                notes(attempt.id(), attempt.realmId(), channel, userSessionId, csrfHash));
        return new Issued(ticket, csrf,
                new Ticket(attempt.id(), attempt.realmId(), channel, userSessionId, csrfHash));
    }

    /**
     * @param ticket a ticket from the phone (shape already checked)
     * @return its state, or null when unknown or used
     */
    public Ticket find(String ticket) {
        Map<String, String> n = store.get(TICKET + QrSecrets.hash(ticket));
        if (n == null || n.get("a") == null || n.get("r") == null) {
            return null;
        }
        return new Ticket(n.get("a"), n.get("r"), n.get("via"), n.get("us"), n.get("x"));
    }

    /**
     * Binds a ticket issued in an earlier request to the phone's user session with a fresh CSRF token (rendering
     * the confirm page again replaces the token).
     *
     * @param ticket the ticket
     * @param found its state
     * @param attempt its attempt
     * @param userSessionId the phone's user session
     * @param nowSeconds epoch seconds
     * @return the CSRF token for the form
     */
    public String bind(String ticket, Ticket found, QrAttempt attempt, String userSessionId, long nowSeconds) {
        String csrf = QrSecrets.newToken();
        store.put(TICKET + QrSecrets.hash(ticket), ttl(attempt, nowSeconds),
                notes(found.attemptId(), found.realmId(), found.channel(), userSessionId, QrSecrets.hash(csrf)));
        return csrf;
    }

    /** @param ticket a ticket that was used (or must not be used again) */
    public void remove(String ticket) {
        store.remove(TICKET + QrSecrets.hash(ticket));
    }

    /**
     * @param realmId the tenant
     * @param userSessionId the phone's user session
     * @return a CSRF token for the short-code form
     */
    public String newEnterToken(String realmId, String userSessionId) {
        String token = QrSecrets.newToken();
        store.put(ENTER + QrSecrets.hash(token), ENTER_TOKEN_SECONDS, Map.of("us", userSessionId, "r", realmId));
        return token;
    }

    /**
     * @param token the submitted token, may be null
     * @param realmId the tenant
     * @param userSessionId the phone's user session
     * @return whether the token was issued to that session in that realm
     */
    public boolean acceptsEnterToken(String token, String realmId, String userSessionId) {
        if (!QrSecrets.isToken(token)) {
            return false;
        }
        Map<String, String> n = store.get(ENTER + QrSecrets.hash(token));
        return n != null && realmId.equals(n.get("r")) && userSessionId.equals(n.get("us"));
    }

    private static long ttl(QrAttempt attempt, long nowSeconds) {
        return Math.max(1, attempt.expiresAt() - nowSeconds + QrAttemptStore.GRACE_SECONDS);
    }

    private static Map<String, String> notes(String attemptId, String realmId, String channel, String userSessionId,
            String csrfHash) {
        Map<String, String> n = new HashMap<>();
        n.put("a", attemptId);
        n.put("r", realmId);
        n.put("via", channel);
        if (userSessionId != null) {
            n.put("us", userSessionId);
        }
        if (csrfHash != null) {
            n.put("x", csrfHash);
        }
        return n;
    }
}
