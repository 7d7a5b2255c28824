package io.usso.keycloak.workspaces;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;
import io.usso.keycloak.workspaces.store.WorkspaceRoleEntity;

/**
 * Why a member holds each scope in a workspace: for every effective scope, the roles that give it, with the
 * assignment's expiry ({@code member} is held by membership, without an assignment). Expired assignments are listed
 * apart: they give nothing. Pure.
 */
public final class PermissionExplainer {

    private PermissionExplainer() {
    }

    /**
     * @param assignments the member's rows
     * @param roles the workspace's role rows
     * @param nowSeconds the moment
     * @return {@code {"scopes": [{"scope", "granted_by": [{"role", "assignment", "expires_at"?}]}],
     *         "expired": [{"role", "expired_at", "scopes"}]}}
     */
    public static Map<String, Object> explain(Collection<WorkspaceMemberRoleEntity> assignments,
            Collection<WorkspaceRoleEntity> roles, long nowSeconds) {
        Map<String, List<String>> scopesOfRole = new TreeMap<>();
        for (WorkspaceRoleEntity role : roles) {
            scopesOfRole.put(role.getName(), split(role.getScopes()));
        }
        Map<String, List<Map<String, Object>>> grants = new TreeMap<>();
        addGrants(grants, WorkspaceRoles.MEMBER, scopesOfRole, "membership", null);
        List<Map<String, Object>> expired = new ArrayList<>();
        for (WorkspaceMemberRoleEntity a : assignments) {
            if (WorkspaceRoles.active(a, nowSeconds)) {
                addGrants(grants, a.getRoleName(), scopesOfRole, "assigned", a.getExpiresAt());
            } else {
                Map<String, Object> gone = new LinkedHashMap<>();
                gone.put("role", a.getRoleName());
                gone.put("expired_at", a.getExpiresAt());
                gone.put("scopes", scopesOfRole.getOrDefault(a.getRoleName(), List.of()));
                expired.add(gone);
            }
        }
        List<Map<String, Object>> scopes = new ArrayList<>();
        grants.forEach((scope, by) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("scope", scope);
            item.put("granted_by", by);
            scopes.add(item);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scopes", scopes);
        out.put("expired", expired);
        return out;
    }

    private static void addGrants(Map<String, List<Map<String, Object>>> grants, String role,
            Map<String, List<String>> scopesOfRole, String how, Long expiresAt) {
        for (String scope : scopesOfRole.getOrDefault(role, List.of())) {
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("role", role);
            grant.put("assignment", how);
            if (expiresAt != null) {
                grant.put("expires_at", expiresAt);
            }
            grants.computeIfAbsent(scope, k -> new ArrayList<>()).add(grant);
        }
    }

    private static List<String> split(String scopes) {
        return scopes == null || scopes.isBlank() ? List.of() : List.of(scopes.strip().split(" +"));
    }
}
