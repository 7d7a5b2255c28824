package io.usso.keycloak.qrlogin.rest;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.auth.TokenPolicy;

/**
 * Who the phone is, in this realm only: its SSO cookie (confirm pages) or a bearer access token (mobile API).
 * Cookies and tokens of another realm never authenticate here.
 */
final class QrPhoneAuth {

    private static final Logger LOG = Logger.getLogger(QrPhoneAuth.class);

    private QrPhoneAuth() {
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @return the phone's active SSO session in this realm, or null
     */
    static AuthResult cookie(KeycloakSession session, RealmModel realm) {
        try {
            AuthResult result = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            return result == null || result.session() == null || result.user() == null ? null : result;
        } catch (RuntimeException e) {
            LOG.debugf("QR login: identity cookie rejected: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param policy what the endpoint needs ({@link io.usso.keycloak.common.auth.UssoEndpoints#QR_APPROVE}: scope
     *        {@code usso:qr-approve}, an interactive sign-in that is recent; API-key, session-less and password-grant
     *        tokens never approve a login)
     * @return the caller of a valid bearer access token of this realm, or why it was refused
     */
    static BearerAuth.Authorization bearer(KeycloakSession session, RealmModel realm, TokenPolicy policy) {
        return BearerAuth.authorize(session, realm, policy);
    }
}
