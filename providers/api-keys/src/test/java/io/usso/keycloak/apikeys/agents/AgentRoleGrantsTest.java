package io.usso.keycloak.apikeys.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RoleModel;

class AgentRoleGrantsTest {

    private final RoleModel reader = role("reader");
    private final RoleModel writer = role("writer");
    private final RoleModel tenantAdmin = role("tenant-admin");
    private final Map<String, RoleModel> realmRoles = Map.of("reader", reader, "writer", writer,
            "tenant-admin", tenantAdmin);

    /** A caller that holds {@code held}, may map {@code mappable}; {@code tenant-admin} contains an admin role. */
    private AgentRoleGrants.Authority caller(Set<RoleModel> held, Set<RoleModel> mappable) {
        return new AgentRoleGrants.Authority() {
            @Override
            public boolean holds(RoleModel role) {
                return held.contains(role);
            }

            @Override
            public boolean mayMap(RoleModel role) {
                return mappable.contains(role);
            }

            @Override
            public boolean isAdministrative(RoleModel role) {
                return role == tenantAdmin;
            }
        };
    }

    @Test
    void rolesTheCallerHoldsMayBeGiven() {
        AgentRoleGrants.Verdict verdict = AgentRoleGrants.decide(List.of("writer", "reader"), realmRoles::get,
                caller(Set.of(reader, writer), Set.of()));
        assertTrue(verdict.allowed());
        assertNull(verdict.denied());
        assertEquals(List.of(writer, reader), verdict.granted());
    }

    @Test
    void rolesTheCallerMayMapMayBeGiven() {
        assertTrue(AgentRoleGrants.decide(List.of("writer"), realmRoles::get, caller(Set.of(), Set.of(writer)))
                .allowed());
    }

    @Test
    void noEscalationBeyondWhatTheCallerHoldsOrMayMap() {
        AgentRoleGrants.Verdict verdict = AgentRoleGrants.decide(List.of("reader", "writer"), realmRoles::get,
                caller(Set.of(reader), Set.of()));
        assertFalse(verdict.allowed());
        assertEquals("writer", verdict.denied());
        assertEquals(List.of(), verdict.granted(), "nothing is granted when one role is refused");
    }

    @Test
    void adminCompositesNeedTheCallerToHoldThemEvenWithMapPermission() {
        assertEquals("tenant-admin", AgentRoleGrants.decide(List.of("tenant-admin"), realmRoles::get,
                caller(Set.of(), Set.of(tenantAdmin))).denied());
        assertTrue(AgentRoleGrants.decide(List.of("tenant-admin"), realmRoles::get,
                caller(Set.of(tenantAdmin), Set.of())).allowed());
    }

    @Test
    void unknownRolesAreA400BeforeAnyPermissionCheck() {
        AgentRequestException e = assertThrows(AgentRequestException.class, () -> AgentRoleGrants.decide(
                List.of("reader", "ghost"), realmRoles::get, caller(Set.of(reader), Set.of())));
        assertTrue(e.getMessage().contains("\"ghost\" does not exist"), e.getMessage());
    }

    @Test
    void noRolesIsAlwaysAllowed() {
        assertTrue(AgentRoleGrants.decide(List.of(), realmRoles::get, caller(Set.of(), Set.of())).allowed());
    }

    private static RoleModel role(String name) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        return role;
    }
}
