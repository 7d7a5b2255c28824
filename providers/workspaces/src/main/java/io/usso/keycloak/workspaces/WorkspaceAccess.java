package io.usso.keycloak.workspaces;

import java.util.Set;

/**
 * Who may do what in a workspace, from the caller's effective workspace roles and whether the caller is a tenant
 * admin. Pure. Tenant admins may do everything in every workspace of their tenant; a non-member nothing (the
 * workspace is "not found" for them); a member reads; {@value WorkspaceRoles#ADMIN} and
 * {@value WorkspaceRoles#OWNER} manage; only an owner deletes the workspace and grants, takes or removes owners.
 */
public final class WorkspaceAccess {

    /** What a caller wants to do. */
    public enum Action {
        /** See the workspace, its members and roles. */
        READ,
        /** Change name, description, logo, settings. */
        UPDATE,
        /** Invite and remove members (not owners), assign and unassign roles other than owner. */
        MANAGE_MEMBERS,
        /** Create, change and delete custom roles, set the scopes of roles. */
        MANAGE_ROLES,
        /** Grant or take the owner role, remove an owner. */
        MANAGE_OWNERS,
        /** Delete the workspace. */
        DELETE
    }

    private final Set<String> roles;
    private final boolean tenantAdmin;

    /**
     * @param roles the caller's effective roles in the workspace, null when not a member
     * @param tenantAdmin whether the caller is a tenant admin
     */
    public WorkspaceAccess(Set<String> roles, boolean tenantAdmin) {
        this.roles = roles == null ? null : Set.copyOf(roles);
        this.tenantAdmin = tenantAdmin;
    }

    /** @return whether the caller may see the workspace at all (else it is "not found" for them) */
    public boolean visible() {
        return tenantAdmin || roles != null;
    }

    /**
     * @param action what the caller wants to do
     * @return whether the caller may
     */
    public boolean may(Action action) {
        if (tenantAdmin) {
            return true;
        }
        if (roles == null) {
            return false;
        }
        boolean owner = roles.contains(WorkspaceRoles.OWNER);
        boolean admin = owner || roles.contains(WorkspaceRoles.ADMIN);
        switch (action) {
            case READ:
                return true;
            case UPDATE:
            case MANAGE_MEMBERS:
            case MANAGE_ROLES:
                return admin;
            case MANAGE_OWNERS:
            case DELETE:
                return owner;
            default:
                return false;
        }
    }
}
