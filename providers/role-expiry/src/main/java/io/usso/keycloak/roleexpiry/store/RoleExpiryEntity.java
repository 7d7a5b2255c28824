package io.usso.keycloak.roleexpiry.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The expiry of one realm or client role mapping of one user (table {@code USSO_ROLE_EXPIRY}); times are epoch
 * seconds. From {@code expiresAt} on the assignment counts for nothing: the first token request, sign-in or cleanup run
 * that sees it expired deletes mapping and row ({@code RoleExpiryService#expireDue}).
 */
@Entity
@Table(name = "USSO_ROLE_EXPIRY")
@NamedQueries({
    @NamedQuery(name = RoleExpiryEntity.FIND,
            query = "select e from RoleExpiryEntity e where e.realmId = :realmId and e.userId = :userId"
                    + " and e.roleId = :roleId"),
    @NamedQuery(name = RoleExpiryEntity.LIST_FOR_USER,
            query = "select e from RoleExpiryEntity e where e.realmId = :realmId and e.userId = :userId"
                    + " order by e.expiresAt, e.roleId"),
    @NamedQuery(name = RoleExpiryEntity.EXPIRED_FOR_USER,
            query = "select e from RoleExpiryEntity e where e.realmId = :realmId and e.userId = :userId"
                    + " and e.expiresAt <= :now"),
    @NamedQuery(name = RoleExpiryEntity.LIST_FOR_REALM,
            query = "select e from RoleExpiryEntity e where e.realmId = :realmId order by e.expiresAt, e.id"),
    @NamedQuery(name = RoleExpiryEntity.LIST_EXPIRED,
            query = "select e from RoleExpiryEntity e where e.expiresAt <= :now order by e.expiresAt"),
    @NamedQuery(name = RoleExpiryEntity.DELETE_BY_ID,
            query = "delete from RoleExpiryEntity e where e.id = :id"),
    @NamedQuery(name = RoleExpiryEntity.DELETE_FOR_USER,
            query = "delete from RoleExpiryEntity e where e.realmId = :realmId and e.userId = :userId"),
    @NamedQuery(name = RoleExpiryEntity.DELETE_FOR_ROLE,
            query = "delete from RoleExpiryEntity e where e.roleId = :roleId"),
    @NamedQuery(name = RoleExpiryEntity.DELETE_FOR_REALM,
            query = "delete from RoleExpiryEntity e where e.realmId = :realmId")
})
public class RoleExpiryEntity {

    /** Named query: one row ({@code realmId}, {@code userId}, {@code roleId}). */
    public static final String FIND = "UssoRoleExpiry.find";
    /** Named query: a user's rows, soonest first. */
    public static final String LIST_FOR_USER = "UssoRoleExpiry.listForUser";
    /** Named query: a user's expired rows ({@code now}). */
    public static final String EXPIRED_FOR_USER = "UssoRoleExpiry.expiredForUser";
    /** Named query: a realm's rows, soonest first. */
    public static final String LIST_FOR_REALM = "UssoRoleExpiry.listForRealm";
    /** Named query: expired rows of all realms (the cleanup task). */
    public static final String LIST_EXPIRED = "UssoRoleExpiry.listExpired";
    /** Named delete: one row by id (a count of 0 means another transaction got there first). */
    public static final String DELETE_BY_ID = "UssoRoleExpiry.deleteById";
    /** Named delete: a user's rows. */
    public static final String DELETE_FOR_USER = "UssoRoleExpiry.deleteForUser";
    /** Named delete: a role's rows. */
    public static final String DELETE_FOR_ROLE = "UssoRoleExpiry.deleteForRole";
    /** Named delete: a realm's rows. */
    public static final String DELETE_FOR_REALM = "UssoRoleExpiry.deleteForRealm";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "GRANTED_BY", length = 36)
    private String grantedBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

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

    public String getRoleId() {
        return roleId;
    }

    public void setRoleId(String roleId) {
        this.roleId = roleId;
    }

    /** @return epoch seconds from which the assignment counts for nothing */
    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getGrantedBy() {
        return grantedBy;
    }

    public void setGrantedBy(String grantedBy) {
        this.grantedBy = grantedBy;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }
}
