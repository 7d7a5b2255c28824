package io.usso.keycloak.apikeys.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.ApiKeyVerifyAccess;
import io.usso.keycloak.apikeys.FailureCounter;
import io.usso.keycloak.apikeys.service.ApiKeyEvents;
import io.usso.keycloak.apikeys.service.ApiKeyService;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.apikeys.verify.ApiKeyVerifier;
import io.usso.keycloak.common.UssoRoles;
import io.usso.keycloak.common.UssoScopes;
import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.auth.TokenPolicy;
import io.usso.keycloak.common.auth.TokenScopes;
import io.usso.keycloak.common.auth.UssoEndpoints;
import io.usso.keycloak.common.net.ClientAddress;

/**
 * {@code /realms/{realm}/api-keys}: create, list, rotate and revoke one's own keys (bearer token of this realm), and
 * verify a key (USSO-compatible). Order of checks on every endpoint: tenant disabled (404), no pepper (503),
 * caller (401/403), body (400), then the work ({@link ApiKeyService}, {@link ApiKeyVerifier}). Verify parses the
 * key offline and checks the failure limits (429 with {@code Retry-After}) before any hashing or look-up; only its
 * 401 answers are counted. Never logs or returns a key's hash, and returns the key only once.
 */
public final class ApiKeyResource {

    private static final Logger LOG = Logger.getLogger(ApiKeyResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeyRuntime runtime;
    private final ApiKeyEvents events;

    /**
     * @param session the request's session
     * @param runtime the server's API-key runtime
     */
    public ApiKeyResource(KeycloakSession session, ApiKeyRuntime runtime) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.runtime = runtime;
        this.events = new ApiKeyEvents(session, realm);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        Caller caller = signedInCaller(UssoEndpoints.API_KEYS_CREATE);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        ApiKeyService.Issued issued;
        try {
            issued = service().create(caller.auth().getUser(),
                    ApiKeyRequests.parseCreate(ApiKeyRequests.readBody(body)), caller.config(),
                    TokenScopes.of(caller.auth().token()));
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }
        keyEvent(EventType.UPDATE_CREDENTIAL, caller.auth(), issued.entity(), Map.of());
        return ApiKeyJson.json(201, ApiKeyJson.created(issued.entity(), issued.key())).toResponse();
    }

    /**
     * Replaces one of the caller's keys ({@link ApiKeyService#rotate}).
     *
     * @param id the old key's id
     * @param body optional {@code {"grace_seconds": n}}
     * @return 201 like create plus {@code replaces} and {@code old_key_expires_at}
     */
    @POST
    @Path("{id}/rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id, InputStream body) {
        Caller caller = signedInCaller(UssoEndpoints.API_KEYS_ROTATE);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        ApiKeyService.Rotated rotated;
        try {
            Long graceSeconds = ApiKeyRequests.parseRotateGraceSeconds(ApiKeyRequests.readBody(body));
            rotated = service().rotate(caller.auth().getUser(), id, graceSeconds, caller.config(),
                    TokenScopes.of(caller.auth().token()));
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }
        if (rotated == null) {
            return ApiKeyJson.notFound().toResponse();
        }
        ApiKeyEntity entity = rotated.issued().entity();
        keyEvent(EventType.UPDATE_CREDENTIAL, caller.auth(), entity,
                Map.of(ApiKeyEvents.DETAIL_ROTATED_FROM, rotated.oldId()));
        return ApiKeyJson.json(201, ApiKeyJson.rotated(entity, rotated.issued().key(), rotated.oldId(),
                rotated.oldExpiresAt())).toResponse();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Caller caller = signedInCaller(UssoEndpoints.API_KEYS_LIST);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ApiKeyEntity entity : service().list(caller.auth().getUser().getId())) {
            items.add(ApiKeyJson.listItem(entity));
        }
        return ApiKeyJson.json(200, items).toResponse();
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id) {
        Caller caller = signedInCaller(UssoEndpoints.API_KEYS_REVOKE);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        ApiKeyEntity revoked = service().revoke(caller.auth().getUser().getId(), id);
        if (revoked == null) {
            return ApiKeyJson.notFound().toResponse();
        }
        keyEvent(EventType.REMOVE_CREDENTIAL, caller.auth(), revoked, Map.of());
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    /** @return the signed-in user's key page ({@code /realms/{realm}/api-keys/account}) */
    @Path("account")
    public io.usso.keycloak.apikeys.account.ApiKeyAccountPage account() {
        return new io.usso.keycloak.apikeys.account.ApiKeyAccountPage(session, runtime);
    }

    // ---------------------------------------------------------------- verify

    @POST
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(InputStream body, @HeaderParam("x-api-key") String headerKey) {
        return verifyReply(body, headerKey).toResponse();
    }

    /**
     * The verify endpoint without the JAX-RS runtime (unit-testable).
     *
     * @param body the request body
     * @param headerKey the {@code x-api-key} header
     * @return the answer
     */
    JsonReply verifyReply(InputStream body, String headerKey) {
        ApiKeyConfig config = runtime.configs().config(realm);
        JsonReply gate = gate(config, runtime.hasher());
        if (gate != null) {
            return gate;
        }
        if (config.verifyAccess() == ApiKeyVerifyAccess.ROLE && !callerMayVerify()) {
            return ApiKeyJson.error(403, "access_denied",
                    "The caller needs the realm role " + ApiKeyVerifyAccess.VERIFY_ROLE);
        }
        String presented;
        try {
            presented = ApiKeyRequests.presentedKey(ApiKeyRequests.readBody(body), headerKey);
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage());
        }
        ApiKeyVerifier.Outcome outcome = new ApiKeyVerifier(session, realm, runtime)
                .verify(presented, remoteAddress(), config);
        if (outcome instanceof ApiKeyVerifier.Limited limited) {
            return rateLimited(limited.limit());
        }
        if (outcome instanceof ApiKeyVerifier.Rejected rejected) {
            ApiKeyEvents.rejectionDetails(events.builder().event(EventType.INTROSPECT_TOKEN_ERROR),
                    rejected.reason().detail(), rejected.key(), rejected.owner()).error(ApiKeyJson.INVALID_API_KEY);
            return ApiKeyJson.invalidApiKey();
        }
        ApiKeyVerifier.Verified ok = (ApiKeyVerifier.Verified) outcome;
        events.verified(ok.owner(), ok.key());
        return ApiKeyJson.json(200, ApiKeyJson.verified(ok.key(), ok.owner().getId(), ok.owner().getUsername(),
                realm.getName(), issuer(), UssoRoles.realmRoleNames(ok.roles(), realm), UssoScopes.toStrings(ok.scopes())));
    }

    /** The realm's issuer URL as this request sees it (Keycloak's hostname settings), or null outside a request. */
    private String issuer() {
        if (session.getContext() == null || session.getContext().getUri() == null) {
            return null;
        }
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }

    /**
     * @param config tenant settings
     * @param hasher the hasher, null without pepper
     * @return the response that ends the request before anything else (404 disabled, 503 no pepper), or null
     */
    public static JsonReply gate(ApiKeyConfig config, ApiKeyHasher hasher) {
        if (!config.enabled()) {
            return ApiKeyJson.disabled();
        }
        if (hasher == null) {
            return ApiKeyJson.notConfigured();
        }
        return null;
    }

    /** 429 with {@code Retry-After}; the event names the limit reached, never the key, the IP or the prefix. */
    private JsonReply rateLimited(FailureCounter.Limited limited) {
        events.builder().event(EventType.INTROSPECT_TOKEN_ERROR)
                .detail(org.keycloak.events.Details.CREDENTIAL_TYPE, ApiKeyEvents.CREDENTIAL_TYPE)
                .detail(ApiKeyEvents.DETAIL_REASON, ApiKeyEvents.REASON_RATE_LIMITED)
                .detail(ApiKeyEvents.DETAIL_RATE_LIMIT, limited.dimension().id())
                .error(ApiKeyJson.TOO_MANY_REQUESTS);
        return ApiKeyJson.tooManyRequests().withHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
    }

    /** The caller of a self-service endpoint after the tenant gate: its token, or the answer to refuse it with. */
    private record Caller(ApiKeyConfig config, AuthResult auth, Response refusal) {
    }

    private Caller signedInCaller(TokenPolicy policy) {
        ApiKeyConfig config = runtime.configs().config(realm);
        JsonReply gate = gate(config, runtime.hasher());
        if (gate != null) {
            return new Caller(config, null, gate.toResponse());
        }
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, policy);
        if (!authorization.ok()) {
            return new Caller(config, null, authorization.reply().toResponse());
        }
        return new Caller(config, authorization.auth(), null);
    }

    private ApiKeyService service() {
        return new ApiKeyService(session, realm, runtime);
    }

    private void keyEvent(EventType type, AuthResult auth, ApiKeyEntity entity, Map<String, String> extra) {
        events.keyChanged(type, auth.getUser(), auth.getClient(), entity.getId(), entity.getDisplayPrefix(), extra);
    }

    /**
     * Whether the caller holds {@value ApiKeyVerifyAccess#VERIFY_ROLE}: either a bearer token of this realm whose
     * user (or service account) has the role, or, like RFC 7662 introspection, a confidential client authenticated
     * with Keycloak's client authenticators (HTTP Basic {@code client_id:secret}, or its configured method) whose
     * service account has the role. Client authentication costs no token signature check.
     */
    private boolean callerMayVerify() {
        RoleModel role = realm.getRole(ApiKeyVerifyAccess.VERIFY_ROLE);
        if (role == null) {
            return false;
        }
        String authorization = session.getContext().getRequestHeaders() == null ? null
                : session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return clientMayVerify(role);
        }
        UserModel caller = runtime.verifierCallers().caller(session, realm, bearerToken());
        return caller != null && caller.hasRole(role);
    }

    /** The bearer token of the request, or null (none, empty, or another scheme: Keycloak throws for those). */
    private String bearerToken() {
        if (session.getContext().getRequestHeaders() == null) {
            return null;
        }
        try {
            return AppAuthManager.extractAuthorizationHeaderToken(session.getContext().getRequestHeaders());
        } catch (RuntimeException e) {
            LOG.debugf("API keys: verify caller's Authorization header unreadable: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    private boolean clientMayVerify(RoleModel role) {
        try {
            ClientModel client = AuthorizeClientUtil.authorizeClient(session,
                    events.builder().event(EventType.INTROSPECT_TOKEN), Cors.builder()).getClient();
            UserModel account = client == null ? null : session.users().getServiceAccount(client);
            return account != null && account.isEnabled() && account.hasRole(role);
        } catch (RuntimeException e) {
            // wrong secret, unknown or public client: Keycloak has already recorded the error event
            LOG.debugf("API keys: verifier client rejected: %s", e.getClass().getSimpleName());
            return false;
        }
    }

    private String remoteAddress() {
        return ClientAddress.of(session);
    }
}
