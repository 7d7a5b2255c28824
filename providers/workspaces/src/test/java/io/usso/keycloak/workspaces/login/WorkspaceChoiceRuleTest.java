package io.usso.keycloak.workspaces.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WorkspaceChoiceRuleTest {

    private static final List<String> TWO = List.of("w1", "w2");

    private static ChoiceRequest browser() {
        return ChoiceRequest.of("code", null, null, null, "openid", false);
    }

    @Test
    void membersOfSeveralWithoutAValidDefaultAreAsked() {
        assertTrue(WorkspaceChoiceRule.ask(TWO, null, browser()));
        assertTrue(WorkspaceChoiceRule.ask(TWO, "left", browser()));
        assertFalse(WorkspaceChoiceRule.ask(TWO, "w2", browser()));
    }

    @Test
    void selectAccountOrTheParameterAsksEvenWithADefault() {
        assertTrue(WorkspaceChoiceRule.ask(TWO, "w2", ChoiceRequest.of("code", "select_account", null, null, null,
                false)));
        assertTrue(WorkspaceChoiceRule.ask(TWO, "w2", ChoiceRequest.of("code", "login select_account", null, null,
                null, false)));
        assertTrue(WorkspaceChoiceRule.ask(TWO, "w2", ChoiceRequest.of("code", null, "true", null, null, false)));
        assertFalse(WorkspaceChoiceRule.ask(TWO, "w2", ChoiceRequest.of("code", "login", "1", null, null, false)));
        assertTrue(WorkspaceChoiceRule.asks(" TRUE "));
        assertFalse(WorkspaceChoiceRule.asks(null));
    }

    @Test
    void aRequestNamingAWorkspaceSilentOrDirectOrAlreadyChosenIsNeverAsked() {
        assertFalse(WorkspaceChoiceRule.ask(TWO, null, ChoiceRequest.of("code", null, "true", "w1", null, false)));
        assertFalse(WorkspaceChoiceRule.ask(TWO, null, ChoiceRequest.of("code", null, null, null,
                "openid workspace:w1", false)));
        assertFalse(WorkspaceChoiceRule.ask(TWO, null, ChoiceRequest.of("code", "none", "true", null, null, false)));
        assertFalse(WorkspaceChoiceRule.ask(TWO, null, ChoiceRequest.of(null, null, "true", null, null, false)));
        assertFalse(WorkspaceChoiceRule.ask(TWO, null, ChoiceRequest.of("code", "select_account", null, null, null,
                true)));
        // an empty workspace_id or a bare "workspace:" scope names nothing
        assertTrue(WorkspaceChoiceRule.ask(TWO, null, ChoiceRequest.of("code", null, null, " ", "workspace:",
                false)));
    }

    @Test
    void usersOfNoneOrOneWorkspaceAreNeverAsked() {
        ChoiceRequest asking = ChoiceRequest.of("code", "select_account", "true", null, null, false);
        assertFalse(WorkspaceChoiceRule.ask(List.of(), null, asking));
        assertFalse(WorkspaceChoiceRule.ask(List.of("w1"), null, asking));
        assertFalse(WorkspaceChoiceRule.ask(List.of("w1"), "other", browser()));
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
