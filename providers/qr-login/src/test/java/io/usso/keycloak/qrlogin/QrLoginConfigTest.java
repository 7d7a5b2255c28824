package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class QrLoginConfigTest {

    @Test
    void defaultsAreTwoMinutesThirtySecondCodesAndShortCodeOn() {
        QrLoginConfig c = QrLoginConfig.of((Map<String, String>) null);
        assertEquals(QrLoginConfig.DEFAULTS, c);
        assertEquals(120, c.lifetimeSeconds());
        assertEquals(30, c.rotationSeconds());
        assertTrue(c.shortCodeEnabled());
    }

    @Test
    void valuesAreReadAndClamped() {
        QrLoginConfig c = QrLoginConfig.of(Map.of(
                QrLoginConfig.LIFETIME, " 15 ", QrLoginConfig.ROTATION, "1", QrLoginConfig.SHORT_CODE, "FALSE",
                QrLoginConfig.RATE_SCAN, "5", QrLoginConfig.RATE_STATUS, "0", QrLoginConfig.RATE_ENTER, "999999"));
        assertEquals(15, c.lifetimeSeconds());
        assertEquals(5, c.rotationSeconds(), "clamped to the minimum");
        assertFalse(c.shortCodeEnabled());
        assertEquals(5, c.scanPerMinute());
        assertEquals(10, c.statusPerMinute(), "clamped to the minimum");
        assertEquals(1000, c.enterPerWindow(), "clamped to the maximum");
        assertEquals(QrLoginConfig.DEFAULTS.approvePerMinute(), c.approvePerMinute(), "default when missing");
    }

    @Test
    void unreadableValuesFallBackToDefaults() {
        QrLoginConfig c = QrLoginConfig.of(Map.of(QrLoginConfig.LIFETIME, "two minutes",
                QrLoginConfig.SHORT_CODE, "maybe", QrLoginConfig.ROTATION, "99999999999999"));
        assertEquals(QrLoginConfig.DEFAULTS, c);
    }

    @Test
    void rotationNeverOutlivesTheAttempt() {
        QrLoginConfig c = QrLoginConfig.of(Map.of(QrLoginConfig.LIFETIME, "20", QrLoginConfig.ROTATION, "60"));
        assertEquals(20, c.effectiveRotationSeconds());
    }

    @Test
    void theStrictestLimitsApplyBeforeTheAttemptIsKnown() {
        QrLoginConfig a = QrLoginConfig.of(Map.of(QrLoginConfig.RATE_SCAN, "50", QrLoginConfig.RATE_APPROVE, "3"));
        QrLoginConfig b = QrLoginConfig.of(Map.of(QrLoginConfig.RATE_SCAN, "7", QrLoginConfig.LIFETIME, "60"));
        QrLoginConfig s = QrLoginConfig.strictest(List.of(a, b));
        assertEquals(7, s.scanPerMinute());
        assertEquals(3, s.approvePerMinute());
        assertEquals(a.lifetimeSeconds(), s.lifetimeSeconds());
        assertEquals(QrLoginConfig.DEFAULTS, QrLoginConfig.strictest(List.of()));
    }

    @Test
    void everyKeyIsInTheAdminForm() {
        Set<String> names = QrLoginConfig.properties().stream().map(ProviderConfigProperty::getName)
                .collect(Collectors.toSet());
        assertEquals(Set.of(QrLoginConfig.LIFETIME, QrLoginConfig.ROTATION, QrLoginConfig.SHORT_CODE,
                QrLoginConfig.RATE_CREATE, QrLoginConfig.RATE_SCAN, QrLoginConfig.RATE_APPROVE,
                QrLoginConfig.RATE_STATUS, QrLoginConfig.RATE_ENTER, QrLoginConfig.APPROVER_CLIENTS), names);
        QrLoginConfig.properties().forEach(p -> {
            assertFalse(p.getHelpText() == null || p.getHelpText().isBlank(), p.getName());
            assertFalse(p.getDefaultValue() == null, p.getName());
        });
        // the admin console pre-fills the defaults: saved as they are, they must give DEFAULTS
        Map<String, String> defaults = QrLoginConfig.properties().stream()
                .collect(Collectors.toMap(ProviderConfigProperty::getName, p -> String.valueOf(p.getDefaultValue())));
        assertEquals(QrLoginConfig.DEFAULTS, QrLoginConfig.of(defaults));
    }
}
