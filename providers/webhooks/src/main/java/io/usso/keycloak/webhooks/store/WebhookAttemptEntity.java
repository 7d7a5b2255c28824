package io.usso.keycloak.webhooks.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One delivery attempt (table {@code USSO_WEBHOOK_ATTEMPT}): when, the answer's status or the error, the latency. */
@Entity
@Table(name = "USSO_WEBHOOK_ATTEMPT")
@NamedQueries({
    @NamedQuery(name = WebhookAttemptEntity.LIST_FOR_DELIVERY,
            query = "select a from WebhookAttemptEntity a where a.deliveryId = :deliveryId order by a.attemptedAt"),
    @NamedQuery(name = WebhookAttemptEntity.DELETE_FOR_SUBSCRIPTION,
            query = "delete from WebhookAttemptEntity a where a.subscriptionId = :subscriptionId"),
    @NamedQuery(name = WebhookAttemptEntity.DELETE_FOR_REALM,
            query = "delete from WebhookAttemptEntity a where a.realmId = :realmId")
})
public class WebhookAttemptEntity {

    /** Named query: the attempts of one delivery ({@code deliveryId}), oldest first. */
    public static final String LIST_FOR_DELIVERY = "UssoWebhookAttempt.listForDelivery";
    /** Named delete: a subscription's attempts. */
    public static final String DELETE_FOR_SUBSCRIPTION = "UssoWebhookAttempt.deleteForSubscription";
    /** Named delete: a realm's attempts. */
    public static final String DELETE_FOR_REALM = "UssoWebhookAttempt.deleteForRealm";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SUBSCRIPTION_ID", length = 36, nullable = false)
    private String subscriptionId;

    @Column(name = "DELIVERY_ID", length = 40, nullable = false)
    private String deliveryId;

    @Column(name = "ATTEMPTED_AT", nullable = false)
    private long attemptedAt;

    @Column(name = "HTTP_STATUS")
    private Integer httpStatus;

    @Column(name = "ERROR", length = 64)
    private String error;

    @Column(name = "LATENCY_MS", nullable = false)
    private long latencyMs;

    @Column(name = "NODE", length = 64)
    private String node;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getSubscriptionId() {
        return subscriptionId;
    }

    public void setSubscriptionId(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    public String getDeliveryId() {
        return deliveryId;
    }

    public void setDeliveryId(String deliveryId) {
        this.deliveryId = deliveryId;
    }

    public long getAttemptedAt() {
        return attemptedAt;
    }

    public void setAttemptedAt(long attemptedAt) {
        this.attemptedAt = attemptedAt;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public void setHttpStatus(Integer httpStatus) {
        this.httpStatus = httpStatus;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public long getLatencyMs() {
        return latencyMs;
    }

    public void setLatencyMs(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }
}
