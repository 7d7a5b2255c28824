package io.usso.keycloak.workspaces.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.auth.TokenPolicy;
import io.usso.keycloak.common.auth.UssoEndpoints;
import io.usso.keycloak.workspaces.WorkspaceAccess.Action;
import io.usso.keycloak.workspaces.WorkspaceEvents;
import io.usso.keycloak.workspaces.WorkspaceInput;
import io.usso.keycloak.workspaces.WorkspaceInputException;
import io.usso.keycloak.workspaces.WorkspaceInvitations;
import io.usso.keycloak.workspaces.WorkspaceRoles;
import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.people.PeopleQuery;
import io.usso.keycloak.workspaces.people.PeopleSearch;
import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;
import io.usso.keycloak.workspaces.store.WorkspaceRoleEntity;

/**
 * {@code /realms/{realm}/workspaces}: self-service workspaces for signed-in users (bearer token with audience
 * {@code usso-api} and scope {@code usso:workspaces}: {@link UssoEndpoints#WORKSPACES_READ} /
 * {@link UssoEndpoints#WORKSPACES_MANAGE}). Order of checks: token (401/403), organizations enabled (404), the
 * workspace and the caller's role in it (404 when the caller may not see it, 403 when they may not do that), body
 * (400), then the work ({@link Workspaces}). Every change is an admin event of the organization
 * ({@link WorkspaceEvents}).
 */
public final class WorkspaceResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    /** @param session the request's session */
    public WorkspaceResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The authorised caller of one request. */
    private record Caller(AuthResult auth, boolean tenantAdmin, Workspaces workspaces, long now) {

        UserModel user() {
            return auth.user();
        }

        WorkspaceEvents events(KeycloakSession session, RealmModel realm) {
            return new WorkspaceEvents(session, realm, auth.token(), auth.user(), auth.client());
        }
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            WorkspaceInput.WorkspaceFields fields = WorkspaceInput.create(json(body, false));
            OrganizationModel org = c.workspaces().create(c.user(), c.tenantAdmin(), fields, c.now());
            c.events(session, realm).created(org.getId(), fields.template());
            return JsonReply.json(201, WorkspaceJson.workspace(org, c.workspaces().rolesOf(org, c.user(), c.now())));
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("all") String all, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            List<Map<String, Object>> items = new ArrayList<>();
            if ("true".equals(all)) {
                if (!c.tenantAdmin()) {
                    throw new WorkspaceInputException(403, "access_denied", "Only tenant admins list all workspaces");
                }
                for (OrganizationModel org : c.workspaces().all(number(first, 0, "first"),
                        Math.min(Workspaces.MAX_PAGE, number(max, Workspaces.MAX_PAGE, "max")))) {
                    items.add(WorkspaceJson.workspace(org, null));
                }
            } else {
                // two queries whatever the number of workspaces: memberships with attributes, then assignments
                List<io.usso.keycloak.workspaces.store.MemberWorkspace> mine = c.workspaces().mineAtOnce(c.user());
                Map<String, Set<String>> roles = c.workspaces().rolesInEachId(c.user(),
                        mine.stream().map(io.usso.keycloak.workspaces.store.MemberWorkspace::id).toList(), c.now());
                for (io.usso.keycloak.workspaces.store.MemberWorkspace ws : mine) {
                    items.add(WorkspaceJson.workspace(ws, roles.get(ws.id())));
                }
            }
            return JsonReply.json(200, items);
        });
    }

    /**
     * People search: users the caller may see (tenant setting {@code usso.workspaces.user-visibility}, see
     * {@link PeopleSearch}).
     *
     * @param q search text, {@value PeopleQuery#MIN_TEXT} to {@value PeopleQuery#MAX_TEXT} characters
     * @param first offset
     * @param max page size (at most {@value PeopleQuery#MAX_PAGE})
     * @return {@code [{"id", "username", "name", "email"}]}
     */
    @GET
    @Path("people")
    @Produces(MediaType.APPLICATION_JSON)
    public Response people(@QueryParam("q") String q, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> JsonReply.json(200,
                new PeopleSearch(session, realm).find(c.user(), PeopleQuery.parse(q, first, max), c.now())));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            OrganizationModel org = require(c, id, Action.READ);
            return JsonReply.json(200, WorkspaceJson.workspace(org, c.workspaces().rolesOf(org, c.user(), c.now())));
        });
    }

    @PUT
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.UPDATE);
            c.workspaces().update(org, WorkspaceInput.update(json(body, false)));
            c.events(session, realm).send(WorkspaceEvents.UPDATED, OperationType.UPDATE, false, org.getId(), null,
                    null);
            return JsonReply.json(200, WorkspaceJson.workspace(org, c.workspaces().rolesOf(org, c.user(), c.now())));
        });
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("id") String id) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.DELETE);
            String orgId = org.getId();
            c.workspaces().delete(org);
            c.events(session, realm).send(WorkspaceEvents.DELETED, OperationType.DELETE, false, orgId, null, null);
            return null;
        });
    }

    // ------------------------------------------------------------------ members

    @GET
    @Path("{id}/members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@PathParam("id") String id, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            OrganizationModel org = require(c, id, Action.READ);
            Map<String, List<WorkspaceMemberRoleEntity>> rows = c.workspaces().assignmentsByMember(org);
            OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
            List<Map<String, Object>> items = new ArrayList<>();
            for (UserModel member : c.workspaces().members(org, number(first, 0, "first"),
                    number(max, Workspaces.MAX_PAGE, "max"))) {
                items.add(WorkspaceJson.member(member, rows.getOrDefault(member.getId(), List.of()), c.now(),
                        orgs.isManagedMember(org, member)));
            }
            return JsonReply.json(200, items);
        });
    }

    @POST
    @Path("{id}/members/invite")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("id") String id, InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_MEMBERS);
            String email = WorkspaceInput.inviteEmail(json(body, false));
            OrganizationInvitationModel invitation = new WorkspaceInvitations(session, realm).invite(org, email,
                    c.user(), c.now());
            c.events(session, realm).send(WorkspaceEvents.INVITED, OperationType.ACTION, true, org.getId(), null,
                    null);
            return JsonReply.json(201, WorkspaceJson.invitation(invitation));
        });
    }

    @DELETE
    @Path("{id}/members/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_MEMBERS);
            UserModel member = c.workspaces().member(org, userId);
            Set<String> theirRoles = c.workspaces().rolesOf(org, member, c.now());
            if (theirRoles != null && theirRoles.contains(WorkspaceRoles.OWNER)) {
                require(c, id, Action.MANAGE_OWNERS);
            }
            c.workspaces().removeMember(org, member, c.now());
            c.events(session, realm).send(WorkspaceEvents.MEMBER_REMOVED, OperationType.DELETE, true, org.getId(),
                    member.getId(), null);
            return null;
        });
    }

    @POST
    @Path("{id}/leave")
    @Produces(MediaType.APPLICATION_JSON)
    public Response leave(@PathParam("id") String id) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = c.workspaces().find(id);
            if (org == null || c.workspaces().rolesOf(org, c.user(), c.now()) == null) {
                throw new WorkspaceInputException(404, "not_found", "You are not a member of such a workspace");
            }
            c.workspaces().removeMember(org, c.user(), c.now());
            c.events(session, realm).send(WorkspaceEvents.MEMBER_LEFT, OperationType.DELETE, true, org.getId(),
                    c.user().getId(), null);
            return null;
        });
    }

    // ------------------------------------------------------------------ roles

    @GET
    @Path("{id}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public Response roles(@PathParam("id") String id) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            OrganizationModel org = require(c, id, Action.READ);
            List<Map<String, Object>> items = new ArrayList<>();
            c.workspaces().roles(org).forEach((name, row) -> items.add(WorkspaceJson.role(name, row)));
            return JsonReply.json(200, items);
        });
    }

    @POST
    @Path("{id}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public Response createRole(@PathParam("id") String id, InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_ROLES);
            WorkspaceRoleEntity row = c.workspaces().saveRole(org, WorkspaceInput.role(json(body, false)), true,
                    c.now());
            c.events(session, realm).send(WorkspaceEvents.ROLE_SAVED, OperationType.CREATE, false, org.getId(), null,
                    row.getName());
            return JsonReply.json(201, WorkspaceJson.role(row.getName(), row));
        });
    }

    @PUT
    @Path("{id}/roles/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateRole(@PathParam("id") String id, @PathParam("name") String name, InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_ROLES);
            String roleName = WorkspaceInput.roleName(name);
            if (WorkspaceRoles.OWNER.equals(roleName)) {
                require(c, id, Action.MANAGE_OWNERS);
            }
            WorkspaceRoleEntity row = c.workspaces().saveRole(org,
                    WorkspaceInput.roleUpdate(roleName, json(body, false)), false, c.now());
            c.events(session, realm).send(WorkspaceEvents.ROLE_SAVED, OperationType.UPDATE, false, org.getId(), null,
                    row.getName());
            return JsonReply.json(200, WorkspaceJson.role(row.getName(), row));
        });
    }

    @DELETE
    @Path("{id}/roles/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteRole(@PathParam("id") String id, @PathParam("name") String name) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_ROLES);
            String roleName = WorkspaceInput.roleName(name);
            c.workspaces().deleteRole(org, roleName);
            c.events(session, realm).send(WorkspaceEvents.ROLE_DELETED, OperationType.DELETE, false, org.getId(),
                    null, roleName);
            return null;
        });
    }

    @PUT
    @Path("{id}/members/{userId}/roles/{role}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("id") String id, @PathParam("userId") String userId,
            @PathParam("role") String role, InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_MEMBERS);
            String roleName = WorkspaceInput.roleName(role);
            if (WorkspaceRoles.OWNER.equals(roleName)) {
                require(c, id, Action.MANAGE_OWNERS);
            }
            UserModel member = c.workspaces().member(org, userId);
            Long expiresAt = WorkspaceInput.expiry(json(body, true), c.now());
            WorkspaceMemberRoleEntity row = c.workspaces().assign(org, member, roleName, expiresAt, c.user(),
                    c.now());
            c.events(session, realm).send(WorkspaceEvents.ROLE_GRANTED, OperationType.UPDATE, true, org.getId(),
                    member.getId(), roleName);
            return JsonReply.json(200, WorkspaceJson.assignment(row, c.now()));
        });
    }

    @DELETE
    @Path("{id}/members/{userId}/roles/{role}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unassign(@PathParam("id") String id, @PathParam("userId") String userId,
            @PathParam("role") String role) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_MEMBERS);
            String roleName = WorkspaceInput.roleName(role);
            if (WorkspaceRoles.OWNER.equals(roleName)) {
                require(c, id, Action.MANAGE_OWNERS);
            }
            UserModel member = c.workspaces().member(org, userId);
            c.workspaces().unassign(org, member, roleName, c.now());
            c.events(session, realm).send(WorkspaceEvents.ROLE_REVOKED, OperationType.UPDATE, true, org.getId(),
                    member.getId(), roleName);
            return null;
        });
    }

    /**
     * Which role, assignment and expiry give a member each scope: for the member themselves, workspace admins and
     * tenant admins.
     *
     * @param id the workspace
     * @param userId the member
     * @return {@code {workspace_id, user_id, roles, scopes: [{scope, granted_by}], expired}}
     */
    @GET
    @Path("{id}/members/{userId}/permissions/explain")
    @Produces(MediaType.APPLICATION_JSON)
    public Response explain(@PathParam("id") String id, @PathParam("userId") String userId) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            OrganizationModel org = require(c, id, Action.READ);
            UserModel member = c.workspaces().member(org, userId);
            if (!member.getId().equals(c.user().getId())) {
                require(c, id, Action.MANAGE_MEMBERS);
            }
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("workspace_id", org.getId());
            out.put("user_id", member.getId());
            out.put("roles", new ArrayList<>(c.workspaces().rolesOf(org, member, c.now())));
            out.putAll(c.workspaces().explain(org, member, c.now()));
            return JsonReply.json(200, out);
        });
    }

    /**
     * Member count, members active in the last 7 and 30 days (from login events) and pending invitations: for
     * workspace admins and tenant admins.
     *
     * @param id the workspace
     * @return see {@link Workspaces#analytics}
     */
    @GET
    @Path("{id}/analytics")
    @Produces(MediaType.APPLICATION_JSON)
    public Response analytics(@PathParam("id") String id) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            OrganizationModel org = require(c, id, Action.MANAGE_MEMBERS);
            return JsonReply.json(200, c.workspaces().analytics(org, c.now()));
        });
    }

    // ------------------------------------------------------------------ plumbing

    private OrganizationModel require(Caller c, String id, Action action) {
        return c.workspaces().require(id, c.user(), c.tenantAdmin(), action, c.now());
    }

    /**
     * Authorises the token, checks that the tenant has workspaces, runs the work and turns refusals into JSON.
     *
     * @param policy the endpoint's token policy
     * @param work the work; null result = 204
     * @return the answer
     */
    private Response run(TokenPolicy policy, Function<Caller, JsonReply> work) {
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, policy);
        if (!authorization.ok()) {
            return authorization.reply().toResponse();
        }
        Workspaces workspaces = new Workspaces(session, realm);
        if (!workspaces.enabled()) {
            return JsonReply.error(404, "not_found", "This tenant has no workspaces (organizations are off)")
                    .toResponse();
        }
        AuthResult auth = authorization.auth();
        Caller caller = new Caller(auth, workspaces.tenantAdmin(auth.user()), workspaces,
                Time.currentTime());
        try {
            JsonReply reply = work.apply(caller);
            return reply == null ? Response.noContent().header("Cache-Control", "no-store").build()
                    : reply.toResponse();
        } catch (WorkspaceInputException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(e.status(), e.error(), e.getMessage()).toResponse();
        } catch (ModelDuplicateException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(409, "conflict", "That exists already").toResponse();
        } catch (IllegalArgumentException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(400, WorkspaceInputException.INVALID_REQUEST, e.getMessage()).toResponse();
        }
    }

    private JsonNode json(InputStream body, boolean emptyAllowed) {
        return JsonBody.read(session, body, emptyAllowed);
    }

    private static int number(String raw, int fallback, String name) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < 0) {
                throw WorkspaceInputException.invalid(name + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw WorkspaceInputException.invalid(name + " must be a whole number");
        }
    }
}
