package io.usso.keycloak.workspaces.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A workspace role (table {@code USSO_WORKSPACE_ROLE}): a custom role, or the scopes given to a built-in one
 * ({@code owner}, {@code admin}, {@code member}). Scopes are canonical USSO scope strings, space-separated.
 */
@Entity
@Table(name = "USSO_WORKSPACE_ROLE")
@NamedQueries({
    @NamedQuery(name = WorkspaceRoleEntity.LIST_FOR_WORKSPACE,
            query = "select r from WorkspaceRoleEntity r where r.realmId = :realmId and r.workspaceId = :workspaceId"
                    + " order by r.name"),
    @NamedQuery(name = WorkspaceRoleEntity.DELETE_FOR_WORKSPACE,
            query = "delete from WorkspaceRoleEntity r where r.realmId = :realmId and r.workspaceId = :workspaceId"),
    @NamedQuery(name = WorkspaceRoleEntity.DELETE_FOR_REALM,
            query = "delete from WorkspaceRoleEntity r where r.realmId = :realmId")
})
public class WorkspaceRoleEntity {

    /** Named query: a workspace's role rows ({@code realmId}, {@code workspaceId}), by name. */
    public static final String LIST_FOR_WORKSPACE = "UssoWorkspaceRole.listForWorkspace";
    /** Named delete: a workspace's role rows. */
    public static final String DELETE_FOR_WORKSPACE = "UssoWorkspaceRole.deleteForWorkspace";
    /** Named delete: a realm's role rows. */
    public static final String DELETE_FOR_REALM = "UssoWorkspaceRole.deleteForRealm";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "WORKSPACE_ID", length = 36, nullable = false)
    private String workspaceId;

    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    @Column(name = "SCOPES")
    private String scopes;

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

    public String getWorkspaceId() {
        return workspaceId;
    }

    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** @return canonical scope strings, space-separated, or null */
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
}
