package io.usso.keycloak.roleexpiry.admin;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.RequestBody;
import io.usso.keycloak.roleexpiry.RoleExpiryInput;
import io.usso.keycloak.roleexpiry.RoleExpiryJson;
import io.usso.keycloak.roleexpiry.RoleExpiryLookup;
import io.usso.keycloak.roleexpiry.RoleExpiryService;
import io.usso.keycloak.roleexpiry.store.RoleExpiryEntity;
import io.usso.keycloak.roleexpiry.store.RoleExpiryStore;

/**
 * {@code /admin/realms/{realm}/usso-role-expiry}: time-limited realm and client role mappings. Listing needs
 * {@code view-users}, granting and revoking {@code manage-users} on the user plus the right to map the role. Every
 * change goes through {@link RoleExpiryService} (also used by the console page). Order of checks: user and permission (404 when the caller may query users, else 403), role (404), body (400).
 */
public final class RoleExpiryAdminResource {

    private static final int MAX_BODY = 4096;
    private static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param auth the caller's admin permissions
     * @param adminEvent the request's admin event builder
     */
    public RoleExpiryAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /**
     * @param first offset
     * @param max page size (default 100, at most {@value #MAX_PAGE})
     * @return 200 with the realm's expiring assignments, soonest first
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response listAll(@QueryParam("first") String first, @QueryParam("max") String max) {
        if (!auth.users().canView()) {
            return error(403, "forbidden", "The caller may not view users (needs view-users)");
        }
        int from;
        int size;
        try {
            from = RoleExpiryInput.paging(first, 0, 0, 100_000_000);
            size = RoleExpiryInput.paging(max, 100, 1, MAX_PAGE);
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request", e.getMessage());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (RoleExpiryEntity entity : store().page(from, size)) {
            items.add(RoleExpiryJson.item(entity, session.users().getUserById(realm, entity.getUserId()),
                    role(entity.getRoleId())));
        }
        return JsonReply.json(200, items).toResponse();
    }

    /**
     * @param userId the user's id
     * @return 200 with the user's expiring assignments, soonest first
     */
    @GET
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response listUser(@PathParam("userId") String userId) {
        Object user = user(userId, false);
        if (user instanceof Response refusal) {
            return refusal;
        }
        UserModel owner = (UserModel) user;
        List<Map<String, Object>> items = new ArrayList<>();
        for (RoleExpiryEntity entity : store().forUser(owner.getId())) {
            items.add(RoleExpiryJson.item(entity, owner, role(entity.getRoleId())));
        }
        return JsonReply.json(200, items).toResponse();
    }

    /**
     * @param userId the user's id
     * @param roleId the realm or client role's id
     * @param body {@code {"expires_at": epochSeconds}} or {@code {"expires_in": seconds}}
     * @return 200 with the assignment (the role mapping added when missing)
     */
    @PUT
    @Path("users/{userId}/roles/{roleId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("userId") String userId, @PathParam("roleId") String roleId, InputStream body) {
        Object user = user(userId, true);
        if (user instanceof Response refusal) {
            return refusal;
        }
        UserModel owner = (UserModel) user;
        RoleModel role = role(roleId);
        if (role == null) {
            return error(404, "not_found", "No such role");
        }
        if (!auth.roles().canMapRole(role)) {
            return error(403, "forbidden", "The caller may not map this role");
        }
        long now = Time.currentTime();
        long expiresAt;
        try {
            JsonNode json = RequestBody.object(body, MAX_BODY, false);
            expiresAt = RoleExpiryInput.expiresAt(json, now);
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request", e.getMessage());
        }
        String grantedBy = auth.adminAuth().getUser() == null ? null : auth.adminAuth().getUser().getId();
        RoleExpiryEntity entity = service().grant(owner, role, expiresAt, grantedBy, adminEvent, null);
        return JsonReply.json(200, RoleExpiryJson.item(entity, owner, role)).toResponse();
    }

    /**
     * @param userId the user's id
     * @param roleId the role's id
     * @param keepRole {@code true}: only the expiry goes, the role stays (permanent); otherwise the role mapping goes
     * @return 204, 404 when the mapping has no expiry
     */
    @DELETE
    @Path("users/{userId}/roles/{roleId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("userId") String userId, @PathParam("roleId") String roleId,
            @QueryParam("keep_role") String keepRole) {
        Object user = user(userId, true);
        if (user instanceof Response refusal) {
            return refusal;
        }
        UserModel owner = (UserModel) user;
        RoleModel role = role(roleId);
        if (role == null) {
            return error(404, "not_found", "No such role");
        }
        if (!auth.roles().canMapRole(role)) {
            return error(403, "forbidden", "The caller may not map this role");
        }
        boolean keep;
        if (keepRole == null || keepRole.isEmpty() || "false".equals(keepRole)) {
            keep = false;
        } else if ("true".equals(keepRole)) {
            keep = true;
        } else {
            return error(400, "invalid_request", "keep_role must be true or false");
        }
        if (!service().revoke(owner, role, keep, adminEvent)) {
            return error(404, "not_found", "This role mapping has no expiry");
        }
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    /** @return the user, or the refusal */
    private Object user(String userId, boolean manage) {
        // by realm: another tenant's user is "not found" here
        UserModel user = RoleExpiryLookup.userById(session, realm, userId);
        if (user == null) {
            return auth.users().canQuery() ? error(404, "not_found", "No such user")
                    : error(403, "forbidden", "The caller may not query users");
        }
        boolean allowed = manage ? auth.users().canManage(user) && auth.users().canMapRoles(user)
                : auth.users().canView(user) || auth.users().canManage(user);
        if (!allowed) {
            return error(403, "forbidden", manage ? "The caller may not manage this user's roles (needs manage-users)"
                    : "The caller may not view this user (needs view-users)");
        }
        return user;
    }

    /** @return the role of this tenant (realm or client role), or null */
    private RoleModel role(String roleId) {
        return RoleExpiryLookup.roleById(session, realm, roleId);
    }

    private RoleExpiryStore store() {
        return new RoleExpiryStore(session, realm.getId());
    }

    private RoleExpiryService service() {
        return new RoleExpiryService(session, realm);
    }

    private static Response error(int status, String error, String description) {
        return JsonReply.error(status, error, description).toResponse();
    }
}
