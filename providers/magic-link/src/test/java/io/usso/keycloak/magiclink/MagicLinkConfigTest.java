package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagicLinkConfigTest {

    @Test
    void defaultsAreUssosFifteenMinutesAndFiveLinks() {
        MagicLinkConfig config = MagicLinkConfig.defaults();
        assertEquals(900, config.lifetimeSeconds());
        assertEquals(5, config.perAddress());
        assertEquals(20, config.perIp());
        assertEquals(900, config.windowSeconds());
        assertEquals(CrossDeviceMode.SAME_BROWSER, config.crossDevice(), "same browser unless the tenant opts in");
        assertFalse(config.crossDevice().allowsOtherBrowser());
        assertFalse(config.allowRegistration());
        assertEquals(3600, config.apiMaxLifetimeSeconds());
        assertTrue(config.apiLinkClients().isEmpty(), "no client may receive returned links by default");
        assertTrue(config.apiLinkDeniedRoles().isEmpty());
        assertTrue(config.warnings().isEmpty());
        assertEquals(config.lifetimeSeconds(), MagicLinkConfig.of(null).lifetimeSeconds());
    }

    @Test
    void validValuesAreTaken() {
        MagicLinkConfig config = MagicLinkConfig.parse(Map.of(
                MagicLinkConfig.LIFETIME, " 120 ",
                MagicLinkConfig.PER_ADDRESS, "0",
                MagicLinkConfig.PER_IP, "100",
                MagicLinkConfig.WINDOW, "60",
                MagicLinkConfig.CROSS_DEVICE, "LOG-IN-BOTH",
                MagicLinkConfig.ALLOW_REGISTRATION, "TRUE",
                MagicLinkConfig.API_MAX_LIFETIME, "604800"));
        assertEquals(120, config.lifetimeSeconds());
        assertEquals(0, config.perAddress());
        assertEquals(100, config.perIp());
        assertEquals(60, config.windowSeconds());
        assertEquals(CrossDeviceMode.LOG_IN_BOTH, config.crossDevice());
        assertTrue(config.allowRegistration());
        assertEquals(604_800, config.apiMaxLifetimeSeconds());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1e3", "29", "86401", "9999999999", "٩٠٠", "+900"})
    void invalidLifetimeFallsBackToTheDefaultWithAWarningNamingTheKeyNotTheValue(String value) {
        MagicLinkConfig config = MagicLinkConfig.parse(Map.of(MagicLinkConfig.LIFETIME, value));
        assertEquals(MagicLinkConfig.DEFAULT_LIFETIME, config.lifetimeSeconds());
        assertEquals(1, config.warnings().size());
        assertTrue(config.warnings().get(0).startsWith(MagicLinkConfig.LIFETIME));
        assertFalse(config.warnings().get(0).contains(value), "the value must not be echoed");
    }

    @Test
    void unknownModeAndBadBooleanFallBack() {
        MagicLinkConfig config = MagicLinkConfig.parse(Map.of(MagicLinkConfig.CROSS_DEVICE, "both-please",
                MagicLinkConfig.ALLOW_REGISTRATION, "yes"));
        assertEquals(CrossDeviceMode.SAME_BROWSER, config.crossDevice());
        assertFalse(config.allowRegistration());
        assertEquals(2, config.warnings().size());
    }

    @Test
    void blankValuesCountAsUnset() {
        Map<String, String> values = new HashMap<>();
        values.put(MagicLinkConfig.LIFETIME, "  ");
        values.put(MagicLinkConfig.PER_ADDRESS, null);
        MagicLinkConfig config = MagicLinkConfig.parse(values);
        assertEquals(900, config.lifetimeSeconds());
        assertEquals(5, config.perAddress());
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void returnedLinkClientsAndDeniedRolesAreMultivaluedLists() {
        MagicLinkConfig config = MagicLinkConfig.parse(Map.of(
                MagicLinkConfig.API_LINK_CLIENTS, "invite-app##crm, portal",
                MagicLinkConfig.API_LINK_DENIED_ROLES, "support##billing-app/refunds"));
        assertEquals(java.util.Set.of("invite-app", "crm", "portal"), config.apiLinkClients());
        assertEquals(java.util.Set.of("support", "billing-app/refunds"), config.apiLinkDeniedRoles());
        assertTrue(MagicLinkConfig.parse(Map.of(MagicLinkConfig.API_LINK_CLIENTS, " ## ")).apiLinkClients().isEmpty());
    }

    @Test
    void onlyTheCrossDeviceModesAllowAnotherBrowser() {
        assertFalse(CrossDeviceMode.SAME_BROWSER.allowsOtherBrowser());
        assertTrue(CrossDeviceMode.RETURN_TO_FIRST_WINDOW.allowsOtherBrowser());
        assertTrue(CrossDeviceMode.LOG_IN_BOTH.allowsOtherBrowser());
        assertEquals(CrossDeviceMode.RETURN_TO_FIRST_WINDOW, MagicLinkConfig.parse(Map.of(
                MagicLinkConfig.CROSS_DEVICE, "return-to-first-window")).crossDevice());
    }

    @Test
    void crossDeviceModesRoundTrip() {
        for (CrossDeviceMode mode : CrossDeviceMode.values()) {
            assertEquals(mode, CrossDeviceMode.fromConfigValue(mode.configValue()));
        }
        assertNull(CrossDeviceMode.fromConfigValue(null));
        assertNull(CrossDeviceMode.fromConfigValue("RETURN_TO_FIRST_WINDOW"));
    }
}
