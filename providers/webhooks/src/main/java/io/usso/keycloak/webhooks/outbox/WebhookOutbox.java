package io.usso.keycloak.webhooks.outbox;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.usso.keycloak.webhooks.WebhookEventTypes;
import io.usso.keycloak.webhooks.store.WebhookDeliveryEntity;
import io.usso.keycloak.webhooks.store.WebhookStore;
import io.usso.keycloak.webhooks.store.WebhookSubscriptionEntity;

/**
 * Writes one outbox row per (event, subscription that wants it) with the session's entity manager, so that the rows
 * commit or roll back with the change that caused the event.
 */
final class WebhookOutbox {

    private final KeycloakSession session;

    WebhookOutbox(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @param realm the event's realm
     * @param eventId the event's id
     * @param type the delivery type
     * @param wants which subscriptions (by their parsed types) want it
     * @param payload builds the body (only when some subscription wants it)
     * @return rows written
     */
    int write(RealmModel realm, String eventId, String type, Predicate<java.util.Set<String>> wants,
            Supplier<String> payload) {
        WebhookStore store = new WebhookStore(session);
        List<WebhookSubscriptionEntity> targets = store.active(realm.getId()).stream()
                .filter(s -> wants.test(WebhookEventTypes.parse(s.getEventTypes()))).toList();
        if (targets.isEmpty()) {
            return 0;
        }
        String body = payload.get();
        long now = System.currentTimeMillis();
        for (WebhookSubscriptionEntity target : targets) {
            WebhookDeliveryEntity row = new WebhookDeliveryEntity();
            row.setId(newMessageId());
            row.setRealmId(realm.getId());
            row.setSubscriptionId(target.getId());
            row.setEventId(eventId == null ? null : eventId.substring(0, Math.min(64, eventId.length())));
            row.setEventType(type.length() > 128 ? type.substring(0, 128) : type);
            row.setPayload(body);
            row.setStatus(WebhookStore.PENDING);
            row.setAttempts(0);
            row.setCreatedAt(now);
            row.setNextAttemptAt(now);
            store.em().persist(row);
        }
        return targets.size();
    }

    /** @return {@code msg_} + 32 hex digits: the {@code webhook-id} */
    static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
