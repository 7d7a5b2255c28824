package io.usso.keycloak.roleexpiry.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

class RoleExpiryPageFormTest {

    private static final long NOW = 1_800_000_000L;

    private static ComponentModel form(String at, String in) {
        ComponentModel model = new ComponentModel();
        if (at != null) {
            model.put(RoleExpiryPageForm.EXPIRES_AT, at);
        }
        if (in != null) {
            model.put(RoleExpiryPageForm.EXPIRES_IN, in);
        }
        return model;
    }

    @Test
    void expiresInCountsFromNow() {
        assertEquals(NOW + 3600, RoleExpiryPageForm.expiresAt(form(null, "3600"), NOW));
        assertEquals(NOW + 60, RoleExpiryPageForm.expiresAt(form("  ", " 60 "), NOW));
    }

    @Test
    void expiresAtIsUtcWithOrWithoutZone() {
        String at = java.time.Instant.ofEpochSecond(NOW + 7200).toString();
        assertEquals(NOW + 7200, RoleExpiryPageForm.expiresAt(form(at, null), NOW));
        assertEquals(NOW + 7200, RoleExpiryPageForm.expiresAt(form(at.replace("Z", ""), null), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2020-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "1800000000",
        "2027-01-01T00:00:00+99:00"})
    void badOrPastOrFarTimesAreRefused(String at) {
        assertThrows(IllegalArgumentException.class, () -> RoleExpiryPageForm.expiresAt(form(at, null), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1e3", "99999999999999", "x"})
    void badLifetimesAreRefused(String in) {
        assertThrows(IllegalArgumentException.class, () -> RoleExpiryPageForm.expiresAt(form(null, in), NOW));
    }

    @Test
    void exactlyOneOfTheTwo() {
        assertThrows(IllegalArgumentException.class, () -> RoleExpiryPageForm.expiresAt(form(null, null), NOW));
        assertThrows(IllegalArgumentException.class,
                () -> RoleExpiryPageForm.expiresAt(form("2027-01-01T00:00:00Z", "60"), NOW));
    }

    @Test
    void fillWritesResolvedValuesAndTheHiddenIds() {
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn("u-1");
        when(user.getUsername()).thenReturn("alice");
        ClientModel client = mock(ClientModel.class);
        when(client.getClientId()).thenReturn("realm-management");
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn("r-1");
        when(role.getName()).thenReturn("view-users");
        when(role.isClientRole()).thenReturn(true);
        when(role.getContainer()).thenReturn(client);
        ComponentModel model = form(null, "60");
        model.put(RoleExpiryPageForm.USER, "alice@example.com");

        RoleExpiryPageForm.fill(model, user, role, NOW + 60);

        assertEquals("alice", model.get(RoleExpiryPageForm.USER));
        assertEquals("realm-management.view-users", model.get(RoleExpiryPageForm.ROLE));
        assertEquals("2027-01-15T08:01:00Z", model.get(RoleExpiryPageForm.EXPIRES_AT));
        assertNull(model.get(RoleExpiryPageForm.EXPIRES_IN));
        assertEquals("u-1", model.get(RoleExpiryPageForm.USER_ID));
        assertEquals("r-1", model.get(RoleExpiryPageForm.ROLE_ID));
        assertEquals(NOW + 60, RoleExpiryPageForm.storedExpiry(model));
    }

    @Test
    void theFormHasTheDisplayedFieldsAndARolePicker() {
        List<ProviderConfigProperty> properties = RoleExpiryPageForm.properties();
        assertEquals(List.of("user", "role", "expiresAt", "expiresIn"),
                properties.stream().map(ProviderConfigProperty::getName).toList());
        assertEquals(ProviderConfigProperty.ROLE_TYPE, properties.get(1).getType());
        assertTrue(new RoleExpiryPageFactory().getTypeMetadata().get("displayFields").toString().contains("expiresAt"));
    }
}
