package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class RoleScopesTest {

    private static RoleModel role(String name, boolean client, String... scopes) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        when(role.isClientRole()).thenReturn(client);
        when(role.getAttributeStream(UssoScopes.ATTRIBUTE)).thenAnswer(i -> Stream.of(scopes));
        when(role.getCompositesStream()).thenAnswer(i -> Stream.empty());
        return role;
    }

    private static UserModel user(String... scopes) {
        UserModel user = mock(UserModel.class);
        when(user.getRoleMappingsStream()).thenAnswer(i -> Stream.empty());
        when(user.getGroupsStream()).thenAnswer(i -> Stream.empty());
        when(user.getAttributeStream(UssoScopes.ATTRIBUTE)).thenAnswer(i -> Stream.of(scopes));
        return user;
    }

    @Test
    void gathersMultiValuedAttributesWithMixedSeparators() {
        RoleScopes.Result result = new RoleScopes(false, false)
                .addRoleValues("editor", List.of("read:media/files, create:media/files", "update:media/files\nread:billing"))
                .addRoleValues("viewer", List.of("read:media/*"))
                .result();
        assertEquals(List.of("create:media/files", "read:billing", "read:media/*", "read:media/files",
                "update:media/files"), result.scopes());
        assertFalse(result.hasInvalid());
    }

    @Test
    void deduplicatesAcrossRolesAndNormalises() {
        RoleScopes.Result result = new RoleScopes(false, false)
                .addRoleValues("a", List.of("READ:x?b=2&a=1"))
                .addRoleValues("b", List.of("read:x?a=1&b=2", "read:x?a=1&b=2"))
                .result();
        assertEquals(List.of("read:x?a=1&b=2"), result.scopes());
    }

    @Test
    void skipsInvalidEntriesAndReportsOnlyRoleNames() {
        RoleScopes.Result result = new RoleScopes(true, false)
                .addRoleValues("broken", List.of("read:a write:b", "nonsense"))
                .addRoleValues("fine", List.of("read:c"))
                .addUserValues(List.of("read:d", "secret-user-value"))
                .result();
        assertEquals(List.of("read:a", "read:c", "read:d"), result.scopes());
        assertEquals(3, result.invalidCount());
        assertEquals(Set.of("broken"), result.rolesWithInvalidEntries());
        assertTrue(result.userAttributeInvalid());
    }

    @Test
    void userAttributeOnAndOff() {
        List<String> userValues = List.of("admin:users");
        assertEquals(List.of("admin:users", "read:a"), new RoleScopes(true, false)
                .addRoleValues("r", List.of("read:a")).addUserValues(userValues).result().scopes());
        RoleScopes.Result off = new RoleScopes(false, false)
                .addRoleValues("r", List.of("read:a")).addUserValues(List.of("admin:users", "bogus")).result();
        assertEquals(List.of("read:a"), off.scopes());
        assertFalse(off.hasInvalid(), "ignored user values are not validated either");
    }

    @Test
    void collapseOnAndOff() {
        List<String> values = List.of("read:media/files manage:media/* read:billing?workspace_id=w1 read:billing");
        assertEquals(List.of("manage:media/*", "read:billing", "read:billing?workspace_id=w1", "read:media/files"),
                new RoleScopes(false, false).addRoleValues("r", values).result().scopes());
        assertEquals(List.of("manage:media/*", "read:billing"),
                new RoleScopes(false, true).addRoleValues("r", values).result().scopes());
    }

    @Test
    void nullAndEmptyValuesAreHarmless() {
        RoleScopes.Result result = new RoleScopes(true, true)
                .addRoleValues("r", null)
                .addRoleValues("s", Arrays.asList(null, "", " , "))
                .addUserValues(null)
                .result();
        assertTrue(result.scopes().isEmpty());
        assertFalse(result.hasInvalid());
    }

    @Test
    void readsRoleAndUserAttributesAndNamesClientRolesWithTheirClient() {
        RoleModel realmRole = role("broken", false, "read:a nonsense");
        RoleModel clientRole = role("payer", true, "manage:billing, bogus");
        ClientModel client = mock(ClientModel.class);
        when(client.getClientId()).thenReturn("billing-app");
        when(clientRole.getContainer()).thenReturn(client);
        RoleScopes.Result result = new RoleScopes(true, false)
                .addRole(realmRole).addRole(clientRole).addRole(role("fine", false, "read:c"))
                .addUser(user("read:d", "secret-user-value"))
                .result();
        assertEquals(List.of("manage:billing", "read:a", "read:c", "read:d"), result.scopes());
        assertEquals(result.scopes(), UssoScopes.toStrings(result.ussoScopes()));
        assertEquals(3, result.invalidCount());
        assertEquals(Set.of("billing-app:payer", "broken"), result.rolesWithInvalidEntries());
        assertTrue(result.userAttributeInvalid());
    }

    @Test
    void excludedOrMissingUserIsNotRead() {
        UserModel user = user("admin:users", "bogus");
        RoleScopes.Result off = new RoleScopes(false, false).addUser(user).addUser(null).result();
        assertTrue(off.scopes().isEmpty());
        assertFalse(off.hasInvalid());
        verify(user, never()).getAttributeStream(UssoScopes.ATTRIBUTE);
        assertTrue(new RoleScopes(true, false).addUser(null).result().scopes().isEmpty());
    }

    @Test
    void gathersDirectCompositeGroupAndUserScopes() {
        RoleModel inner = role("reader", false, "read:media");
        RoleModel composite = role("editor", false, "update:docs, bogus scope!!");
        when(composite.isComposite()).thenReturn(true);
        when(composite.getCompositesStream()).thenAnswer(i -> Stream.of(inner));
        RoleModel clientRole = role("billing", true, "manage:billing");
        RoleModel groupRole = role("team", false, "read:reports");
        RoleModel defaults = role("default-roles-demo", false);
        GroupModel group = mock(GroupModel.class);
        when(group.getRoleMappingsStream()).thenAnswer(i -> Stream.of(groupRole));

        UserModel user = user("read:profile");
        when(user.getRoleMappingsStream()).thenAnswer(i -> Stream.of(composite, clientRole, defaults));
        when(user.getGroupsStream()).thenAnswer(i -> Stream.of(group));

        Set<RoleModel> roles = RoleScopes.effectiveRoles(user);
        assertEquals(Set.of(inner, composite, clientRole, groupRole, defaults), roles);
        assertEquals(List.of("manage:billing", "read:media", "read:profile", "read:reports", "update:docs"),
                UssoScopes.toStrings(RoleScopes.heldBy(user, roles)).stream().sorted().toList());
        assertEquals(RoleScopes.heldBy(user, roles), RoleScopes.heldBy(user));
    }

    @Test
    void userWithNothingHoldsNothing() {
        assertEquals(List.of(), RoleScopes.heldBy(user()));
    }
}
