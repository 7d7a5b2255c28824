package io.usso.keycloak.workspaces.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.workspaces.WorkspaceSettings;

class WorkspaceSettingsTabFactoryTest {

    private final WorkspaceSettingsTabFactory factory = new WorkspaceSettingsTabFactory();
    private final KeycloakSession session = mock(KeycloakSession.class);

    private static ComponentModel model(String id, String... kv) {
        ComponentModel model = new ComponentModel();
        model.setId(id);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            model.put(kv[i], kv[i + 1]);
        }
        model.put("realm", "acme");
        model.put("tab", WorkspaceSettingsTabFactory.TAB);
        return model;
    }

    @Test
    void isATabOfRealmSettingsCalledWorkspacesWithOneFieldPerSetting() {
        assertEquals("Workspaces", factory.getId());
        assertEquals("/:realm/realm-settings/:tab", factory.getPath());
        assertEquals(Map.of("tab", "usso-workspaces"), factory.getParams());
        List<ProviderConfigProperty> fields = factory.getConfigProperties();
        assertEquals(List.of("create", "maxPerUser", "catalogRequired", "userVisibility"),
                fields.stream().map(ProviderConfigProperty::getName).toList());
        assertEquals(ProviderConfigProperty.LIST_TYPE, fields.get(3).getType());
        assertEquals(List.of("shared-workspace", "all"), fields.get(3).getOptions());
        assertEquals("shared-workspace", fields.get(3).getDefaultValue(), "the form shows the safe default");
    }

    @Test
    void firstSaveKeepsTheRealmsExistingSettingsThenWritesAllFields() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttributes()).thenReturn(new HashMap<>(Map.of(WorkspaceSettings.CREATE, "anyone",
                WorkspaceSettings.USER_VISIBILITY, "all")));
        ComponentModel created = model(null, "create", "admins", "maxPerUser", "3", "userVisibility",
                "shared-workspace", "catalogRequired", "TRUE");
        factory.validateConfiguration(session, realm, created);
        assertEquals("anyone", created.get("create"), "a default left in the form keeps the imported value");
        factory.onCreate(session, realm, created);
        verify(realm).setAttribute(WorkspaceSettings.CREATE, "anyone");
        verify(realm).setAttribute(WorkspaceSettings.USER_VISIBILITY, "all");
        verify(realm).setAttribute(WorkspaceSettings.MAX_PER_USER, "3");
        verify(realm).setAttribute(WorkspaceSettings.CATALOG_REQUIRED, "true");
        verify(realm, never()).setAttribute("tab", "usso-workspaces");
    }

    @Test
    void invalidFormsAreRefusedBeforeAnythingIsStored() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttributes()).thenReturn(Map.of());
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> factory.validateConfiguration(session, realm, model("id-1", "create", "everyone",
                        "maxPerUser", "1001", "catalogRequired", "maybe", "userVisibility", "friends")));
        for (String label : List.of("Who may create", "Workspaces one user may own", "catalog entry", "Users see")) {
            assertTrue(e.getMessage().contains(label), e.getMessage());
        }
        assertThrows(ComponentValidationException.class,
                () -> factory.validateConfiguration(session, realm, model("id-1", "maxPerUser", "-1")));
        assertThrows(ComponentValidationException.class,
                () -> factory.validateConfiguration(session, realm, model("id-1", "maxPerUser", "1e3")));
        verify(realm, never()).setAttribute(anyString(), anyString());
    }

    @Test
    void updatesWriteOnlyWhatTheAdminChangedAndBlankMeansDefault() {
        RealmModel realm = mock(RealmModel.class);
        ComponentModel before = model("id-1", "maxPerUser", "3", "userVisibility", "all");
        ComponentModel after = model("id-1", "maxPerUser", "", "userVisibility", "all");
        factory.validateConfiguration(session, realm, after);
        factory.onUpdate(session, realm, before, after);
        verify(realm).removeAttribute(WorkspaceSettings.MAX_PER_USER);
        verify(realm, never()).setAttribute(WorkspaceSettings.USER_VISIBILITY, "all");
    }
}
