package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RoleModel;

class OwnerScopesTest {

    private static RoleModel role(String name, boolean client) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        when(role.isClientRole()).thenReturn(client);
        return role;
    }

    @Test
    void realmRoleNamesAreSortedWithoutClientAndDefaultRoles() {
        Set<RoleModel> roles = Set.of(role("reader", false), role("editor", false), role("billing", true),
                role("team", false), role("default-roles-demo", false));
        assertEquals(List.of("editor", "reader", "team"), OwnerScopes.realmRoleNames(roles));
    }
}
