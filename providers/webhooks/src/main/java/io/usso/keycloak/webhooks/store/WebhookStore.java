package io.usso.keycloak.webhooks.store;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import io.usso.keycloak.common.LookupIds;

/**
 * The webhook tables through the session's JPA {@link EntityManager}: whatever is written here commits or rolls back
 * with the session's transaction (the outbox's promise).
 */
public final class WebhookStore {

    /** Delivery status: waiting for its (next) attempt. */
    public static final String PENDING = "PENDING";
    /** Delivery status: a 2xx arrived. */
    public static final String DELIVERED = "DELIVERED";
    /** Delivery status: given up (too old, or refused for good). */
    public static final String DEAD = "DEAD";
    /** Delivery status: not sent, the subscription was inactive or gone. */
    public static final String CANCELLED = "CANCELLED";

    private final EntityManager em;

    /** @param session the session whose transaction the writes join */
    public WebhookStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** @return the entity manager */
    public EntityManager em() {
        return em;
    }

    /**
     * @param realmId the tenant
     * @return its subscriptions, oldest first
     */
    public List<WebhookSubscriptionEntity> list(String realmId) {
        return em.createNamedQuery(WebhookSubscriptionEntity.LIST_FOR_REALM, WebhookSubscriptionEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    /**
     * @param realmId the tenant
     * @return its active subscriptions
     */
    public List<WebhookSubscriptionEntity> active(String realmId) {
        return em.createNamedQuery(WebhookSubscriptionEntity.ACTIVE_FOR_REALM, WebhookSubscriptionEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    /**
     * @param realmId the tenant
     * @return how many subscriptions it has
     */
    public long count(String realmId) {
        return em.createNamedQuery(WebhookSubscriptionEntity.COUNT_FOR_REALM, Long.class)
                .setParameter("realmId", realmId).getSingleResult();
    }

    /**
     * @param realmId the tenant
     * @param id a subscription id from a request
     * @return the tenant's subscription, or null (unknown, malformed, another tenant's)
     */
    public WebhookSubscriptionEntity find(String realmId, String id) {
        if (!LookupIds.plausible(id, 36)) {
            return null;
        }
        WebhookSubscriptionEntity found = em.find(WebhookSubscriptionEntity.class, id);
        return found != null && found.getRealmId().equals(realmId) ? found : null;
    }

    /**
     * @param subscription the subscription
     * @param id a delivery id from a request
     * @return the subscription's delivery, or null
     */
    public WebhookDeliveryEntity findDelivery(WebhookSubscriptionEntity subscription, String id) {
        if (!LookupIds.plausible(id, 40)) {
            return null;
        }
        WebhookDeliveryEntity found = em.find(WebhookDeliveryEntity.class, id);
        return found != null && found.getSubscriptionId().equals(subscription.getId()) ? found : null;
    }

    /**
     * @param subscriptionId the subscription
     * @param first offset
     * @param max page size
     * @return its deliveries, newest first
     */
    public List<WebhookDeliveryEntity> deliveries(String subscriptionId, int first, int max) {
        return em.createNamedQuery(WebhookDeliveryEntity.LIST_FOR_SUBSCRIPTION, WebhookDeliveryEntity.class)
                .setParameter("subscriptionId", subscriptionId).setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    /**
     * @param deliveryId the delivery
     * @return its attempts, oldest first
     */
    public List<WebhookAttemptEntity> attempts(String deliveryId) {
        return em.createNamedQuery(WebhookAttemptEntity.LIST_FOR_DELIVERY, WebhookAttemptEntity.class)
                .setParameter("deliveryId", deliveryId).getResultList();
    }

    /** @param subscription the subscription to remove, with its deliveries and attempts */
    public void delete(WebhookSubscriptionEntity subscription) {
        em.createNamedQuery(WebhookAttemptEntity.DELETE_FOR_SUBSCRIPTION)
                .setParameter("subscriptionId", subscription.getId()).executeUpdate();
        em.createNamedQuery(WebhookDeliveryEntity.DELETE_FOR_SUBSCRIPTION)
                .setParameter("subscriptionId", subscription.getId()).executeUpdate();
        em.remove(subscription);
    }

    /** @param realmId a removed tenant: its subscriptions, deliveries and attempts go */
    public void deleteRealm(String realmId) {
        em.createNamedQuery(WebhookAttemptEntity.DELETE_FOR_REALM).setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery(WebhookDeliveryEntity.DELETE_FOR_REALM).setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery(WebhookSubscriptionEntity.DELETE_FOR_REALM).setParameter("realmId", realmId)
                .executeUpdate();
    }

    /**
     * @param now epoch milliseconds
     * @param max most ids
     * @return ids of due rows no node holds
     */
    public List<String> due(long now, int max) {
        return em.createNamedQuery(WebhookDeliveryEntity.DUE, String.class).setParameter("now", now)
                .setMaxResults(max).getResultList();
    }

    /**
     * The optimistic claim: one conditional update; on two nodes only one sees a row changed.
     *
     * @param id the delivery
     * @param node this node
     * @param now epoch milliseconds
     * @param until the claim's end, epoch milliseconds
     * @return whether this node now holds the row
     */
    public boolean claim(String id, String node, long now, long until) {
        return em.createNamedQuery(WebhookDeliveryEntity.CLAIM).setParameter("id", id).setParameter("node", node)
                .setParameter("now", now).setParameter("until", until).executeUpdate() == 1;
    }
}
