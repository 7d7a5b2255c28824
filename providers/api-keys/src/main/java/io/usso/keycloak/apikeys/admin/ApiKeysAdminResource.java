package io.usso.keycloak.apikeys.admin;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.LookupIds;
import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.rest.ApiKeyJson;
import io.usso.keycloak.apikeys.rest.ApiKeyRequests;
import io.usso.keycloak.apikeys.rest.ApiKeyResource;
import io.usso.keycloak.apikeys.service.ApiKeyService;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

/**
 * {@code /admin/realms/{realm}/usso-api-keys/users/{userId}}: an administrator lists (view-users), creates, rotates
 * and revokes (manage-users) the API keys of a user or service account of the realm, with the same rules as the
 * self-service endpoints ({@link ApiKeyService}: only scopes the owner holds, tenant lifetime limits). Order of
 * checks: tenant disabled (404), no pepper (503), owner and permission (404/403, {@link AdminAccess}), body (400),
 * key (404), then the work. Every change is an admin event and a user event ({@link ApiKeyAdminEvents}); the key
 * appears only in the 201 answer.
 */
public final class ApiKeysAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final ApiKeyRuntime runtime;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param auth the caller's admin permissions
     * @param adminEvent the request's admin event builder
     * @param runtime the server's API-key runtime
     */
    public ApiKeysAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent, ApiKeyRuntime runtime) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.runtime = runtime;
    }

    /**
     * @param userId the owner's id
     * @return 200 with the owner's keys that are not revoked
     */
    @GET
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("userId") String userId) {
        Target target = target(userId, AdminAccess.Need.VIEW);
        if (target.refusal() != null) {
            return target.refusal();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ApiKeyEntity entity : service().list(target.owner().getId())) {
            items.add(ApiKeyJson.listItem(entity));
        }
        return ApiKeyJson.json(200, items).toResponse();
    }

    /**
     * @param userId the owner's id
     * @param body {@code {"name": ..., "scopes": [...], "expires_in_days": n}} as for self-service
     * @return 201 with the key, shown once
     */
    @POST
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("userId") String userId, InputStream body) {
        Target target = target(userId, AdminAccess.Need.MANAGE);
        if (target.refusal() != null) {
            return target.refusal();
        }
        ApiKeyService.Issued issued;
        try {
            issued = service().create(target.owner(), ApiKeyRequests.parseCreate(ApiKeyRequests.readBody(body)),
                    target.config(), null);
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }
        events().created(target.owner(), issued.entity());
        return ApiKeyJson.json(201, ApiKeyJson.created(issued.entity(), issued.key())).toResponse();
    }

    /**
     * @param userId the owner's id
     * @param keyId the key's id
     * @return 204, or 404 when the owner has no such key
     */
    @DELETE
    @Path("users/{userId}/{keyId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("userId") String userId, @PathParam("keyId") String keyId) {
        Target target = target(userId, AdminAccess.Need.MANAGE);
        if (target.refusal() != null) {
            return target.refusal();
        }
        ApiKeyEntity revoked = service().revoke(target.owner().getId(), keyId);
        if (revoked == null) {
            return ApiKeyJson.notFound().toResponse();
        }
        events().revoked(target.owner(), revoked);
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    /**
     * @param userId the owner's id
     * @param keyId the old key's id
     * @param body optional {@code {"grace_seconds": n}}
     * @return 201 like self-service rotation, or 404 when the owner has no such usable key
     */
    @POST
    @Path("users/{userId}/{keyId}/rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("userId") String userId, @PathParam("keyId") String keyId, InputStream body) {
        Target target = target(userId, AdminAccess.Need.MANAGE);
        if (target.refusal() != null) {
            return target.refusal();
        }
        ApiKeyService.Rotated rotated;
        try {
            Long graceSeconds = ApiKeyRequests.parseRotateGraceSeconds(ApiKeyRequests.readBody(body));
            rotated = service().rotate(target.owner(), keyId, graceSeconds, target.config(), null);
        } catch (ApiKeyRequestException e) {
            return ApiKeyJson.error(400, e.error(), e.getMessage()).toResponse();
        }
        if (rotated == null) {
            return ApiKeyJson.notFound().toResponse();
        }
        ApiKeyEntity entity = rotated.issued().entity();
        events().rotated(target.owner(), entity, rotated.oldId(), rotated.oldExpiresAt());
        return ApiKeyJson.json(201, ApiKeyJson.rotated(entity, rotated.issued().key(), rotated.oldId(),
                rotated.oldExpiresAt())).toResponse();
    }

    /** The owner and the tenant settings after the gates, or the answer that ends the request. */
    private record Target(ApiKeyConfig config, UserModel owner, Response refusal) {
    }

    private Target target(String userId, AdminAccess.Need need) {
        ApiKeyConfig config = runtime.configs().config(realm);
        JsonReply gate = ApiKeyResource.gate(config, runtime.hasher());
        if (gate != null) {
            return new Target(config, null, gate.toResponse());
        }
        // by realm: an id of another tenant's user is "not found" here
        UserModel owner = LookupIds.plausible(userId) ? session.users().getUserById(realm, userId) : null;
        AdminAccess.Decision decision = AdminAccess.decide(need, owner != null, auth.users().canQuery(),
                owner != null && auth.users().canView(owner), owner != null && auth.users().canManage(owner));
        return switch (decision) {
            case ALLOW -> new Target(config, owner, null);
            case NO_SUCH_USER -> new Target(config, null,
                    ApiKeyJson.error(404, "not_found", "No such user").toResponse());
            case FORBIDDEN -> new Target(config, null,
                    ApiKeyJson.error(403, "forbidden", AdminAccess.forbiddenDescription(need)).toResponse());
        };
    }

    private ApiKeyService service() {
        return new ApiKeyService(session, realm, runtime);
    }

    private ApiKeyAdminEvents events() {
        return new ApiKeyAdminEvents(session, realm, auth.adminAuth(), adminEvent);
    }
}
