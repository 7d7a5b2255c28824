package io.usso.keycloak.apikeys.agents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.models.utils.RepresentationToModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AdminClientRegisterContext;
import org.keycloak.services.clientpolicy.context.AdminClientRegisteredContext;
import org.keycloak.services.clientpolicy.context.AdminClientUnregisterContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdateContext;
import org.keycloak.services.clientpolicy.context.AdminClientUpdatedContext;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.validation.ValidationUtil;

/**
 * The model changes behind the agents endpoint, done the way Keycloak's admin REST API does them: the tenant's
 * client policies are asked before and after (admin register / update / unregister events), the client is
 * created with {@link ClientManager} and validated, and a key change goes through
 * {@link RepresentationToModel#updateClient} so that every node drops the cached client keys. Callers check permissions
 * first. A refusal after the model was changed (the "after" client policy, client validation) marks the
 * transaction rollback-only before it propagates, so nothing of it is committed.
 */
final class AgentRegistrar {

    private final KeycloakSession session;
    private final RealmModel realm;

    AgentRegistrar(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param rep the agent client ({@link AgentClients#representation})
     * @param roles realm roles for its service account, already allowed
     * @param auth the caller
     * @return the new client
     * @throws ClientPolicyException when a client policy refuses it
     * @throws AgentRequestException when Keycloak's client validation refuses it
     */
    ClientModel create(ClientRepresentation rep, List<RoleModel> roles, AdminAuth auth) throws ClientPolicyException {
        session.clientPolicy().triggerOnEvent(new AdminClientRegisterContext(rep, auth));
        try {
            ClientModel client = ClientManager.createClient(session, realm, rep);
            new ClientManager(new RealmManager(session)).enableServiceAccount(client);
            UserModel serviceAccount = session.users().getServiceAccount(client);
            roles.forEach(serviceAccount::grantRole);
            ValidationUtil.validateClient(session, client, true, result -> {
                throw new AgentRequestException("The agent client is not valid: " + result.getAllErrorsAsString());
            });
            session.getContext().setClient(client);
            session.clientPolicy().triggerOnEvent(new AdminClientRegisteredContext(client, auth));
            return client;
        } catch (ClientPolicyException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /**
     * Registers a new public key in place of the old one; the old key stops working when this transaction
     * commits.
     *
     * @param client the agent
     * @param key its new key
     * @param nowSeconds the time of the change
     * @param auth the caller
     * @throws ClientPolicyException when a client policy refuses it
     */
    void replaceKey(ClientModel client, AgentPublicKey key, long nowSeconds, AdminAuth auth)
            throws ClientPolicyException {
        Map<String, String> changes = AgentClients.keyAttributes(key, nowSeconds);
        ClientRepresentation proposed = ModelToRepresentation.toRepresentation(client, session);
        Map<String, String> attributes = proposed.getAttributes() == null ? new HashMap<>()
                : new HashMap<>(proposed.getAttributes());
        attributes.putAll(changes);
        proposed.setAttributes(attributes);
        session.clientPolicy().triggerOnEvent(new AdminClientUpdateContext(proposed, client, auth));
        try {
            ClientRepresentation change = new ClientRepresentation();
            change.setAttributes(changes);
            // sets only the given attributes, then announces the update (every node drops the cached keys)
            RepresentationToModel.updateClient(change, client, session);
            session.clientPolicy().triggerOnEvent(new AdminClientUpdatedContext(proposed, client, auth));
        } catch (ClientPolicyException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /**
     * @param client the agent to delete, with its service account
     * @param auth the caller
     * @throws ClientPolicyException when a client policy refuses it
     */
    void delete(ClientModel client, AdminAuth auth) throws ClientPolicyException {
        session.clientPolicy().triggerOnEvent(new AdminClientUnregisterContext(client, auth));
        new ClientManager(new RealmManager(session)).removeClient(realm, client);
    }

    private void rollback() {
        session.getTransactionManager().setRollbackOnly();
    }
}
