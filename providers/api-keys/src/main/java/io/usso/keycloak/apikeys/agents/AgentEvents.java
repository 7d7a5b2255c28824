package io.usso.keycloak.apikeys.agents;

import java.util.Map;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keycloak events of the agents endpoint: {@code CLIENT_REGISTER}, {@code CLIENT_UPDATE} (key replaced) and
 * {@code CLIENT_DELETE}, and their {@code _ERROR} forms for refused attempts, with the caller as user and details
 * {@value #DETAIL_CLIENT_ID}, {@value #DETAIL_KEY_ID}, {@value #DETAIL_ALGORITHM} and
 * {@value #DETAIL_AUTH_METHOD}={@value #AUTH_METHOD}. Never a private key.
 */
final class AgentEvents {

    /** {@value #DETAIL_AUTH_METHOD} of every agents event. */
    static final String AUTH_METHOD = "usso-agent";
    static final String DETAIL_AUTH_METHOD = "auth_method";
    static final String DETAIL_CLIENT_ID = "client_id";
    static final String DETAIL_KEY_ID = "key_id";
    static final String DETAIL_ALGORITHM = "algorithm";
    /** Comma-separated realm roles given at creation. */
    static final String DETAIL_ROLES = "roles";
    /** Key id replaced by a key rotation. */
    static final String DETAIL_PREVIOUS_KEY_ID = "previous_key_id";
    /** {@code generated} or {@code provided}. */
    static final String DETAIL_KEY_ORIGIN = "key_origin";
    static final String DETAIL_REASON = "reason";

    private final KeycloakSession session;
    private final RealmModel realm;

    AgentEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param type the event type
     * @param caller who did it
     * @param clientId the agent
     * @param key the agent's (new) key, may be null (deletion)
     * @param extra more details
     */
    void success(EventType type, AgentCaller caller, String clientId, AgentPublicKey key, Map<String, String> extra) {
        EventBuilder event = base(type, caller, clientId);
        if (key != null) {
            event.detail(DETAIL_KEY_ID, key.keyId()).detail(DETAIL_ALGORITHM, key.algorithm().jose());
        }
        extra.forEach(event::detail);
        event.success();
    }

    /**
     * @param type the {@code _ERROR} event type
     * @param caller who tried
     * @param clientId the agent concerned, may be null
     * @param error Keycloak-style error code, e.g. {@code not_allowed}
     * @param reason what was refused, e.g. {@code role_not_mappable}
     */
    void error(EventType type, AgentCaller caller, String clientId, String error, String reason) {
        base(type, caller, clientId).detail(DETAIL_REASON, reason).error(error);
    }

    private EventBuilder base(EventType type, AgentCaller caller, String clientId) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type).user(caller.user()).detail(DETAIL_AUTH_METHOD, AUTH_METHOD);
        if (clientId != null) {
            event.client(clientId).detail(DETAIL_CLIENT_ID, clientId);
        }
        return event;
    }
}
