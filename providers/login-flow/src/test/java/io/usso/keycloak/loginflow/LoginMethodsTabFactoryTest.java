package io.usso.keycloak.loginflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.RealmModel;

class LoginMethodsTabFactoryTest {

    private final LoginMethodsTabFactory factory = new LoginMethodsTabFactory();
    private final RealmModel realm = mock(RealmModel.class);

    private static ComponentModel model(String methods, String secondFactor) {
        ComponentModel model = new ComponentModel();
        if (methods != null) {
            model.put(LoginMethodsForm.METHODS, methods);
        }
        if (secondFactor != null) {
            model.put(LoginMethodsForm.SECOND_FACTOR, secondFactor);
        }
        return model;
    }

    @Test
    void tabSitsUnderRealmSettings() {
        assertEquals("/:realm/realm-settings/:tab", factory.getPath());
        assertEquals("usso-login-methods", factory.getParams().get("tab"));
        assertEquals("Login methods", factory.getId());
        assertEquals(2, factory.getConfigProperties().size());
    }

    @Test
    void badValuesAreRefusedBeforeAnythingIsStored() {
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> factory.validateConfiguration(null, realm, model("password,telepathy", "sometimes")));
        assertTrue(e.getMessage().contains("telepathy") && e.getMessage().contains("Second factor"), e.getMessage());
        // nothing written (reading the realm's attributes on a first save is fine)
        verify(realm, never()).setAttribute(anyString(), anyString());
        verify(realm, never()).removeAttribute(anyString());
    }

    @Test
    void savingWritesTheAttributesAndAnEmptyFieldRestoresTheDefault() {
        factory.validateConfiguration(null, realm, model("magic-link, password", "required"));
        factory.onCreate(null, realm, model("magic-link, password", "required"));
        verify(realm).setAttribute(LoginMethodSettings.METHODS, "password,magic-link");
        verify(realm).setAttribute(LoginMethodSettings.SECOND_FACTOR, "required");
        factory.onUpdate(null, realm, model("magic-link, password", "required"), model("", null));
        verify(realm).removeAttribute(LoginMethodSettings.METHODS);
        verify(realm).removeAttribute(LoginMethodSettings.SECOND_FACTOR);
        verify(realm, never()).setAttribute(LoginMethodSettings.METHODS, "");
    }
}
