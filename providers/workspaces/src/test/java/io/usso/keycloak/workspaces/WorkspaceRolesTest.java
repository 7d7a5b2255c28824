package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;

class WorkspaceRolesTest {

    private static WorkspaceMemberRoleEntity row(String role, Long expiresAt) {
        WorkspaceMemberRoleEntity row = new WorkspaceMemberRoleEntity();
        row.setRoleName(role);
        row.setExpiresAt(expiresAt);
        return row;
    }

    @Test
    void everyMemberHoldsMemberAndExpiredAssignmentsCountForNothingFromTheirSecond() {
        List<WorkspaceMemberRoleEntity> rows = List.of(row("admin", null), row("editor", 100L), row("viewer", 101L));
        assertEquals(Set.of("member", "admin", "viewer"), WorkspaceRoles.effective(rows, 100));
        assertEquals(Set.of("member", "admin", "editor", "viewer"), WorkspaceRoles.effective(rows, 99));
        assertEquals(Set.of("member"), WorkspaceRoles.effective(List.of(), 0));
    }

    @Test
    void roleNames() {
        assertTrue(WorkspaceRoles.validName("billing.viewer"));
        assertFalse(WorkspaceRoles.validName("Billing"));
        assertFalse(WorkspaceRoles.validName("-x"));
        assertFalse(WorkspaceRoles.validName("x".repeat(65)));
        assertTrue(WorkspaceRoles.builtIn("owner"));
        assertFalse(WorkspaceRoles.builtIn("editor"));
    }

    @Test
    void settingsHaveSafeDefaults() {
        WorkspaceSettings none = WorkspaceSettings.parse(null, null, null, null);
        assertFalse(none.anyoneMayCreate());
        assertEquals(WorkspaceSettings.DEFAULT_MAX_PER_USER, none.maxPerUser());
        assertFalse(none.catalogRequired());
        assertEquals(UserVisibility.SHARED_WORKSPACE, none.userVisibility(), "the safe default");
        WorkspaceSettings demo = WorkspaceSettings.parse("anyone", "3", "true", " ALL ");
        assertTrue(demo.anyoneMayCreate());
        assertEquals(3, demo.maxPerUser());
        assertTrue(demo.catalogRequired());
        assertEquals(UserVisibility.ALL, demo.userVisibility());
        assertEquals(UserVisibility.SHARED_WORKSPACE, WorkspaceSettings.parse(null, null, null, "everyone")
                .userVisibility(), "an unreadable value falls back to the safe default");
        assertEquals(WorkspaceSettings.DEFAULT_MAX_PER_USER, WorkspaceSettings.parse("x", "lots", "no", null).maxPerUser());
        assertEquals(WorkspaceSettings.MAX_MAX_PER_USER, WorkspaceSettings.parse(null, "99999999", null, null).maxPerUser());
    }

    @Test
    void generatedSlugsFollowTheGrammar() {
        for (String name : List.of("Team A", "تیم ما", "--x--", "a".repeat(200))) {
            String slug = Workspaces.slugFor(name);
            assertTrue(slug.matches(WorkspaceInput.SLUG_PATTERN), slug);
        }
        assertTrue(Workspaces.slugFor("Team A").startsWith("team-a-"));
        assertTrue(Workspaces.slugFor("تیم ما").startsWith("ws-"));
    }
}
