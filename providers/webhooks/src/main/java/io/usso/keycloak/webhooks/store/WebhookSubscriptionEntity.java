package io.usso.keycloak.webhooks.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One webhook subscription of one tenant (table {@code USSO_WEBHOOK}). The signing secret is kept as issued
 * ({@code whsec_...}): HMAC needs the secret itself, so it cannot be hashed; the database is protected like the one
 * holding Keycloak's own client secrets, which are stored the same way. A rotation keeps the previous secret until
 * {@code previousSecretUntil} (epoch seconds) so that deliveries carry both signatures. With Ed25519 signing
 * ({@code SIGNING = ed25519}) the secret columns hold {@code whsk_} private keys and {@code PUBLIC_KEY} the published
 * {@code whpk_} key.
 */
@Entity
@Table(name = "USSO_WEBHOOK")
@NamedQueries({
    @NamedQuery(name = WebhookSubscriptionEntity.LIST_FOR_REALM,
            query = "select w from WebhookSubscriptionEntity w where w.realmId = :realmId order by w.createdAt, w.id"),
    @NamedQuery(name = WebhookSubscriptionEntity.ACTIVE_FOR_REALM,
            query = "select w from WebhookSubscriptionEntity w where w.realmId = :realmId and w.active = true"),
    @NamedQuery(name = WebhookSubscriptionEntity.COUNT_FOR_REALM,
            query = "select count(w) from WebhookSubscriptionEntity w where w.realmId = :realmId"),
    @NamedQuery(name = WebhookSubscriptionEntity.DELETE_FOR_REALM,
            query = "delete from WebhookSubscriptionEntity w where w.realmId = :realmId")
})
public class WebhookSubscriptionEntity {

    /** Named query: a realm's subscriptions ({@code realmId}). */
    public static final String LIST_FOR_REALM = "UssoWebhook.listForRealm";
    /** Named query: a realm's active subscriptions ({@code realmId}). */
    public static final String ACTIVE_FOR_REALM = "UssoWebhook.activeForRealm";
    /** Named query: how many subscriptions a realm has ({@code realmId}). */
    public static final String COUNT_FOR_REALM = "UssoWebhook.countForRealm";
    /** Named delete: a realm's subscriptions. */
    public static final String DELETE_FOR_REALM = "UssoWebhook.deleteForRealm";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "URL", length = 2048, nullable = false)
    private String url;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    /** Event types, space-separated. */
    @Column(name = "EVENT_TYPES", length = 2048, nullable = false)
    private String eventTypes;

    @Column(name = "ACTIVE", nullable = false)
    private boolean active;

    @Column(name = "DISABLED_REASON", length = 64)
    private String disabledReason;

    @Column(name = "SECRET", length = 128, nullable = false)
    private String secret;

    /** {@code hmac} or {@code ed25519}. */
    @Column(name = "SIGNING", length = 16, nullable = false)
    private String signing;

    @Column(name = "PUBLIC_KEY", length = 64)
    private String publicKey;

    @Column(name = "PREVIOUS_SECRET", length = 128)
    private String previousSecret;

    @Column(name = "PREVIOUS_SECRET_UNTIL")
    private Long previousSecretUntil;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

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

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public void setDisabledReason(String disabledReason) {
        this.disabledReason = disabledReason;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getSigning() {
        return signing;
    }

    public void setSigning(String signing) {
        this.signing = signing;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public String getPreviousSecret() {
        return previousSecret;
    }

    public void setPreviousSecret(String previousSecret) {
        this.previousSecret = previousSecret;
    }

    public Long getPreviousSecretUntil() {
        return previousSecretUntil;
    }

    public void setPreviousSecretUntil(Long previousSecretUntil) {
        this.previousSecretUntil = previousSecretUntil;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
