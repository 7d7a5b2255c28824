package io.usso.keycloak.security;

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

import io.usso.keycloak.common.security.TenantSecuritySettings;

class SecuritySettingsTabFactoryTest {

    private final SecuritySettingsTabFactory factory = new SecuritySettingsTabFactory();
    private final KeycloakSession session = mock(KeycloakSession.class);

    private static ComponentModel model(String id, String... kv) {
        ComponentModel model = new ComponentModel();
        model.setId(id);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            model.put(kv[i], kv[i + 1]);
        }
        // the admin console also merges its route parameters into the config
        model.put("realm", "acme");
        model.put("tab", SecuritySettingsTabFactory.TAB);
        return model;
    }

    @Test
    void isATabOfRealmSettingsCalledSecurity() {
        assertEquals("Security", factory.getId());
        assertEquals("/:realm/realm-settings/:tab", factory.getPath());
        assertEquals(Map.of("tab", "usso-security"), factory.getParams());
        assertEquals(factory.getPath(), factory.getTypeMetadata().get("path"));
    }

    @Test
    void firstSaveKeepsTheRealmsExistingSettingsThenWritesAllFields() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttributes()).thenReturn(new HashMap<>(Map.of(TenantSecuritySettings.SMS_PER_HOUR, "40")));
        ComponentModel created = model(null, "emailsPerHour", "500", "smsCountryCodes", "98, +1");
        factory.validateConfiguration(session, realm, created);
        assertEquals("40", created.get("smsPerHour"), "kept in the stored form too");
        factory.onCreate(session, realm, created);
        verify(realm).setAttribute(TenantSecuritySettings.SMS_PER_HOUR, "40");
        verify(realm).setAttribute(TenantSecuritySettings.EMAILS_PER_HOUR, "500");
        verify(realm).setAttribute(TenantSecuritySettings.SMS_COUNTRY_CODES, "1, 98");
        verify(realm).removeAttribute(TenantSecuritySettings.REAUTH_MAX_AGE_SECONDS);
        verify(realm, never()).setAttribute("tab", "usso-security");
    }

    @Test
    void invalidFormsAreRefusedBeforeAnythingIsStored() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttributes()).thenReturn(Map.of());
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> factory.validateConfiguration(session, realm, model("id-1", "smsCountryCodes", "Iran",
                        "reauthMaxAgeSeconds", "5")));
        assertTrue(e.getMessage().contains("Allowed SMS country codes"), e.getMessage());
        assertTrue(e.getMessage().contains("Sensitive actions"), e.getMessage());
        verify(realm, never()).setAttribute(anyString(), anyString());
    }

    @Test
    void updatesWriteOnlyWhatTheAdminChanged() {
        RealmModel realm = mock(RealmModel.class);
        ComponentModel before = model("id-1", "smsPerHour", "40", "emailsPerHour", "500");
        ComponentModel after = model("id-1", "smsPerHour", "20", "emailsPerHour", "500");
        factory.validateConfiguration(session, realm, after);
        factory.onUpdate(session, realm, before, after);
        verify(realm).setAttribute(TenantSecuritySettings.SMS_PER_HOUR, "20");
        verify(realm, never()).setAttribute(TenantSecuritySettings.EMAILS_PER_HOUR, "500");
        verify(realm, never()).removeAttribute(anyString());
    }
}
