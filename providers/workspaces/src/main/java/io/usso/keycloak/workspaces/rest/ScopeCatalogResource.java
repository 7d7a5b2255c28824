package io.usso.keycloak.workspaces.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.RequestBody;
import io.usso.keycloak.common.auth.UssoEndpoints;
import io.usso.keycloak.workspaces.WorkspaceEvents;
import io.usso.keycloak.workspaces.WorkspaceInput;
import io.usso.keycloak.workspaces.WorkspaceInputException;
import io.usso.keycloak.workspaces.store.ScopeCatalogEntity;
import io.usso.keycloak.workspaces.store.WorkspaceStore;

/**
 * {@code /realms/{realm}/scope-catalog}: USSO's scope management API. A service registers the scopes its API
 * understands ({@code PUT /scope-catalog/{service}} with {@code {"scopes": [...]}}, replacing its previous list);
 * workspace roles may then only carry scopes the catalog allows ({@code ScopeCatalogRule}). The caller's token
 * follows {@link UssoEndpoints#SCOPE_CATALOG} and its user (usually a service account) holds the realm role
 * {@value #ROLE}.
 */
public final class ScopeCatalogResource {

    /** Realm role the caller needs. */
    public static final String ROLE = "manage-scope-catalog";

    private final KeycloakSession session;
    private final RealmModel realm;

    /** @param session the request's session */
    public ScopeCatalogResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Gate gate = caller();
        if (gate.refusal() != null) {
            return gate.refusal();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ScopeCatalogEntity entry : new WorkspaceStore(session, realm.getId()).catalog()) {
            items.add(WorkspaceJson.catalog(entry));
        }
        return JsonReply.json(200, items).toResponse();
    }

    @GET
    @Path("{service}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("service") String service) {
        Gate gate = caller();
        if (gate.refusal() != null) {
            return gate.refusal();
        }
        try {
            ScopeCatalogEntity entry = new WorkspaceStore(session, realm.getId())
                    .catalogEntry(WorkspaceInput.service(service));
            if (entry == null) {
                return JsonReply.error(404, "not_found", "This service has registered no scopes").toResponse();
            }
            return JsonReply.json(200, WorkspaceJson.catalog(entry)).toResponse();
        } catch (WorkspaceInputException e) {
            return JsonReply.error(e.status(), e.error(), e.getMessage()).toResponse();
        }
    }

    @PUT
    @Path("{service}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("service") String service, InputStream body) {
        Gate gate = caller();
        if (gate.refusal() != null) {
            return gate.refusal();
        }
        AuthResult auth = gate.auth();
        try {
            String name = WorkspaceInput.service(service);
            MediaType type = session.getContext().getRequestHeaders() == null ? null
                    : session.getContext().getRequestHeaders().getMediaType();
            if (type != null && !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
                throw WorkspaceInputException.invalid("The body must be application/json");
            }
            List<String> scopes = WorkspaceInput.catalog(RequestBody.object(body, WorkspaceInput.MAX_BODY_BYTES,
                    false));
            ScopeCatalogEntity entry = new WorkspaceStore(session, realm.getId())
                    .saveCatalog(name, String.join(" ", scopes), Time.currentTime());
            new WorkspaceEvents(session, realm, auth.token(), auth.user(), auth.client()).catalogSet(name);
            return JsonReply.json(200, WorkspaceJson.catalog(entry)).toResponse();
        } catch (WorkspaceInputException e) {
            return JsonReply.error(e.status(), e.error(), e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            return JsonReply.error(400, WorkspaceInputException.INVALID_REQUEST, e.getMessage()).toResponse();
        }
    }

    /** The authorised caller, or the answer that refuses it. */
    private record Gate(AuthResult auth, Response refusal) {
    }

    private Gate caller() {
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, UssoEndpoints.SCOPE_CATALOG);
        if (!authorization.ok()) {
            return new Gate(null, authorization.reply().toResponse());
        }
        RoleModel role = realm.getRole(ROLE);
        if (role == null || !authorization.auth().user().hasRole(role)) {
            return new Gate(null, JsonReply.error(403, "access_denied", "The caller needs the realm role " + ROLE)
                    .toResponse());
        }
        return new Gate(authorization.auth(), null);
    }
}
