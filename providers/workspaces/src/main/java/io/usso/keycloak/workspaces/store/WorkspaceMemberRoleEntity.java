package io.usso.keycloak.workspaces.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One role of one member in one workspace (table {@code USSO_WORKSPACE_MEMBER_ROLE}), optionally until
 * {@code expiresAt} (epoch seconds; an expired row counts for nothing from that second on). Every member also holds
 * the built-in role {@code member} without a row.
 */
@Entity
@Table(name = "USSO_WORKSPACE_MEMBER_ROLE")
@NamedQueries({
    @NamedQuery(name = WorkspaceMemberRoleEntity.LIST_FOR_MEMBER,
            query = "select m from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.workspaceId = :workspaceId and m.userId = :userId order by m.roleName"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.LIST_FOR_WORKSPACE,
            query = "select m from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.workspaceId = :workspaceId order by m.userId, m.roleName"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.LIST_FOR_ROLE,
            query = "select m from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.workspaceId = :workspaceId and m.roleName = :roleName"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.LIST_FOR_USER,
            query = "select m from WorkspaceMemberRoleEntity m where m.realmId = :realmId and m.userId = :userId"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.COUNT_FOR_USER_ROLE,
            query = "select count(m) from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.userId = :userId and m.roleName = :roleName"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.DELETE_FOR_MEMBER,
            query = "delete from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.workspaceId = :workspaceId and m.userId = :userId"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.DELETE_FOR_ROLE,
            query = "delete from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.workspaceId = :workspaceId and m.roleName = :roleName"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.DELETE_FOR_WORKSPACE,
            query = "delete from WorkspaceMemberRoleEntity m where m.realmId = :realmId"
                    + " and m.workspaceId = :workspaceId"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.DELETE_FOR_USER,
            query = "delete from WorkspaceMemberRoleEntity m where m.realmId = :realmId and m.userId = :userId"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.DELETE_FOR_REALM,
            query = "delete from WorkspaceMemberRoleEntity m where m.realmId = :realmId"),
    @NamedQuery(name = WorkspaceMemberRoleEntity.DELETE_EXPIRED,
            query = "delete from WorkspaceMemberRoleEntity m where m.expiresAt is not null and m.expiresAt <= :now")
})
public class WorkspaceMemberRoleEntity {

    /** Named query: one member's rows ({@code realmId}, {@code workspaceId}, {@code userId}). */
    public static final String LIST_FOR_MEMBER = "UssoWorkspaceMemberRole.listForMember";
    /** Named query: a workspace's rows ({@code realmId}, {@code workspaceId}). */
    public static final String LIST_FOR_WORKSPACE = "UssoWorkspaceMemberRole.listForWorkspace";
    /** Named query: the rows of one role ({@code realmId}, {@code workspaceId}, {@code roleName}). */
    public static final String LIST_FOR_ROLE = "UssoWorkspaceMemberRole.listForRole";
    /** Named query: a user's rows in every workspace of the realm ({@code realmId}, {@code userId}). */
    public static final String LIST_FOR_USER = "UssoWorkspaceMemberRole.listForUser";
    /** Named query: in how many workspaces a user holds a role ({@code realmId}, {@code userId}, {@code roleName}). */
    public static final String COUNT_FOR_USER_ROLE = "UssoWorkspaceMemberRole.countForUserRole";
    /** Named delete: one member's rows. */
    public static final String DELETE_FOR_MEMBER = "UssoWorkspaceMemberRole.deleteForMember";
    /** Named delete: the rows of one role. */
    public static final String DELETE_FOR_ROLE = "UssoWorkspaceMemberRole.deleteForRole";
    /** Named delete: a workspace's rows. */
    public static final String DELETE_FOR_WORKSPACE = "UssoWorkspaceMemberRole.deleteForWorkspace";
    /** Named delete: a user's rows in a realm. */
    public static final String DELETE_FOR_USER = "UssoWorkspaceMemberRole.deleteForUser";
    /** Named delete: a realm's rows. */
    public static final String DELETE_FOR_REALM = "UssoWorkspaceMemberRole.deleteForRealm";
    /** Named delete: rows expired at {@code now} (all realms; the cleanup task). */
    public static final String DELETE_EXPIRED = "UssoWorkspaceMemberRole.deleteExpired";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "WORKSPACE_ID", length = 36, nullable = false)
    private String workspaceId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "ROLE_NAME", length = 64, nullable = false)
    private String roleName;

    @Column(name = "GRANTED_BY", length = 36)
    private String grantedBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

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

    public String getWorkspaceId() {
        return workspaceId;
    }

    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getRoleName() {
        return roleName;
    }

    public void setRoleName(String roleName) {
        this.roleName = roleName;
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

    /** @return epoch seconds after which the assignment counts for nothing, or null for never */
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
