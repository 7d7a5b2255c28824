package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

class UssoRolesTest {

    private static RoleModel role(String id, String name, boolean client) {
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn(id);
        when(role.getName()).thenReturn(name);
        when(role.isClientRole()).thenReturn(client);
        return role;
    }

    private static RealmModel realm(String name, RoleModel defaultRole) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn(name);
        when(realm.getDefaultRole()).thenReturn(defaultRole);
        return realm;
    }

    @Test
    void realmRoleNamesAreSortedWithoutClientRolesAndTheDefaultRole() {
        RoleModel defaultRole = role("d1", "default-roles-demo", false);
        Set<RoleModel> roles = Set.of(role("1", "reader", false), role("2", "editor", false), role("3", "billing", true),
                role("4", "team", false), defaultRole);
        assertEquals(List.of("editor", "reader", "team"), UssoRoles.realmRoleNames(roles, realm("demo", defaultRole)));
    }

    @Test
    void defaultRoleIsRecognisedByIdAndOtherwiseByName() {
        RoleModel defaultRole = role("d1", "default-roles-demo", false);
        assertTrue(UssoRoles.isDefaultRole(defaultRole, realm("demo", defaultRole)));
        // a look-alike name in another realm is an ordinary role when the realm's own default role is known
        assertFalse(UssoRoles.isDefaultRole(role("x", "default-roles-demo", false), realm("demo", defaultRole)));
        // no default role known: Keycloak's naming rule, realm name in lower case
        assertTrue(UssoRoles.isDefaultRole(role("y", "default-roles-acme", false), realm("Acme", null)));
        assertFalse(UssoRoles.isDefaultRole(role("y", "default-roles-acme", false), null));
    }
}
