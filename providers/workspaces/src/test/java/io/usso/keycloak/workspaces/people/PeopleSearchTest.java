package io.usso.keycloak.workspaces.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.workspaces.WorkspaceSettings;
import io.usso.keycloak.workspaces.store.VisiblePeople.Person;

class PeopleSearchTest {

    private final RealmModel realm = mock(RealmModel.class);
    private final ClientModel management = mock(ClientModel.class);
    private final RoleModel viewUsers = mock(RoleModel.class);
    private final RoleModel manageUsers = mock(RoleModel.class);
    private final PeopleSearch search = new PeopleSearch(mock(KeycloakSession.class), realm);

    PeopleSearchTest() {
        when(realm.getClientByClientId("realm-management")).thenReturn(management);
        when(management.getRole("view-users")).thenReturn(viewUsers);
        when(management.getRole("manage-users")).thenReturn(manageUsers);
    }

    private static UserModel user(RoleModel... held) {
        UserModel user = mock(UserModel.class);
        for (RoleModel role : held) {
            when(user.hasRole(role)).thenReturn(true);
        }
        return user;
    }

    @Test
    void onlyTenantAdminsSeeEveryoneByDefault() {
        assertFalse(search.seesEveryone(user()), "shared-workspace is the default");
        assertTrue(search.seesEveryone(user(viewUsers)));
        assertTrue(search.seesEveryone(user(manageUsers)));
        when(realm.getAttribute(WorkspaceSettings.USER_VISIBILITY)).thenReturn("shared-workspace");
        assertFalse(search.seesEveryone(user()));
    }

    @Test
    void withVisibilityAllEveryoneSeesEveryone() {
        when(realm.getAttribute(WorkspaceSettings.USER_VISIBILITY)).thenReturn("all");
        assertTrue(search.seesEveryone(user()));
    }

    @Test
    void aPersonIsIdUsernameNameAndEmail() {
        Map<String, Object> ada = PeopleSearch.json(new Person("1", "ada", "Ada", "Lovelace", "ada@example.test"));
        assertEquals(Map.of("id", "1", "username", "ada", "name", "Ada Lovelace", "email", "ada@example.test"), ada);
        assertEquals(4, ada.size());
        Map<String, Object> bare = PeopleSearch.json(new Person("2", "bob", null, null, null));
        assertNull(bare.get("name"));
        assertEquals("Bob", PeopleSearch.json(new Person("3", "b", "Bob", null, null)).get("name"));
    }
}
