package io.usso.keycloak.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.auth.ReauthMaxAge;
import io.usso.keycloak.common.auth.RecentLogin;
import io.usso.keycloak.common.auth.TokenCheck;
import io.usso.keycloak.common.auth.TokenFacts;
import io.usso.keycloak.common.auth.TokenPolicy;
import io.usso.keycloak.common.auth.TokenRefusal;
import io.usso.keycloak.common.auth.UssoEndpoints;

/**
 * The bearer access token of the current request, checked by Keycloak for one realm (signature, expiry, issuer,
 * active session) and then against the endpoint's {@link TokenPolicy} from {@link UssoEndpoints}: what every USSO
 * REST endpoint that acts for a signed-in user or service account starts with.
 */
public final class BearerAuth {

    /** Event detail: the endpoint's policy name. */
    public static final String DETAIL_ENDPOINT = "usso_endpoint";
    /** Event detail: why the token was refused ({@link TokenRefusal#reason()}). */
    public static final String DETAIL_REASON = "reason";
    /** Event error of a refused token. */
    public static final String ERROR_REFUSED = "token_not_allowed";

    private static final Logger LOG = Logger.getLogger(BearerAuth.class);

    /** The result of {@link #authorize}: the caller, or why it was refused. */
    public record Authorization(AuthResult auth, TokenRefusal refusal) {

        /** @return whether the token satisfies the policy */
        public boolean ok() {
            return refusal == null;
        }

        /** @return the refusal as a JSON answer with its {@code WWW-Authenticate} challenge */
        public JsonReply reply() {
            return refusal.reply();
        }
    }

    private BearerAuth() {
    }

    /**
     * @param session the request's session
     * @param realm the realm the token must belong to
     * @param policy what the endpoint needs of the token
     * @return the caller, or the refusal (401 without a valid token of {@code realm}, 401/403 when the token was not
     *         issued for this endpoint)
     */
    public static Authorization authorize(KeycloakSession session, RealmModel realm, TokenPolicy policy) {
        AuthResult auth = authenticate(session, realm);
        if (auth == null || auth.user() == null || auth.token() == null) {
            return new Authorization(null, TokenCheck.evaluate(policy, null, 0, 0));
        }
        TokenRefusal refusal = TokenCheck.evaluate(policy, facts(auth), Time.currentTime(), ReauthMaxAge.of(realm));
        if (refusal != null) {
            LOG.debugf("%s: token of client %s refused (%s)", policy.name(),
                    auth.client() == null ? "?" : auth.client().getClientId(), refusal.reason());
            refusedEvent(session, realm, policy, auth, refusal);
            return new Authorization(auth, refusal);
        }
        return new Authorization(auth, null);
    }

    /**
     * A valid token used where it was not issued for: event {@code PERMISSION_TOKEN_ERROR} with the endpoint
     * ({@value #DETAIL_ENDPOINT}) and the reason ({@value #DETAIL_REASON}), error {@value #ERROR_REFUSED}.
     */
    private static void refusedEvent(KeycloakSession session, RealmModel realm, TokenPolicy policy, AuthResult auth,
            TokenRefusal refusal) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.PERMISSION_TOKEN_ERROR).user(auth.user())
                .detail(DETAIL_ENDPOINT, policy.name()).detail(DETAIL_REASON, refusal.reason());
        if (auth.client() != null) {
            event.client(auth.client());
        }
        if (auth.session() != null) {
            event.session(auth.session());
        }
        event.error(ERROR_REFUSED);
    }

    /**
     * Keycloak's own check only (signature, expiry, issuer, session), the first half of {@link #authorize}.
     *
     * @param session the request's session
     * @param realm the realm the token must belong to
     * @return the token's user, session and client, or null when there is no valid token of {@code realm} (a
     *         malformed {@code Authorization} header counts as none; only its exception class is logged, at DEBUG)
     */
    private static AuthResult authenticate(KeycloakSession session, RealmModel realm) {
        try {
            return new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        } catch (RuntimeException e) {
            LOG.debugf("bearer token of realm %s rejected: %s", realm.getName(), e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * @param auth a verified token with its user, session and client
     * @return what it shows
     */
    public static TokenFacts facts(AuthResult auth) {
        AccessToken token = auth.token();
        UserSessionModel userSession = auth.session();
        Set<String> audiences = token.getAudience() == null ? Set.of() : Set.of(token.getAudience());
        Set<String> scopes = token.getScope() == null || token.getScope().isBlank() ? Set.of()
                : new HashSet<>(Arrays.asList(token.getScope().strip().split(" +")));
        boolean apiKey = contains(token.getOtherClaims().get(UssoClaimNames.AMR), UssoAmr.API_KEY)
                || (userSession != null && contains(userSession.getNote(UssoSessionNotes.AMR), UssoAmr.API_KEY));
        boolean serviceAccount = auth.user().getServiceAccountClientLink() != null;
        boolean transientSession = userSession != null
                && userSession.getPersistenceState() == UserSessionModel.SessionPersistenceState.TRANSIENT;
        return new TokenFacts(audiences, scopes, token.getSessionId(), apiKey, serviceAccount, transientSession,
                interactive(auth), authTime(token, userSession));
    }

    /** Whether the token's client session began at the authorization endpoint (only it sets {@code response_type}). */
    private static boolean interactive(AuthResult auth) {
        if (auth.session() == null || auth.client() == null) {
            return false;
        }
        AuthenticatedClientSessionModel clientSession =
                auth.session().getAuthenticatedClientSessionByClient(auth.client().getId());
        return clientSession != null && clientSession.getNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM) != null;
    }

    private static Long authTime(AccessToken token, UserSessionModel userSession) {
        if (userSession == null || userSession.getNote(AuthenticationManager.AUTH_TIME) == null) {
            if (token.getAuth_time() != null) {
                return token.getAuth_time();
            }
        }
        return RecentLogin.authTime(userSession);
    }

    private static boolean contains(Object claim, String value) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> Objects.equals(String.valueOf(v), value));
        }
        if (claim instanceof String text) {
            return Arrays.asList(text.strip().split(" +")).contains(value);
        }
        return false;
    }
}
