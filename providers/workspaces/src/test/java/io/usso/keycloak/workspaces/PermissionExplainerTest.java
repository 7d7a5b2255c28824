package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;
import io.usso.keycloak.workspaces.store.WorkspaceRoleEntity;

class PermissionExplainerTest {

    private static WorkspaceRoleEntity role(String name, String scopes) {
        WorkspaceRoleEntity r = new WorkspaceRoleEntity();
        r.setName(name);
        r.setScopes(scopes);
        return r;
    }

    private static WorkspaceMemberRoleEntity assigned(String role, Long expiresAt) {
        WorkspaceMemberRoleEntity a = new WorkspaceMemberRoleEntity();
        a.setRoleName(role);
        a.setExpiresAt(expiresAt);
        return a;
    }

    @Test
    void everyScopeNamesItsRolesAndExpiriesAndExpiredOnesGiveNothing() {
        Map<String, Object> out = PermissionExplainer.explain(
                List.of(assigned("editor", 500L), assigned("temp", 90L)),
                List.of(role("member", "read:docs"), role("editor", "read:docs update:docs"), role("temp", "delete:docs")),
                100);
        assertEquals("[{scope=read:docs, granted_by=[{role=member, assignment=membership}, {role=editor, "
                + "assignment=assigned, expires_at=500}]}, {scope=update:docs, granted_by=[{role=editor, "
                + "assignment=assigned, expires_at=500}]}]", out.get("scopes").toString());
        assertEquals("[{role=temp, expired_at=90, scopes=[delete:docs]}]", out.get("expired").toString());
    }
}
