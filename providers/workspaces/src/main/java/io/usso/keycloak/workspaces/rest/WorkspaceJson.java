package io.usso.keycloak.workspaces.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.workspaces.WorkspaceInput;
import io.usso.keycloak.workspaces.WorkspaceRoles;
import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.store.ScopeCatalogEntity;
import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;
import io.usso.keycloak.workspaces.store.WorkspaceRoleEntity;

/** The JSON shapes of the workspace endpoints (snake_case fields, no internal ids beyond the public ones). */
final class WorkspaceJson {

    private WorkspaceJson() {
    }

    /**
     * @param ws a workspace of the caller, as read for their list in one query
     * @param myRoles the caller's effective roles, null to leave them out
     * @return {@code {id, name, slug, description, logo, settings, enabled, created_by, my_roles}}
     */
    static Map<String, Object> workspace(io.usso.keycloak.workspaces.store.MemberWorkspace ws, Set<String> myRoles) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", ws.id());
        out.put("name", ws.name());
        out.put("slug", ws.alias());
        out.put("description", ws.description());
        out.put("logo", ws.attributes().get(Workspaces.ATTR_LOGO));
        out.put("settings", WorkspaceInput.settingsMap(ws.attributes().get(Workspaces.ATTR_SETTINGS)));
        out.put("enabled", ws.enabled());
        out.put("created_by", ws.attributes().get(Workspaces.ATTR_CREATED_BY));
        if (myRoles != null) {
            out.put("my_roles", new ArrayList<>(myRoles));
        }
        return out;
    }

    /**
     * @param org a workspace
     * @param myRoles the caller's effective roles, null when the caller is not a member
     * @return {@code {id, name, slug, description, logo, settings, enabled, created_by, my_roles}}
     */
    static Map<String, Object> workspace(OrganizationModel org, Set<String> myRoles) {
        Map<String, List<String>> attributes = org.getAttributes();
        Map<String, String> firsts = new LinkedHashMap<>();
        for (String name : List.of(Workspaces.ATTR_LOGO, Workspaces.ATTR_SETTINGS, Workspaces.ATTR_CREATED_BY)) {
            String value = first(attributes, name);
            if (value != null) {
                firsts.put(name, value);
            }
        }
        return workspace(new io.usso.keycloak.workspaces.store.MemberWorkspace(org.getId(), org.getName(),
                org.getAlias(), org.getDescription(), org.isEnabled(), firsts), myRoles);
    }

    /**
     * @param user a member
     * @param rows the member's assignments
     * @param nowSeconds the moment (expired assignments are listed with {@code expired: true})
     * @param managed whether the organization's identity provider manages the member
     * @return {@code {id, username, email, first_name, last_name, managed, roles: [{name, expires_at, expired}]}}
     */
    static Map<String, Object> member(UserModel user, List<WorkspaceMemberRoleEntity> rows, long nowSeconds,
            boolean managed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user.getId());
        out.put("username", user.getUsername());
        out.put("email", user.getEmail());
        out.put("first_name", user.getFirstName());
        out.put("last_name", user.getLastName());
        out.put("managed", managed);
        List<Map<String, Object>> roles = new ArrayList<>();
        roles.add(Map.of("name", WorkspaceRoles.MEMBER));
        for (WorkspaceMemberRoleEntity row : rows) {
            roles.add(assignment(row, nowSeconds));
        }
        out.put("roles", roles);
        return out;
    }

    /**
     * @param row an assignment
     * @param nowSeconds the moment
     * @return {@code {name, user_id, expires_at?, expired}}
     */
    static Map<String, Object> assignment(WorkspaceMemberRoleEntity row, long nowSeconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", row.getRoleName());
        out.put("user_id", row.getUserId());
        if (row.getExpiresAt() != null) {
            out.put("expires_at", row.getExpiresAt());
        }
        out.put("expired", !WorkspaceRoles.active(row, nowSeconds));
        return out;
    }

    /**
     * @param name the role name
     * @param row its row, null for a built-in role without scopes
     * @return {@code {name, built_in, description, scopes}}
     */
    static Map<String, Object> role(String name, WorkspaceRoleEntity row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("built_in", WorkspaceRoles.builtIn(name));
        out.put("description", row == null ? null : row.getDescription());
        out.put("scopes", row == null ? List.of() : split(row.getScopes()));
        return out;
    }

    /**
     * @param invitation a sent invitation
     * @return {@code {id, email, expires_at}}
     */
    static Map<String, Object> invitation(OrganizationInvitationModel invitation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", invitation.getId());
        out.put("email", invitation.getEmail());
        out.put("expires_at", invitation.getExpiresAt());
        return out;
    }

    /**
     * @param entry a catalog entry
     * @return {@code {service, scopes, updated_at}}
     */
    static Map<String, Object> catalog(ScopeCatalogEntity entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", entry.getService());
        out.put("scopes", split(entry.getScopes()));
        out.put("updated_at", entry.getUpdatedAt());
        return out;
    }

    private static List<String> split(String scopes) {
        return scopes == null || scopes.isBlank() ? List.of() : List.of(scopes.strip().split(" +"));
    }

    private static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
