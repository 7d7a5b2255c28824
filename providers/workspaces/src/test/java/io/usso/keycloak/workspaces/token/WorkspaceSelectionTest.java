package io.usso.keycloak.workspaces.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WorkspaceSelectionTest {

    private static final List<String> MINE = List.of("w1", "w2");

    @Test
    void aRequestedWorkspaceWinsWhenTheUserIsAMember() {
        assertEquals("w2", WorkspaceSelection.choose("w2", "w1", "w1", MINE).workspaceId());
    }

    @Test
    void aRequestedWorkspaceOfSomeoneElseIsRefused() {
        WorkspaceSelection.Choice c = WorkspaceSelection.choose("w3", "w1", null, MINE);
        assertTrue(c.refused());
        assertNull(c.workspaceId());
    }

    @Test
    void withoutARequestTheBindingThenTheSessionThenTheFirstWorkspace() {
        assertEquals("w2", WorkspaceSelection.choose(null, "w2", "w1", MINE).workspaceId());
        assertEquals("w2", WorkspaceSelection.choose(null, "gone", "w2", MINE).workspaceId());
        assertEquals("w1", WorkspaceSelection.choose(null, "gone", "gone", MINE).workspaceId());
        WorkspaceSelection.Choice none = WorkspaceSelection.choose(null, "w1", null, List.of());
        assertNull(none.workspaceId());
        assertFalse(none.refused());
    }

    @Test
    void theRememberedDefaultComesAfterTheSessionAndBeforeTheFirstWorkspace() {
        assertEquals("w1", WorkspaceSelection.choose(null, null, "w1", "w2", MINE).workspaceId());
        assertEquals("w2", WorkspaceSelection.choose(null, null, null, "w2", MINE).workspaceId());
        assertEquals("w2", WorkspaceSelection.choose(null, "gone", "gone", "w2", MINE).workspaceId());
        assertEquals("w1", WorkspaceSelection.choose(null, "w1", null, "w2", MINE).workspaceId());
        assertEquals("w1", WorkspaceSelection.choose("w1", null, null, "w2", MINE).workspaceId());
    }

    @Test
    void aDefaultTheUserHasLeftIsIgnored() {
        assertEquals("w1", WorkspaceSelection.choose(null, null, null, "left", MINE).workspaceId());
        assertNull(WorkspaceSelection.choose(null, null, null, "left", List.of()).workspaceId());
    }
}
