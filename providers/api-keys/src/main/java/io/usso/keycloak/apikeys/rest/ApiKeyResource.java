package io.usso.keycloak.apikeys.rest;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyExpiry;
import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.ApiKeyParseResult;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.ApiKeyScopes;
import io.usso.keycloak.apikeys.ApiKeyVerifyAccess;
import io.usso.keycloak.apikeys.FailureCounter;
import io.usso.keycloak.apikeys.GeneratedApiKey;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.apikeys.store.ApiKeyStore;
import io.usso.keycloak.common.RoleScopes;
import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoRoles;
import io.usso.keycloak.common.UssoScopes;

/**
 * {@code /realms/{realm}/api-keys}: create, list, rotate and revoke one's own keys (bearer token of this realm), and
 * verify a key (USSO-compatible). Order of checks on every endpoint: tenant disabled (404), no pepper (503),
 * caller (401/403), body (400), then the work. Verify then parses the key offline and checks the failure limits
 * ({@link FailureCounter}: 429 with {@code Retry-After}) before any hashing or database look-up; only its 401
 * answers are counted. Never logs or returns a key's hash, and returns the key only once.
 */
public final class ApiKeyResource {

    /** {@code credential_type} of events. */
    public static final String CREDENTIAL_TYPE = "usso-api-key";
    /** Event detail: key id. */
    public static final String DETAIL_KEY_ID = "api_key_id";
    /** Event detail: display prefix. */
    public static final String DETAIL_DISPLAY_PREFIX = "display_prefix";
    /** Event detail of a rotation: the id of the key the new one replaces. */
    public static final String DETAIL_ROTATED_FROM = "rotated_from";
    /** Event detail: why a verification failed. */
    public static final String DETAIL_REASON = "reason";
    /** Event detail of a rate-limited verification: the limit reached, {@code ip} or {@code key}. */
    public static final String DETAIL_RATE_LIMIT = "rate_limit";
    /** {@value #DETAIL_REASON} of a rate-limited verification. */
    public static final String REASON_RATE_LIMITED = "rate_limited";

    private static final Logger LOG = Logger.getLogger(ApiKeyResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeyHasher hasher;
    private final ApiKeyFormat format;

    /**
     * @param session the request's session
     * @param hasher the hasher, null when the server has no valid pepper
     * @param format the shared key generator
     */
    public ApiKeyResource(KeycloakSession session, ApiKeyHasher hasher, ApiKeyFormat format) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.hasher = hasher;
        this.format = format;
    }

    /** Why a verification failed; reported only in events. */
    public enum FailureReason {
        MALFORMED("malformed"), WRONG_PREFIX("wrong_prefix"), UNKNOWN("unknown"), REVOKED("revoked"),
        EXPIRED("expired"), OWNER_DISABLED("owner_disabled");

        private final String detail;

        FailureReason(String detail) {
            this.detail = detail;
        }

        /** @return the event detail value */
        public String detail() {
            return detail;
        }
    }

    // ---------------------------------------------------------------- create

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        Caller caller = signedInCaller();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        ApiKeyConfig config = caller.config();
        AuthResult auth = caller.auth();
        UserModel owner = auth.getUser();
        ApiKeyRequests.CreateRequest request;
        List<UssoScope> granted;
        ApiKeyExpiry expiry;
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        try {
            request = ApiKeyRequests.parseCreate(ApiKeyRequests.readBody(body));
            granted = ApiKeyScopes.grantable(RoleScopes.heldBy(owner), request.scopes()).requireComplete();
            expiry = ApiKeyExpiry.forNewKey(now,
                    request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays()), config);
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }

        Issued issued = issue(new ApiKeyStore(session), config, owner, request.name(), granted, now, expiry);
        credentialEvent(EventType.UPDATE_CREDENTIAL, auth, issued.entity());
        return ApiKeyJson.json(201, ApiKeyJson.created(issued.entity(), issued.key())).toResponse();
    }

    /** A key just stored: its row and the key itself (shown once). */
    private record Issued(ApiKeyEntity entity, String key) {
    }

    /** Generates, hashes and stores a new key of {@code owner}. */
    private Issued issue(ApiKeyStore store, ApiKeyConfig config, UserModel owner, String name,
            List<UssoScope> scopes, Instant now, ApiKeyExpiry expiry) {
        GeneratedApiKey key = format.generate(config.prefix());
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setUserId(owner.getId());
        entity.setName(name);
        entity.setDisplayPrefix(key.displayPrefix());
        entity.setKeyHash(hasher.hash(key.key()));
        entity.setScopes(String.join(" ", UssoScopes.toStrings(scopes)));
        entity.setCreatedAt(now.toEpochMilli());
        entity.setExpiresAt(expiry.expiresAt().map(Instant::toEpochMilli).orElse(null));
        entity.setUsageCount(0);
        store.create(entity);
        return new Issued(entity, key.key());
    }

    // ---------------------------------------------------------------- rotate

    /**
     * Replaces one of the caller's keys by a new one with the same name and the scopes the caller still holds;
     * the old key keeps working for the requested grace (clamped to the tenant maximum, never beyond its own
     * expiry; none = revoked at once).
     *
     * @param id the old key's id
     * @param body optional {@code {"grace_seconds": n}}
     * @return 201 like create plus {@code replaces} and {@code old_key_expires_at}
     */
    @POST
    @Path("{id}/rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id, InputStream body) {
        Caller caller = signedInCaller();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        ApiKeyConfig config = caller.config();
        AuthResult auth = caller.auth();
        UserModel owner = auth.getUser();
        Long graceSeconds;
        try {
            graceSeconds = ApiKeyRequests.parseRotateGraceSeconds(ApiKeyRequests.readBody(body));
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }

        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        ApiKeyStore store = new ApiKeyStore(session);
        ApiKeyEntity old = store.findByIdForUpdate(realm, id);
        if (old == null || old.isRevoked() || !owner.getId().equals(old.getUserId())
                || ApiKeyExpiry.at(instant(old.getExpiresAt())).isExpired(now)) {
            return ApiKeyJson.error(404, "not_found", "No such API key").toResponse();
        }
        List<UssoScope> scopes;
        try {
            scopes = stillHeld(parseStored(old.getScopes()), RoleScopes.heldBy(owner));
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }

        Issued issued = issue(store, config, owner, old.getName(), scopes, now,
                ApiKeyExpiry.forNewKey(now, null, config));
        Long oldExpiresAt = rotatedOutExpiry(old.getExpiresAt(), now, graceSeconds, config);
        if (oldExpiresAt == null) {
            store.revoke(old, now.toEpochMilli());
        } else {
            store.shortenExpiry(old, oldExpiresAt);
        }
        credentialEvent(EventType.UPDATE_CREDENTIAL, auth, issued.entity(), Map.of(DETAIL_ROTATED_FROM, old.getId()));
        return ApiKeyJson.json(201, ApiKeyJson.rotated(issued.entity(), issued.key(), old.getId(), oldExpiresAt))
                .toResponse();
    }

    /**
     * The scopes a rotated key keeps: the old key's scopes its owner still holds (as at creation, never widened).
     *
     * @param keyScopes the old key's stored scopes
     * @param ownerScopes the owner's current scopes
     * @return the scopes for the new key, never empty
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_SCOPE}) when none remain
     */
    static List<UssoScope> stillHeld(List<UssoScope> keyScopes, List<UssoScope> ownerScopes) {
        List<UssoScope> granted = keyScopes.isEmpty() ? List.of()
                : ApiKeyScopes.grantable(ownerScopes, keyScopes).granted();
        if (granted.isEmpty()) {
            throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                    "The key owner no longer holds any of this key's scopes");
        }
        return granted;
    }

    /**
     * The old key's expiry after a rotation ({@link ApiKeyExpiry#afterRotation}).
     *
     * @param currentExpiresAt the old key's expiry, epoch milliseconds, null for never
     * @param now the rotation time
     * @param graceSeconds the requested grace, null for none
     * @param config the tenant settings
     * @return the new expiry in epoch milliseconds, or null when the old key must be revoked now (no grace left)
     */
    static Long rotatedOutExpiry(Long currentExpiresAt, Instant now, Long graceSeconds, ApiKeyConfig config) {
        ApiKeyExpiry after = ApiKeyExpiry.at(instant(currentExpiresAt)).afterRotation(now, graceSeconds, config);
        return after.isExpired(now) ? null : after.expiresAt().map(Instant::toEpochMilli).orElseThrow();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    // ---------------------------------------------------------------- list

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Caller caller = signedInCaller();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AuthResult auth = caller.auth();
        List<Map<String, Object>> items = new ArrayList<>();
        for (ApiKeyEntity entity : new ApiKeyStore(session).listForUser(realm, auth.getUser().getId())) {
            items.add(ApiKeyJson.listItem(entity));
        }
        return ApiKeyJson.json(200, items).toResponse();
    }

    // ---------------------------------------------------------------- revoke

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id) {
        Caller caller = signedInCaller();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AuthResult auth = caller.auth();
        UserModel owner = auth.getUser();
        ApiKeyStore store = new ApiKeyStore(session);
        ApiKeyEntity entity = store.findById(realm, id);
        if (entity == null || entity.isRevoked() || !owner.getId().equals(entity.getUserId())) {
            return ApiKeyJson.error(404, "not_found", "No such API key").toResponse();
        }
        store.revoke(entity, System.currentTimeMillis());
        credentialEvent(EventType.REMOVE_CREDENTIAL, auth, entity);
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    // ---------------------------------------------------------------- verify

    @POST
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(InputStream body, @HeaderParam("x-api-key") String headerKey) {
        return verifyReply(body, headerKey).toResponse();
    }

    /**
     * The verify endpoint without the JAX-RS runtime (unit-testable): gate, caller, body, offline parse, failure
     * limits (429), then hash look-up and checks.
     *
     * @param body the request body
     * @param headerKey the {@code x-api-key} header
     * @return the answer
     */
    ApiKeyJson.Reply verifyReply(InputStream body, String headerKey) {
        ApiKeyConfig config = ApiKeyConfig.fromRealm(realm);
        ApiKeyJson.Reply gate = gate(config, hasher);
        if (gate != null) {
            return gate;
        }
        if (config.verifyAccess() == ApiKeyVerifyAccess.ROLE && !callerMayVerify()) {
            return ApiKeyJson.error(403, "access_denied", null);
        }
        String presented;
        try {
            presented = ApiKeyRequests.presentedKey(ApiKeyRequests.readBody(body), headerKey);
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage());
        }

        // Offline parse (no hashing, no database) to learn the display prefix, then the failure limits.
        ApiKeyParseResult parsed = ApiKeyFormat.parse(presented, config.prefix());
        String displayPrefix = parsed instanceof ApiKeyParseResult.Valid v ? v.displayPrefix() : null;
        String ip = remoteAddress();
        FailureCounter counter = FailureCounter.forVerify(session.singleUseObjects(), realm.getId(), config);
        FailureCounter.Limited limited = counter.check(ip, displayPrefix, System.currentTimeMillis() / 1000);
        if (limited != null) {
            return rateLimited(limited);
        }
        if (!(parsed instanceof ApiKeyParseResult.Valid valid)) {
            counter.recordFailure(ip, null, System.currentTimeMillis() / 1000);
            return failed(parsed.status() == ApiKeyParseResult.Status.WRONG_PREFIX
                    ? FailureReason.WRONG_PREFIX : FailureReason.MALFORMED, null, null);
        }
        ApiKeyStore store = new ApiKeyStore(session);
        ApiKeyEntity entity = store.findByHash(hasher.hash(valid.key()));
        long now = System.currentTimeMillis();
        UserModel owner = null;
        if (entity != null && realm.getId().equals(entity.getRealmId())) {
            owner = session.users().getUserById(realm, entity.getUserId());
        }
        FailureReason reason = check(entity, realm.getId(), now, owner);
        if (reason != null) {
            counter.recordFailure(ip, displayPrefix, System.currentTimeMillis() / 1000);
            return failed(reason, reason == FailureReason.UNKNOWN ? null : entity, owner);
        }

        Set<RoleModel> roles = RoleScopes.effectiveRoles(owner);
        List<UssoScope> ownerScopes = RoleScopes.heldBy(owner, roles);
        List<UssoScope> effective = ApiKeyScopes.effective(parseStored(entity.getScopes()), ownerScopes);
        store.recordUse(entity.getId(), now, remoteAddress());

        event().event(EventType.INTROSPECT_TOKEN).user(owner)
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(DETAIL_KEY_ID, entity.getId())
                .success();
        return ApiKeyJson.json(200, ApiKeyJson.verified(entity, owner.getId(), owner.getUsername(), realm.getName(),
                UssoRoles.realmRoleNames(roles, realm), UssoScopes.toStrings(effective)));
    }

    /**
     * The verification rules after the hash look-up.
     *
     * @param entity the row found by hash, may be null
     * @param realmId this realm
     * @param nowMillis current time
     * @param owner the owner looked up in this realm, may be null
     * @return why the key does not work, or null when it does
     */
    public static FailureReason check(ApiKeyEntity entity, String realmId, long nowMillis, UserModel owner) {
        if (entity == null || !realmId.equals(entity.getRealmId())) {
            return FailureReason.UNKNOWN;
        }
        if (entity.isRevoked()) {
            return FailureReason.REVOKED;
        }
        if (entity.getExpiresAt() != null && nowMillis >= entity.getExpiresAt()) {
            return FailureReason.EXPIRED;
        }
        if (owner == null || !owner.isEnabled() || !entity.getUserId().equals(owner.getId())) {
            return FailureReason.OWNER_DISABLED;
        }
        return null;
    }

    /**
     * @param config tenant settings
     * @param hasher the hasher, null without pepper
     * @return the response that ends the request before anything else (404 disabled, 503 no pepper), or null
     */
    public static ApiKeyJson.Reply gate(ApiKeyConfig config, ApiKeyHasher hasher) {
        if (!config.enabled()) {
            return ApiKeyJson.disabled();
        }
        if (hasher == null) {
            return ApiKeyJson.notConfigured();
        }
        return null;
    }

    private static List<UssoScope> parseStored(String stored) {
        return UssoScopes.parseAll(ApiKeyJson.splitScopes(stored)).scopes();
    }

    private ApiKeyJson.Reply failed(FailureReason reason, ApiKeyEntity entity, UserModel owner) {
        EventBuilder event = event().event(EventType.INTROSPECT_TOKEN_ERROR)
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(DETAIL_REASON, reason.detail());
        if (entity != null) {
            event.detail(DETAIL_KEY_ID, entity.getId());
            if (owner != null) {
                event.user(owner);
            } else {
                event.user(entity.getUserId());
            }
        }
        event.error(ApiKeyJson.INVALID_API_KEY);
        return ApiKeyJson.invalidApiKey();
    }

    /** 429 with {@code Retry-After}; the event names the limit reached, never the key, the IP or the prefix. */
    private ApiKeyJson.Reply rateLimited(FailureCounter.Limited limited) {
        event().event(EventType.INTROSPECT_TOKEN_ERROR)
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(DETAIL_REASON, REASON_RATE_LIMITED)
                .detail(DETAIL_RATE_LIMIT, limited.dimension().id())
                .error(ApiKeyJson.TOO_MANY_REQUESTS);
        return ApiKeyJson.tooManyRequests().withHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
    }

    /** The caller of a self-service endpoint after the tenant gate: its token, or the answer to refuse it with. */
    private record Caller(ApiKeyConfig config, AuthResult auth, Response refusal) {
    }

    private Caller signedInCaller() {
        ApiKeyConfig config = ApiKeyConfig.fromRealm(realm);
        ApiKeyJson.Reply gate = gate(config, hasher);
        if (gate != null) {
            return new Caller(config, null, gate.toResponse());
        }
        AuthResult auth = authenticate();
        return new Caller(config, auth, auth == null ? invalidToken() : null);
    }

    /** A success event about one key of the signed-in user (never the key itself). */
    private void credentialEvent(EventType type, AuthResult auth, ApiKeyEntity entity) {
        credentialEvent(type, auth, entity, Map.of());
    }

    /** {@link #credentialEvent(EventType, AuthResult, ApiKeyEntity)} with extra details. */
    private void credentialEvent(EventType type, AuthResult auth, ApiKeyEntity entity, Map<String, String> extra) {
        EventBuilder event = event().event(type).user(auth.getUser());
        if (auth.getClient() != null) {
            event.client(auth.getClient());
        }
        event.detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(DETAIL_KEY_ID, entity.getId())
                .detail(DETAIL_DISPLAY_PREFIX, entity.getDisplayPrefix());
        extra.forEach(event::detail);
        event.success();
    }

    private boolean callerMayVerify() {
        AuthResult auth = authenticate();
        if (auth == null || auth.getUser() == null) {
            return false;
        }
        RoleModel role = realm.getRole(ApiKeyVerifyAccess.VERIFY_ROLE);
        return role != null && auth.getUser().hasRole(role);
    }

    private AuthResult authenticate() {
        try {
            return new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        } catch (RuntimeException e) {
            // Malformed Authorization header and the like: treat as no valid token.
            LOG.debugf("API keys: bearer token rejected: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    private static Response invalidToken() {
        return ApiKeyJson.error(401, "invalid_token", "A valid bearer token of this realm is required").toResponse();
    }

    private String remoteAddress() {
        return session.getContext().getConnection() == null ? null
                : session.getContext().getConnection().getRemoteAddr();
    }

    private EventBuilder event() {
        return new EventBuilder(realm, session, session.getContext().getConnection());
    }
}
