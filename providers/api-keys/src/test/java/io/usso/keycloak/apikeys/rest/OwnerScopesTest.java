package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.UssoScopes;

class OwnerScopesTest {

    private static RoleModel role(String name, boolean client, String... scopes) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        when(role.isClientRole()).thenReturn(client);
        when(role.getAttributeStream(UssoScopes.ATTRIBUTE)).thenAnswer(i -> Stream.of(scopes));
        when(role.getCompositesStream()).thenAnswer(i -> Stream.empty());
        return role;
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

        UserModel user = mock(UserModel.class);
        when(user.getRoleMappingsStream()).thenAnswer(i -> Stream.of(composite, clientRole, defaults));
        when(user.getGroupsStream()).thenAnswer(i -> Stream.of(group));
        when(user.getAttributeStream(UssoScopes.ATTRIBUTE)).thenAnswer(i -> Stream.of("read:profile"));

        Set<RoleModel> roles = OwnerScopes.effectiveRoles(user);
        assertEquals(Set.of(inner, composite, clientRole, groupRole, defaults), roles);
        assertEquals(List.of("manage:billing", "read:media", "read:profile", "read:reports", "update:docs"),
                UssoScopes.toStrings(OwnerScopes.of(user, roles)).stream().sorted().toList());
        assertEquals(List.of("editor", "reader", "team"), OwnerScopes.realmRoleNames(roles));
    }

    @Test
    void userWithNothingHoldsNothing() {
        UserModel user = mock(UserModel.class);
        when(user.getRoleMappingsStream()).thenAnswer(i -> Stream.empty());
        when(user.getGroupsStream()).thenAnswer(i -> Stream.empty());
        when(user.getAttributeStream(UssoScopes.ATTRIBUTE)).thenAnswer(i -> Stream.empty());
        assertEquals(List.of(), OwnerScopes.of(user));
    }
}
