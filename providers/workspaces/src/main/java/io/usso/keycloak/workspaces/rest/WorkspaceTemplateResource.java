package io.usso.keycloak.workspaces.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.auth.TokenPolicy;
import io.usso.keycloak.common.auth.UssoEndpoints;
import io.usso.keycloak.workspaces.WorkspaceEvents;
import io.usso.keycloak.workspaces.WorkspaceInput;
import io.usso.keycloak.workspaces.WorkspaceInputException;
import io.usso.keycloak.workspaces.WorkspaceTemplate;
import io.usso.keycloak.workspaces.WorkspaceTemplateInput;
import io.usso.keycloak.workspaces.WorkspaceTemplates;
import io.usso.keycloak.workspaces.Workspaces;

/**
 * {@code /realms/{realm}/workspace-templates}: the tenant's workspace templates. Every signed-in user of the tenant
 * reads them ({@link UssoEndpoints#WORKSPACES_READ}: they pick one when creating a workspace); tenant admins (the
 * module's tenant-admin role {@code realm-management} {@value Workspaces#TENANT_ADMIN_ROLE}, who already manage
 * every workspace's roles) create, replace and delete them ({@link UssoEndpoints#WORKSPACES_MANAGE}). A template's
 * scopes pass the scope catalog rule when it is saved, and again when a workspace is created from it (the catalog may
 * have changed). Changes are admin events (resource type {@value WorkspaceEvents#TEMPLATE_RESOURCE}).
 */
public final class WorkspaceTemplateResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    /** @param session the request's session */
    public WorkspaceTemplateResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The authorised caller of one request. */
    private record Caller(AuthResult auth, Workspaces workspaces, WorkspaceTemplates templates) {

        void requireTenantAdmin() {
            if (!workspaces.tenantAdmin(auth.user())) {
                throw new WorkspaceInputException(403, "access_denied",
                        "Only tenant admins (realm-management " + Workspaces.TENANT_ADMIN_ROLE
                                + ") manage workspace templates");
            }
        }

        WorkspaceEvents events(KeycloakSession session, RealmModel realm) {
            return new WorkspaceEvents(session, realm, auth.token(), auth.user(), auth.client());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            List<Map<String, Object>> items = new ArrayList<>();
            c.templates().list().forEach(t -> items.add(t.toJson(true)));
            return JsonReply.json(200, items);
        });
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("name") String name) {
        return run(UssoEndpoints.WORKSPACES_READ, c -> {
            WorkspaceTemplate template = c.templates().find(WorkspaceInput.templateName(name));
            if (template == null) {
                throw new WorkspaceInputException(404, "not_found", "No such workspace template");
            }
            return JsonReply.json(200, template.toJson(true));
        });
    }

    @PUT
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, InputStream body) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            c.requireTenantAdmin();
            WorkspaceTemplate template = WorkspaceTemplateInput.template(name, JsonBody.read(session, body, false));
            c.workspaces().requireCatalogued(template.allScopes());
            boolean created = c.templates().save(template);
            c.events(session, realm).template(WorkspaceEvents.TEMPLATE_SAVED,
                    created ? OperationType.CREATE : OperationType.UPDATE, template.name());
            return JsonReply.json(created ? 201 : 200, template.toJson(true));
        });
    }

    @DELETE
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("name") String name) {
        return run(UssoEndpoints.WORKSPACES_MANAGE, c -> {
            c.requireTenantAdmin();
            String checked = WorkspaceInput.templateName(name);
            c.templates().delete(checked);
            c.events(session, realm).template(WorkspaceEvents.TEMPLATE_DELETED, OperationType.DELETE, checked);
            return null;
        });
    }

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
        try {
            JsonReply reply = work.apply(new Caller(authorization.auth(), workspaces, new WorkspaceTemplates(realm)));
            return reply == null ? Response.noContent().header("Cache-Control", "no-store").build()
                    : reply.toResponse();
        } catch (WorkspaceInputException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(e.status(), e.error(), e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(400, WorkspaceInputException.INVALID_REQUEST, e.getMessage()).toResponse();
        }
    }
}
