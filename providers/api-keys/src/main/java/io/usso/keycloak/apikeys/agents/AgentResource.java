package io.usso.keycloak.apikeys.agents;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import io.usso.keycloak.common.auth.UssoEndpoints;

/**
 * {@code /realms/{realm}/agents}: create, list, re-key and delete agents (service accounts that authenticate with
 * {@code private_key_jwt}). The caller is a bearer token of this realm; Keycloak's admin permissions decide
 * ({@code manage-clients} to change, {@code view-clients} or {@code manage-clients} to list). Order of checks:
 * token (401), permission (403), body (400), roles the caller may give (403), conflicts (409), then the work.
 * A generated private key appears once, in the 201 answer, and is never stored or logged.
 */

public final class AgentResource {

    /** Default and largest page of the list. */
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AgentKeyGenerator generator;
    private final AgentEvents events;
    private final AgentRegistrar registrar;

    /**
     * @param session the request's session
     * @param generator the shared key generator
     */
    public AgentResource(KeycloakSession session, AgentKeyGenerator generator) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.generator = generator;
        this.events = new AgentEvents(session, realm);
        this.registrar = new AgentRegistrar(session, realm);
    }

    /** {@code POST /agents}: 201 with the credentials file. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        AgentCaller caller = AgentCaller.authenticate(session, realm, UssoEndpoints.AGENTS_MANAGE);
        if (caller.refusal() != null) {
            return caller.refusal().toResponse();
        }
        if (!caller.canManageClients()) {
            events.error(EventType.CLIENT_REGISTER_ERROR, caller, null, "not_allowed", "manage_clients_required");
            return forbidden("Creating agents needs the realm-management role manage-clients");
        }
        AgentRequests.CreateAgent request;
        AgentRoleGrants.Verdict roles;
        try {
            request = AgentRequests.parseCreate(AgentRequests.readBody(body));
            roles = AgentRoleGrants.decide(request.roles(), realm::getRole, caller);
        } catch (AgentRequestException e) {
            return badRequest(e);
        }
        String clientId = AgentClients.clientId(request.name());
        if (!roles.allowed()) {
            events.error(EventType.CLIENT_REGISTER_ERROR, caller, clientId, "not_allowed", "role_not_grantable");
            return forbidden("You may not give the role \"" + roles.denied() + "\": give only roles you hold "
                    + "or may map to users");
        }
        if (realm.getClientByClientId(clientId) != null) {
            events.error(EventType.CLIENT_REGISTER_ERROR, caller, clientId, "client_exists", "client_id_taken");
            return conflict(clientId);
        }
        long now = Time.currentTimeMillis() / 1000L;
        AgentKeyGenerator.Generated generated = request.publicKey() == null ? generator.generate(request.algorithm())
                : null;
        AgentPublicKey key = generated == null ? request.publicKey() : generated.publicKey();
        try {
            registrar.create(AgentClients.representation(request.name(), request.description(), key, now),
                    roles.granted(), caller.adminAuth());
        } catch (ClientPolicyException e) {
            return refusedByPolicy(EventType.CLIENT_REGISTER_ERROR, caller, clientId, e);
        } catch (ModelDuplicateException e) {
            events.error(EventType.CLIENT_REGISTER_ERROR, caller, clientId, "client_exists", "client_id_taken");
            return conflict(clientId);
        } catch (AgentRequestException e) {
            events.error(EventType.CLIENT_REGISTER_ERROR, caller, clientId, "invalid_client", "validation");
            return badRequest(e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put(AgentEvents.DETAIL_ROLES, String.join(",", request.roles()));
        details.put(AgentEvents.DETAIL_KEY_ORIGIN, generated == null ? "provided" : "generated");
        events.success(EventType.CLIENT_REGISTER, caller, clientId, key, details);
        return credentials(clientId, key, generated, now);
    }

    /** {@code GET /agents?first=&max=}: the agents of this realm, nothing secret. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") String first, @QueryParam("max") String max) {
        AgentCaller caller = AgentCaller.authenticate(session, realm, UssoEndpoints.AGENTS_READ);
        if (caller.refusal() != null) {
            return caller.refusal().toResponse();
        }
        if (!caller.canViewClients()) {
            return forbidden("Listing agents needs the realm-management role view-clients or manage-clients");
        }
        int offset;
        int limit;
        try {
            offset = number("first", first, 0, 0, Integer.MAX_VALUE);
            limit = number("max", max, DEFAULT_PAGE, 1, MAX_PAGE);
        } catch (AgentRequestException e) {
            return badRequest(e);
        }
        List<Map<String, Object>> agents = AgentClients.list(realm, offset, limit)
                .map(AgentClients::summary).map(AgentJson::listItem).toList();
        return AgentJson.json(200, agents);
    }

    /** {@code DELETE /agents/{clientId}}: 204; the agent's tokens can no longer be obtained. */
    @DELETE
    @Path("{clientId}")
    public Response delete(@PathParam("clientId") String clientId) {
        AgentCaller caller = AgentCaller.authenticate(session, realm, UssoEndpoints.AGENTS_READ);
        if (caller.refusal() != null) {
            return caller.refusal().toResponse();
        }
        ClientModel client = AgentClients.find(realm, clientId);
        Response refusal = refuseUnmanageable(caller, client, EventType.CLIENT_DELETE_ERROR);
        if (refusal != null) {
            return refusal;
        }
        AgentClients.Summary before = AgentClients.summary(client);
        try {
            registrar.delete(client, caller.adminAuth());
        } catch (ClientPolicyException e) {
            return refusedByPolicy(EventType.CLIENT_DELETE_ERROR, caller, before.clientId(), e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (before.keyId() != null) {
            details.put(AgentEvents.DETAIL_KEY_ID, before.keyId());
        }
        events.success(EventType.CLIENT_DELETE, caller, before.clientId(), null, details);
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    /** {@code POST /agents/{clientId}/keys}: replaces the key; 201 with a new credentials file. */
    @POST
    @Path("{clientId}/keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response replaceKey(@PathParam("clientId") String clientId, InputStream body) {
        AgentCaller caller = AgentCaller.authenticate(session, realm, UssoEndpoints.AGENTS_MANAGE);
        if (caller.refusal() != null) {
            return caller.refusal().toResponse();
        }
        ClientModel client = AgentClients.find(realm, clientId);
        Response refusal = refuseUnmanageable(caller, client, EventType.CLIENT_UPDATE_ERROR);
        if (refusal != null) {
            return refusal;
        }
        AgentClients.Summary before = AgentClients.summary(client);
        AgentAlgorithm current = AgentAlgorithm.fromJose(before.algorithm());
        AgentRequests.ReplaceKey request;
        try {
            request = AgentRequests.parseReplaceKey(AgentRequests.readBody(body),
                    current == null ? AgentAlgorithm.DEFAULT : current);
        } catch (AgentRequestException e) {
            return badRequest(e);
        }
        long now = Time.currentTimeMillis() / 1000L;
        AgentKeyGenerator.Generated generated = request.publicKey() == null ? generator.generate(request.algorithm())
                : null;
        AgentPublicKey key = generated == null ? request.publicKey() : generated.publicKey();
        try {
            registrar.replaceKey(client, key, now, caller.adminAuth());
        } catch (ClientPolicyException e) {
            return refusedByPolicy(EventType.CLIENT_UPDATE_ERROR, caller, before.clientId(), e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (before.keyId() != null) {
            details.put(AgentEvents.DETAIL_PREVIOUS_KEY_ID, before.keyId());
        }
        details.put(AgentEvents.DETAIL_KEY_ORIGIN, generated == null ? "provided" : "generated");
        events.success(EventType.CLIENT_UPDATE, caller, before.clientId(), key, details);
        return credentials(before.clientId(), key, generated, now);
    }

    /**
     * 403 when the caller may not manage this agent (or cannot see clients at all, whether it exists or not),
     * 404 when there is no such agent in this realm, null when the caller may go on.
     */
    private Response refuseUnmanageable(AgentCaller caller, ClientModel client, EventType errorType) {
        if (client != null && caller.canManage(client)) {
            return null;
        }
        boolean seesIt = client != null && caller.canView(client);
        if (seesIt || !caller.canViewClients() && !caller.canManageClients()) {
            events.error(errorType, caller, client == null ? null : client.getClientId(), "not_allowed",
                    "manage_clients_required");
            return forbidden("Changing agents needs the realm-management role manage-clients");
        }
        return AgentJson.error(404, "not_found", "No such agent in this realm");
    }

    private Response credentials(String clientId, AgentPublicKey key, AgentKeyGenerator.Generated generated,
            long now) {
        URI base = session.getContext().getUri().getBaseUri();
        return AgentJson.json(201, AgentJson.credentials(clientId, key,
                generated == null ? null : generated.privateKeyPem(),
                Urls.tokenEndpoint(base, realm.getName()).toString(), Urls.realmIssuer(base, realm.getName()), now));
    }

    private Response refusedByPolicy(EventType errorType, AgentCaller caller, String clientId,
            ClientPolicyException e) {
        events.error(errorType, caller, clientId, e.getError(), "client_policy");
        return AgentJson.error(400, e.getError(), e.getErrorDetail());
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AgentRequestException(name + " must be a whole number from " + min + " to " + max);
    }


    private static Response forbidden(String description) {
        return AgentJson.error(403, "access_denied", description);
    }

    private static Response badRequest(AgentRequestException e) {
        return AgentJson.error(400, AgentRequestException.INVALID_REQUEST, e.getMessage());
    }

    private static Response conflict(String clientId) {
        return AgentJson.error(409, "conflict", "A client \"" + clientId + "\" already exists in this realm");
    }
}
