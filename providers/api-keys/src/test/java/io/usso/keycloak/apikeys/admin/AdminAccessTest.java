package io.usso.keycloak.apikeys.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.apikeys.admin.AdminAccess.Decision;
import io.usso.keycloak.apikeys.admin.AdminAccess.Need;

class AdminAccessTest {

    @Test
    void viewUsersMayListButNotChange() {
        assertEquals(Decision.ALLOW, AdminAccess.decide(Need.VIEW, true, true, true, false));
        assertEquals(Decision.FORBIDDEN, AdminAccess.decide(Need.MANAGE, true, true, true, false));
    }

    @Test
    void manageUsersMayDoBoth() {
        assertEquals(Decision.ALLOW, AdminAccess.decide(Need.MANAGE, true, true, true, true));
        // manage implies view, even where an evaluator answers view=false
        assertEquals(Decision.ALLOW, AdminAccess.decide(Need.VIEW, true, false, false, true));
    }

    @Test
    void noPermissionAtAllIsForbidden() {
        assertEquals(Decision.FORBIDDEN, AdminAccess.decide(Need.VIEW, true, false, false, false));
        assertEquals(Decision.FORBIDDEN, AdminAccess.decide(Need.MANAGE, true, false, false, false));
    }

    @Test
    void unknownUserIsNotFoundOnlyForCallersWhoMayQueryUsers() {
        assertEquals(Decision.NO_SUCH_USER, AdminAccess.decide(Need.VIEW, false, true, true, true));
        assertEquals(Decision.NO_SUCH_USER, AdminAccess.decide(Need.MANAGE, false, true, false, false));
        // without query rights the caller must not learn which ids exist
        assertEquals(Decision.FORBIDDEN, AdminAccess.decide(Need.VIEW, false, false, true, true));
    }

    @Test
    void forbiddenDescriptionsNameTheMissingRole() {
        assertTrue(AdminAccess.forbiddenDescription(Need.VIEW).contains("view-users"));
        assertTrue(AdminAccess.forbiddenDescription(Need.MANAGE).contains("manage-users"));
    }
}
