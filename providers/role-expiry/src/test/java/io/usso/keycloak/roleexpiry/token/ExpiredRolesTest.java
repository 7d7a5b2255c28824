package io.usso.keycloak.roleexpiry.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class ExpiredRolesTest {

    private static RoleModel role(String id, RoleModel... children) {
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn(id);
        when(role.isComposite()).thenReturn(children.length > 0);
        when(role.getCompositesStream()).thenAnswer(i -> Stream.of(children));
        return role;
    }

    @Test
    void anExpiredCompositeTakesItsChildrenUnlessAGroupGivesThem() {
        RoleModel report = role("report");
        RoleModel export = role("export");
        RoleModel auditor = role("auditor", report, export);
        RoleModel user = role("user");
        GroupModel parent = mock(GroupModel.class);
        when(parent.getRoleMappingsStream()).thenAnswer(i -> Stream.of(export));
        GroupModel group = mock(GroupModel.class);
        when(group.getRoleMappingsStream()).thenAnswer(i -> Stream.empty());
        when(group.getParent()).thenReturn(parent);
        UserModel person = mock(UserModel.class);
        when(person.getRoleMappingsStream()).thenAnswer(i -> Stream.of(auditor, user));
        when(person.getGroupsStream()).thenAnswer(i -> Stream.of(group));

        assertEquals(Set.of("user", "export"), ExpiredRoles.ids(ExpiredRoles.stillHeld(person, Set.of("auditor"))));
        assertEquals(Set.of("auditor", "report", "export", "user"),
                ExpiredRoles.ids(ExpiredRoles.stillHeld(person, Set.of())));
    }
}
