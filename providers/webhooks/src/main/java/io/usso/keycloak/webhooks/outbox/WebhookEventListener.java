package io.usso.keycloak.webhooks.outbox;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.usso.keycloak.webhooks.WebhookEventTypes;

/**
 * Event listener {@code usso-webhooks}: puts the events some subscription of the tenant wants into the outbox, in the
 * transaction of the request that caused them (a rolled-back registration leaves no row), and nudges the delivery
 * worker after that transaction commits so that the first attempt follows at once.
 */
final class WebhookEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(WebhookEventListener.class);

    private final KeycloakSession session;
    private final Runnable nudge;
    private boolean nudgeEnlisted;

    WebhookEventListener(KeycloakSession session, Runnable nudge) {
        this.session = session;
        this.nudge = nudge;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == null || !WebhookEventTypes.USER_EVENTS.contains(event.getType().name())
                || event.getRealmId() == null) {
            return;
        }
        String type = event.getType().name();
        inTransaction(s -> {
            RealmModel realm = s.realms().getRealm(event.getRealmId());
            if (realm == null) {
                return 0;
            }
            return new WebhookOutbox(s).write(realm, event.getId(), type,
                    wanted -> WebhookEventTypes.wantsUserEvent(wanted, type),
                    () -> WebhookPayload.of(s, realm, event));
        });
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        String resourceType = event.getResourceTypeAsString();
        if (resourceType == null || event.getRealmId() == null) {
            return;
        }
        inTransaction(s -> {
            RealmModel realm = s.realms().getRealm(event.getRealmId());
            if (realm == null) {
                return 0;
            }
            String type = WebhookEventTypes.ADMIN_PREFIX + resourceType + ":"
                    + (event.getOperationType() == null ? "ACTION" : event.getOperationType().name());
            return new WebhookOutbox(s).write(realm, event.getId(), type,
                    wanted -> WebhookEventTypes.wantsAdminEvent(wanted, resourceType),
                    () -> WebhookPayload.of(s, realm, event, includeRepresentation));
        });
    }

    /** The request's transaction when there is one (the normal case), else a transaction of its own. */
    private void inTransaction(java.util.function.ToIntFunction<KeycloakSession> work) {
        if (session.getTransactionManager().isActive()) {
            if (work.applyAsInt(session) > 0) {
                nudgeAfterCommit();
            }
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        int written = KeycloakModelUtils.runJobInTransactionWithResult(factory, work::applyAsInt);
        if (written > 0) {
            nudge.run();
        }
    }

    private void nudgeAfterCommit() {
        if (nudgeEnlisted) {
            return;
        }
        nudgeEnlisted = true;
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                nudge.run();
            }

            @Override
            protected void rollbackImpl() {
                LOG.debug("request rolled back: its webhook deliveries were never written");
            }
        });
    }

    @Override
    public void close() {
    }
}
