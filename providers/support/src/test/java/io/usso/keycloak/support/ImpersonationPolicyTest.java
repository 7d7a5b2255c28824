package io.usso.keycloak.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class ImpersonationPolicyTest {

    @Test
    void aReasonOfTheTenantsLengthWillDo() {
        assertNull(ImpersonationPolicy.reasonProblem("Ticket 4711: upload fails", 10));
        assertNull(ImpersonationPolicy.reasonProblem("تیکت ۴۷۱۱ بارگذاری", 10), "any language");
        assertNull(ImpersonationPolicy.reasonProblem(null, 0), "a tenant may need none");
    }

    @Test
    void noShortOrHostileReason() {
        assertTrue(ImpersonationPolicy.reasonProblem(null, 10).contains("reason"));
        assertTrue(ImpersonationPolicy.reasonProblem("help", 10).contains("at least 10"));
        assertNotNull(ImpersonationPolicy.reasonProblem("x".repeat(501), 0));
        assertNotNull(ImpersonationPolicy.reasonProblem("ticket\u0000 4711 again", 0));
        assertNotNull(ImpersonationPolicy.reasonProblem("ticket \u202Egnp.exe 4711", 0), "no bidi override");
    }

    @Test
    void whiteSpaceIsTidied() {
        assertEquals("ticket 4711", ImpersonationPolicy.normalise("  ticket \n\t 4711 "));
        assertNull(ImpersonationPolicy.normalise(" \n "));
        assertNull(ImpersonationPolicy.normalise(null));
        assertEquals(10, ImpersonationPolicy.normalise("          0123456789  ").length());
    }

    @Test
    void onlyAdministrationRolesTheCallerLacksBlock() {
        RoleModel manageUsers = role("manage-users");
        RoleModel realmAdmin = role("realm-admin");
        RoleModel impersonation = role("impersonation");
        UserModel target = mock(UserModel.class);
        UserModel caller = mock(UserModel.class);
        when(target.hasRole(realmAdmin)).thenReturn(true);
        when(target.hasRole(manageUsers)).thenReturn(true);
        when(target.hasRole(impersonation)).thenReturn(true);
        when(caller.hasRole(impersonation)).thenReturn(true);
        assertEquals(List.of("manage-users", "realm-admin"), ImpersonationPolicy.rolesBeyondCaller(
                Stream.of(realmAdmin, manageUsers, impersonation), target, caller));

        when(caller.hasRole(realmAdmin)).thenReturn(true);
        when(caller.hasRole(manageUsers)).thenReturn(true);
        assertEquals(List.of(), ImpersonationPolicy.rolesBeyondCaller(
                Stream.of(realmAdmin, manageUsers, impersonation), target, caller), "an equal may");

        UserModel customer = mock(UserModel.class);
        assertEquals(List.of(), ImpersonationPolicy.rolesBeyondCaller(
                Stream.of(realmAdmin, manageUsers, impersonation), customer, mock(UserModel.class)));
    }

    private static RoleModel role(String name) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        return role;
    }
}
