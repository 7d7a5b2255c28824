package io.usso.keycloak.webhooks;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Webhook changes as admin events of resource type {@value #RESOURCE} (path {@code webhooks/{id}}), with the detail
 * {@code usso_event} saying what happened. No representation: a secret never reaches the event store.
 */
public final class WebhookAdminEvents {

    /** Admin event resource type. */
    public static final String RESOURCE = "USSO_WEBHOOK";
    /** Event detail: what happened. */
    public static final String USSO_EVENT = "usso_event";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAuth actor;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param auth the caller
     */
    public WebhookAdminEvents(KeycloakSession session, RealmModel realm, AuthResult auth) {
        this.session = session;
        this.realm = realm;
        this.actor = new AdminAuth(realm, auth.token(), auth.user(), auth.client());
    }

    /**
     * @param what e.g. {@code webhook_created}
     * @param operation the operation
     * @param id the subscription
     */
    public void send(String what, OperationType operation, String id) {
        new AdminEventBuilder(realm, actor, session, session.getContext().getConnection())
                .resource(RESOURCE).operation(operation).resourcePath("webhooks", id)
                .detail(USSO_EVENT, what).success();
    }
}
