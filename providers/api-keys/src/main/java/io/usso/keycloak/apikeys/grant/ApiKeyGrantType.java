package io.usso.keycloak.apikeys.grant;

import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.managers.UserSessionManager;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.rest.ApiKeyJson;
import io.usso.keycloak.apikeys.service.ApiKeyEvents;
import io.usso.keycloak.apikeys.verify.ApiKeyVerifier;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.UssoAmr;
import io.usso.keycloak.common.UssoScopes;
import io.usso.keycloak.common.UssoSessionNotes;
import io.usso.keycloak.common.auth.GrantSessions;

/**
 * Token-endpoint grant {@value ApiKeyGrantTypeFactory#GRANT_TYPE}: a confidential client, authenticated as usual,
 * trades parameter {@value #PARAM_API_KEY} for a short-lived access token of the key's owner, so that applications
 * that only understand JWTs accept API keys unchanged.
 *
 * <p>The key is checked exactly as by the verify endpoint ({@link ApiKeyVerifier}: format, failure limits, tenant,
 * revoked, expired, owner enabled, scopes the owner still holds). The token comes from a transient user session
 * (nothing stored, no {@code sid}), has no refresh token, {@code amr: ["api_key"]} and USSO {@code scopes} narrowed
 * to the key's ({@link UssoSessionNotes#SCOPES_LIMIT}); no authentication session is created for it. Failures
 * answer {@code invalid_grant} (400) whatever the reason; a reached failure limit answers 429
 * {@code too_many_requests}.
 */
public final class ApiKeyGrantType extends OAuth2GrantTypeBase {

    /** Form parameter carrying the key. */
    public static final String PARAM_API_KEY = "api_key";
    /** Longest {@value #PARAM_API_KEY} value looked at. */
    public static final int MAX_KEY_LENGTH = 512;

    @Override
    public Response process(Context context) {
        setContext(context);
        event.detail(Details.AUTH_METHOD, UssoAmr.API_KEY).detail(Details.CREDENTIAL_TYPE, ApiKeyEvents.CREDENTIAL_TYPE);

        if (client.isPublicClient()) {
            throw fail(Errors.INVALID_CLIENT, OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "Public clients may not exchange API keys", Response.Status.BAD_REQUEST);
        }
        if (!ApiKeyGrantClients.allowed(client)) {
            throw fail(Errors.NOT_ALLOWED, OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "This client is not allowed to use the API-key grant (client scope "
                            + ApiKeyGrantClients.CLIENT_SCOPE + ")", Response.Status.BAD_REQUEST);
        }
        ApiKeyRuntime runtime = ApiKeyRuntime.of(session);
        ApiKeyConfig config = runtime.configs().config(realm);
        if (!config.enabled()) {
            throw fail(Errors.INVALID_REQUEST, OAuthErrorException.UNSUPPORTED_GRANT_TYPE,
                    "API keys are not enabled in this realm", Response.Status.BAD_REQUEST);
        }
        if (runtime.hasher() == null) {
            throw fail(Errors.INVALID_REQUEST, "temporarily_unavailable", ApiKeyJson.NO_PEPPER_DESCRIPTION,
                    Response.Status.SERVICE_UNAVAILABLE);
        }
        String presented = formParams.getFirst(PARAM_API_KEY);
        if (presented == null || presented.isBlank()) {
            throw fail(Errors.INVALID_REQUEST, OAuthErrorException.INVALID_REQUEST,
                    "Missing parameter: " + PARAM_API_KEY, Response.Status.BAD_REQUEST);
        }
        if (presented.length() > MAX_KEY_LENGTH) {
            throw fail(Errors.INVALID_REQUEST, OAuthErrorException.INVALID_REQUEST,
                    "Parameter " + PARAM_API_KEY + " is too long", Response.Status.BAD_REQUEST);
        }

        ApiKeyVerifier.Outcome outcome = new ApiKeyVerifier(session, realm, runtime)
                .verify(presented, ClientAddress.of(session), config);
        if (outcome instanceof ApiKeyVerifier.Limited limited) {
            event.detail(ApiKeyEvents.DETAIL_REASON, ApiKeyEvents.REASON_RATE_LIMITED)
                    .detail(ApiKeyEvents.DETAIL_RATE_LIMIT, limited.limit().dimension().id());
            event.error(ApiKeyJson.TOO_MANY_REQUESTS);
            throw new CorsErrorResponseException(cors, ApiKeyJson.TOO_MANY_REQUESTS,
                    ApiKeyJson.TOO_MANY_REQUESTS_DESCRIPTION, Response.Status.TOO_MANY_REQUESTS);
        }
        if (outcome instanceof ApiKeyVerifier.Rejected rejected) {
            ApiKeyEvents.rejectionDetails(event, rejected.reason().detail(), rejected.key(), rejected.owner());
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw new CorsErrorResponseException(cors, OAuthErrorException.INVALID_GRANT,
                    ApiKeyJson.INVALID_API_KEY_DESCRIPTION, Response.Status.BAD_REQUEST);
        }
        ApiKeyVerifier.Verified verified = (ApiKeyVerifier.Verified) outcome;
        return issueToken(verified);
    }

    private Response issueToken(ApiKeyVerifier.Verified verified) {
        UserModel owner = verified.owner();
        event.user(owner).detail(Details.USERNAME, owner.getUsername())
                .detail(ApiKeyEvents.DETAIL_KEY_ID, verified.key().id());
        String scope = getRequestedScopes();

        // Unlike client_credentials, no authentication session: Keycloak would create one in its (in a cluster,
        // distributed) cache only to copy two notes from it and remove it again. The client session gets what
        // attaching that session would have given it: protocol, issuer, scope and "no level of authentication".
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(
                KeycloakModelUtils.generateId(), realm, owner, owner.getUsername(), clientConnection.getRemoteHost(),
                UssoAmr.API_KEY, false, null, null, UserSessionModel.SessionPersistenceState.TRANSIENT);
        userSession.setNote(UssoSessionNotes.AMR, UssoAmr.API_KEY);
        // the key's stored scopes as the session's limit: the scopes mapper narrows what the owner holds now to
        // them, which is exactly the verifier's effective scopes, without working the owner's roles out twice
        userSession.setNote(UssoSessionNotes.SCOPES_LIMIT,
                String.join(" ", UssoScopes.toStrings(verified.key().parsedScopes())));
        event.session(userSession);

        ClientSessionContext clientSessionCtx = GrantSessions.clientSessionContext(session, realm, client, userSession,
                scope, context.getGrantType());
        updateUserSessionFromClientAuth(userSession);
        return createTokenResponse(owner, userSession, clientSessionCtx, scope, true, null);
    }

    private CorsErrorResponseException fail(String eventError, String error, String description,
            Response.Status status) {
        event.detail(Details.REASON, description);
        event.error(eventError);
        return new CorsErrorResponseException(cors, error, description, status);
    }

    @Override
    protected boolean useRefreshToken() {
        return false;
    }

    @Override
    public EventType getEventType() {
        return EventType.LOGIN;
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return Set.of(PARAM_API_KEY);
    }

    @Override
    public void close() {
    }
}
