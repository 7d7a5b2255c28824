package io.usso.keycloak.webhooks.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One outbox row (table {@code USSO_WEBHOOK_DELIVERY}): one event for one subscription, written in the transaction of
 * the change that caused it. Its id is the {@code webhook-id} receivers deduplicate on; it stays the same across
 * retries. A worker claims a due row by setting {@code CLAIMED_BY}/{@code CLAIMED_UNTIL} (epoch milliseconds) in one
 * conditional update that only one node can win. Times are epoch milliseconds.
 */
@Entity
@Table(name = "USSO_WEBHOOK_DELIVERY")
@NamedQueries({
    @NamedQuery(name = WebhookDeliveryEntity.DUE,
            query = "select d.id from WebhookDeliveryEntity d where d.status = 'PENDING' and d.nextAttemptAt <= :now"
                    + " and (d.claimedUntil is null or d.claimedUntil < :now) order by d.nextAttemptAt"),
    @NamedQuery(name = WebhookDeliveryEntity.CLAIM,
            query = "update WebhookDeliveryEntity d set d.claimedBy = :node, d.claimedUntil = :until"
                    + " where d.id = :id and d.status = 'PENDING' and d.nextAttemptAt <= :now"
                    + " and (d.claimedUntil is null or d.claimedUntil < :now)"),
    @NamedQuery(name = WebhookDeliveryEntity.LIST_FOR_SUBSCRIPTION,
            query = "select d from WebhookDeliveryEntity d where d.subscriptionId = :subscriptionId"
                    + " order by d.createdAt desc, d.id"),
    @NamedQuery(name = WebhookDeliveryEntity.DELETE_FOR_SUBSCRIPTION,
            query = "delete from WebhookDeliveryEntity d where d.subscriptionId = :subscriptionId"),
    @NamedQuery(name = WebhookDeliveryEntity.DELETE_FOR_REALM,
            query = "delete from WebhookDeliveryEntity d where d.realmId = :realmId")
})
public class WebhookDeliveryEntity {

    /** Named query: ids of due, unclaimed rows ({@code now}). */
    public static final String DUE = "UssoWebhookDelivery.due";
    /** Named update: claim one row ({@code id}, {@code node}, {@code until}, {@code now}); 1 when this node won. */
    public static final String CLAIM = "UssoWebhookDelivery.claim";
    /** Named query: a subscription's deliveries, newest first ({@code subscriptionId}). */
    public static final String LIST_FOR_SUBSCRIPTION = "UssoWebhookDelivery.listForSubscription";
    /** Named delete: a subscription's deliveries. */
    public static final String DELETE_FOR_SUBSCRIPTION = "UssoWebhookDelivery.deleteForSubscription";
    /** Named delete: a realm's deliveries. */
    public static final String DELETE_FOR_REALM = "UssoWebhookDelivery.deleteForRealm";

    @Id
    @Column(name = "ID", length = 40)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SUBSCRIPTION_ID", length = 36, nullable = false)
    private String subscriptionId;

    @Column(name = "EVENT_ID", length = 64)
    private String eventId;

    @Column(name = "EVENT_TYPE", length = 128, nullable = false)
    private String eventType;

    @Column(name = "PAYLOAD", nullable = false)
    private String payload;

    /** {@code PENDING}, {@code DELIVERED}, {@code DEAD} (gave up) or {@code CANCELLED} (subscription inactive). */
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "CLAIMED_BY", length = 64)
    private String claimedBy;

    @Column(name = "CLAIMED_UNTIL")
    private Long claimedUntil;

    @Column(name = "LAST_STATUS")
    private Integer lastStatus;

    @Column(name = "LAST_ERROR", length = 64)
    private String lastError;

    @Column(name = "DONE_AT")
    private Long doneAt;

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

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(long nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    public Long getClaimedUntil() {
        return claimedUntil;
    }

    public void setClaimedUntil(Long claimedUntil) {
        this.claimedUntil = claimedUntil;
    }

    public Integer getLastStatus() {
        return lastStatus;
    }

    public void setLastStatus(Integer lastStatus) {
        this.lastStatus = lastStatus;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public Long getDoneAt() {
        return doneAt;
    }

    public void setDoneAt(Long doneAt) {
        this.doneAt = doneAt;
    }
}
