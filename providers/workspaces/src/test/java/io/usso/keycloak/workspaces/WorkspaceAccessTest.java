package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.workspaces.WorkspaceAccess.Action;

class WorkspaceAccessTest {

    @Test
    void strangersSeeNothing() {
        WorkspaceAccess stranger = new WorkspaceAccess(null, false);
        assertFalse(stranger.visible());
        for (Action a : Action.values()) {
            assertFalse(stranger.may(a), a.name());
        }
    }

    @Test
    void membersReadAdminsManageOwnersDelete() {
        WorkspaceAccess member = new WorkspaceAccess(Set.of("member", "editor"), false);
        assertTrue(member.may(Action.READ));
        assertFalse(member.may(Action.UPDATE));
        assertFalse(member.may(Action.MANAGE_MEMBERS));
        WorkspaceAccess admin = new WorkspaceAccess(Set.of("member", "admin"), false);
        assertTrue(admin.may(Action.UPDATE));
        assertTrue(admin.may(Action.MANAGE_MEMBERS));
        assertTrue(admin.may(Action.MANAGE_ROLES));
        assertFalse(admin.may(Action.MANAGE_OWNERS));
        assertFalse(admin.may(Action.DELETE));
        WorkspaceAccess owner = new WorkspaceAccess(Set.of("member", "owner"), false);
        for (Action a : Action.values()) {
            assertTrue(owner.may(a), a.name());
        }
    }

    @Test
    void tenantAdminsManageEveryWorkspace() {
        WorkspaceAccess tenantAdmin = new WorkspaceAccess(null, true);
        assertTrue(tenantAdmin.visible());
        for (Action a : Action.values()) {
            assertTrue(tenantAdmin.may(a), a.name());
        }
    }
}
