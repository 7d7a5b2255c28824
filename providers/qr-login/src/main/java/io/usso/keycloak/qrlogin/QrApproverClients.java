package io.usso.keycloak.qrlogin;

import org.keycloak.models.ClientModel;

/**
 * The tenant's option "approve only from our own mobile app" ({@link QrLoginConfig#approverClients()}): when set,
 * an approval (or denial, or look-up) counts only from a bearer token issued to one of those clients; tokens of other
 * clients and the phone's web pages (cookie sessions, which any browser can hold) are refused. Checked right after
 * the caller is known, before anything about the attempt is shown or decided.
 */
public final class QrApproverClients {

    /** Event reason and API error of a refused caller. */
    public static final String REASON = "client_not_allowed";

    private QrApproverClients() {
    }

    /**
     * @param config the realm's QR settings ({@link QrLoginConfig#forRealm})
     * @param caller the client the bearer token was issued to; null for the web pages (cookie session)
     * @return whether this caller may answer QR sign-ins
     */
    public static boolean accepts(QrLoginConfig config, ClientModel caller) {
        if (!config.restrictsApprovers()) {
            return true;
        }
        return caller != null && config.approverClients().contains(caller.getClientId());
    }
}
