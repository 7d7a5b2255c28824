package io.usso.keycloak.apikeys.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One API key row (table {@code USSO_API_KEY}, created by {@code META-INF/usso-api-keys-changelog.xml}). Holds
 * the keyed hash of the key, never the key. Times are epoch milliseconds.
 */
@Entity
@Table(name = "USSO_API_KEY")
@NamedQueries({
    @NamedQuery(name = ApiKeyEntity.FIND_BY_HASH,
            query = "select k from ApiKeyEntity k where k.keyHash = :keyHash"),
    @NamedQuery(name = ApiKeyEntity.LIST_FOR_USER,
            query = "select k from ApiKeyEntity k where k.realmId = :realmId and k.userId = :userId"
                    + " and k.revokedAt is null order by k.createdAt, k.id"),
    @NamedQuery(name = ApiKeyEntity.COUNT_FOR_USER,
            query = "select count(k) from ApiKeyEntity k where k.realmId = :realmId and k.userId = :userId"
                    + " and k.revokedAt is null"),
    @NamedQuery(name = ApiKeyEntity.FIND_BY_ID,
            query = "select k from ApiKeyEntity k where k.realmId = :realmId and k.id = :id"),
    @NamedQuery(name = ApiKeyEntity.RECORD_USE,
            query = "update ApiKeyEntity k set k.usageCount = k.usageCount + :uses, k.lastUsedAt = :now,"
                    + " k.lastUsedIp = :ip where k.id = :id"),
    @NamedQuery(name = ApiKeyEntity.DELETE_FOR_REALM,
            query = "delete from ApiKeyEntity k where k.realmId = :realmId"),
    @NamedQuery(name = ApiKeyEntity.DELETE_FOR_USER,
            query = "delete from ApiKeyEntity k where k.realmId = :realmId and k.userId = :userId")
})
public class ApiKeyEntity {

    /** Named query: the key with a hash ({@code keyHash}). */
    public static final String FIND_BY_HASH = "UssoApiKey.findByHash";
    /** Named query: a user's non-revoked keys ({@code realmId}, {@code userId}), oldest first. */
    public static final String LIST_FOR_USER = "UssoApiKey.listForUser";
    /** Named query: a key by id within a realm ({@code realmId}, {@code id}). */
    public static final String FIND_BY_ID = "UssoApiKey.findById";
    /** Named query: number of an owner's keys that are not revoked. */
    public static final String COUNT_FOR_USER = "UssoApiKey.countForUser";
    /** Named update: count one use ({@code id}, {@code now}, {@code ip}). */
    public static final String RECORD_USE = "UssoApiKey.recordUse";
    /** Named delete: all keys of a realm ({@code realmId}). */
    public static final String DELETE_FOR_REALM = "UssoApiKey.deleteForRealm";
    /** Named delete: all keys of a user ({@code realmId}, {@code userId}). */
    public static final String DELETE_FOR_USER = "UssoApiKey.deleteForUser";

    /** Column sizes, as in the changelog. */
    public static final int ID_LENGTH = 36;
    public static final int NAME_LENGTH = 255;
    public static final int DISPLAY_PREFIX_LENGTH = 32;
    public static final int IP_LENGTH = 64;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "NAME", length = 255)
    private String name;

    @Column(name = "DISPLAY_PREFIX", length = 32)
    private String displayPrefix;

    @Column(name = "KEY_HASH", length = 64, nullable = false, unique = true)
    private String keyHash;

    /** Space-separated canonical USSO scope strings. */
    @Column(name = "SCOPES")
    private String scopes;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "LAST_USED_IP", length = 64)
    private String lastUsedIp;

    @Column(name = "USAGE_COUNT", nullable = false)
    private long usageCount;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    /** Id of the key that replaced this one in a rotation; null until rotated. */
    @Column(name = "REPLACED_BY", length = 36)
    private String replacedBy;

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

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDisplayPrefix() {
        return displayPrefix;
    }

    public void setDisplayPrefix(String displayPrefix) {
        this.displayPrefix = displayPrefix;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public void setKeyHash(String keyHash) {
        this.keyHash = keyHash;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public String getLastUsedIp() {
        return lastUsedIp;
    }

    public void setLastUsedIp(String lastUsedIp) {
        this.lastUsedIp = lastUsedIp;
    }

    public long getUsageCount() {
        return usageCount;
    }

    public void setUsageCount(long usageCount) {
        this.usageCount = usageCount;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }

    /** @return whether the key was revoked */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        // Never the hash.
        return "ApiKeyEntity[" + id + ", " + displayPrefix + "…]";
    }

    /** @return the id of the key that replaced this one, or null */
    public String getReplacedBy() {
        return replacedBy;
    }

    /** @param replacedBy the replacement's id */
    public void setReplacedBy(String replacedBy) {
        this.replacedBy = replacedBy;
    }
}
