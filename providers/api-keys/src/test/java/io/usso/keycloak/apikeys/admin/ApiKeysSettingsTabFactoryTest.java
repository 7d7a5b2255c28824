package io.usso.keycloak.apikeys.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.usso.keycloak.apikeys.ApiKeyConfig;

class ApiKeysSettingsTabFactoryTest {

    private final ApiKeysSettingsTabFactory factory = new ApiKeysSettingsTabFactory();
    private final KeycloakSession session = mock(KeycloakSession.class);

    private static ComponentModel model(String id, String... kv) {
        ComponentModel model = new ComponentModel();
        model.setId(id);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            model.put(kv[i], kv[i + 1]);
        }
        // the admin console also merges its route parameters into the config
        model.put("realm", "acme");
        model.put("tab", "api-keys");
        return model;
    }

    @Test
    void isATabOfRealmSettings() {
        assertEquals("/:realm/realm-settings/:tab", factory.getPath());
        assertEquals(Map.of("tab", "api-keys"), factory.getParams());
        assertEquals(factory.getPath(), factory.getTypeMetadata().get("path"));
    }

    @Test
    void firstSaveTakesOverTheRealmsExistingSettingsThenWritesAllFields() {
        RealmModel realm = mock(RealmModel.class);
        Map<String, String> attributes = new HashMap<>(Map.of(ApiKeyConfig.PREFIX, "acme_"));
        when(realm.getAttributes()).thenReturn(attributes);
        ComponentModel created = model(null, "enabled", "true", "prefix", "", "verifyAccess", "role",
                "maxLifetimeDays", "30");
        factory.validateConfiguration(session, realm, created);
        assertEquals("acme_", created.get("prefix"), "kept in the stored form too");
        factory.onCreate(session, realm, created);
        verify(realm).setAttribute(ApiKeyConfig.PREFIX, "acme_");
        verify(realm).setAttribute(ApiKeyConfig.MAX_LIFETIME_DAYS, "30");
        verify(realm).setAttribute(ApiKeyConfig.ENABLED, "true");
        verify(realm).removeAttribute(ApiKeyConfig.DEFAULT_LIFETIME_DAYS);
        verify(realm, never()).setAttribute("realm", "acme");
    }

    @Test
    void invalidFormsAreRefusedBeforeAnythingIsStored() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttributes()).thenReturn(Map.of());
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> factory.validateConfiguration(session, realm, model("id-1", "prefix", "UPPER_",
                        "maxLifetimeDays", "10", "defaultLifetimeDays", "20")));
        assertTrue(e.getMessage().contains("Key prefix"), e.getMessage());
        assertTrue(e.getMessage().contains("must not exceed"), e.getMessage());
        verify(realm, never()).setAttribute(anyString(), anyString());
    }

    @Test
    void updatesWriteOnlyWhatTheAdminChanged() {
        RealmModel realm = mock(RealmModel.class);
        ComponentModel before = model("id-1", "enabled", "true", "prefix", "acme_", "maxLifetimeDays", "30");
        ComponentModel after = model("id-1", "enabled", "false", "prefix", "acme_", "maxLifetimeDays", "30");
        factory.validateConfiguration(session, realm, after);
        factory.onUpdate(session, realm, before, after);
        verify(realm).setAttribute(ApiKeyConfig.ENABLED, "false");
        verify(realm, never()).setAttribute(ApiKeyConfig.PREFIX, "acme_");
        verify(realm, never()).setAttribute(ApiKeyConfig.MAX_LIFETIME_DAYS, "30");
        verify(realm, never()).removeAttribute(anyString());
    }
}
