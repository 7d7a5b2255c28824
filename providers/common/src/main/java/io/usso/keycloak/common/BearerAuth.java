package io.usso.keycloak.common;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The bearer access token of the current request, checked by Keycloak for one realm: what every USSO REST endpoint
 * that acts for a signed-in user or service account starts with.
 */
public final class BearerAuth {

    private static final Logger LOG = Logger.getLogger(BearerAuth.class);

    private BearerAuth() {
    }

    /**
     * @param session the request's session
     * @param realm the realm the token must belong to
     * @return the token's user, session and client, or null when there is no valid token of {@code realm} (a
     *         malformed {@code Authorization} header counts as none; only its exception class is logged, at DEBUG)
     */
    public static AuthResult authenticate(KeycloakSession session, RealmModel realm) {
        try {
            return new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        } catch (RuntimeException e) {
            LOG.debugf("bearer token of realm %s rejected: %s", realm.getName(), e.getClass().getSimpleName());
            return null;
        }
    }
}
