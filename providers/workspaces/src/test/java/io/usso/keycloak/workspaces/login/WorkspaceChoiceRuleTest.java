package io.usso.keycloak.workspaces.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WorkspaceChoiceRuleTest {

    private static final List<String> TWO = List.of("w1", "w2");

    @Test
    void membersOfSeveralWithoutAValidDefaultAreAsked() {
        assertTrue(WorkspaceChoiceRule.ask(TWO, null, false, false));
        assertTrue(WorkspaceChoiceRule.ask(TWO, "left", false, false));
        assertFalse(WorkspaceChoiceRule.ask(TWO, "w2", false, false));
    }

    @Test
    void theParameterAsksEvenWithADefaultButNotWhenTheRequestNamesAWorkspace() {
        assertTrue(WorkspaceChoiceRule.ask(TWO, "w2", true, false));
        assertFalse(WorkspaceChoiceRule.ask(TWO, null, true, true));
        assertTrue(WorkspaceChoiceRule.asks("true"));
        assertTrue(WorkspaceChoiceRule.asks(" TRUE "));
        assertFalse(WorkspaceChoiceRule.asks("1"));
        assertFalse(WorkspaceChoiceRule.asks(null));
    }

    @Test
    void usersOfNoneOrOneWorkspaceAreNeverAsked() {
        assertFalse(WorkspaceChoiceRule.ask(List.of(), null, true, false));
        assertFalse(WorkspaceChoiceRule.ask(List.of("w1"), null, true, false));
        assertFalse(WorkspaceChoiceRule.ask(List.of("w1"), "other", false, false));
    }

    @Test
    void onlyOneOfTheUsersWorkspacesIsAccepted() {
        assertTrue(WorkspaceChoiceRule.accepted("w2", TWO));
        assertFalse(WorkspaceChoiceRule.accepted("w3", TWO));
        assertFalse(WorkspaceChoiceRule.accepted("", TWO));
        assertFalse(WorkspaceChoiceRule.accepted(null, TWO));
        assertFalse(WorkspaceChoiceRule.accepted("w1\u0000", TWO));
        assertFalse(WorkspaceChoiceRule.accepted("x".repeat(65), List.of("x".repeat(65))));
    }

    @Test
    void rememberIsTheTickedCheckbox() {
        assertTrue(WorkspaceChoiceRule.remember("on"));
        assertTrue(WorkspaceChoiceRule.remember("true"));
        assertFalse(WorkspaceChoiceRule.remember(null));
        assertFalse(WorkspaceChoiceRule.remember("off"));
    }
}
