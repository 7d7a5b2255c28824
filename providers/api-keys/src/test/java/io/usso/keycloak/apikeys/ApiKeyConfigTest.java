package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class ApiKeyConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        for (ApiKeyConfig config : List.of(ApiKeyConfig.defaults(), ApiKeyConfig.fromAttributes(Map.of()),
                ApiKeyConfig.fromAttributes(null), ApiKeyConfig.fromAttributes(Map.of("displayName", "Acme")))) {
            assertDefaults(config);
            assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        }
    }

    @Test
    void readsValidValues() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of(
                "usso.api-keys.enabled", "FALSE",
                "usso.api-keys.prefix", "acme_",
                "usso.api-keys.max-lifetime-days", " 30 ",
                "usso.api-keys.default-lifetime-days", "7",
                "usso.api-keys.verify-access", "Any-Caller",
                "usso.api-keys.rotation-max-grace-seconds", "3600"));
        assertFalse(config.enabled());
        assertEquals("acme_", config.prefix());
        assertEquals(30, config.maxLifetimeDays());
        assertEquals(Optional.of(Duration.ofDays(30)), config.maxLifetime());
        assertEquals(7, config.defaultLifetimeDays());
        assertEquals(Duration.ofDays(7), config.defaultLifetime());
        assertEquals(ApiKeyVerifyAccess.ANY_CALLER, config.verifyAccess());
        assertEquals(3600, config.rotationMaxGraceSeconds());
        assertEquals(Duration.ofHours(1), config.rotationMaxGrace());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @Test
    void boundaryValuesAreAccepted() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of(
                ApiKeyConfig.MAX_LIFETIME_DAYS, "0",
                ApiKeyConfig.DEFAULT_LIFETIME_DAYS, "36500",
                ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS, "0",
                ApiKeyConfig.VERIFY_ACCESS, "role"));
        assertEquals(0, config.maxLifetimeDays());
        assertEquals(Optional.empty(), config.maxLifetime(), "0 = no maximum");
        assertEquals(36500, config.defaultLifetimeDays());
        assertEquals(0, config.rotationMaxGraceSeconds());
        assertEquals(ApiKeyVerifyAccess.ROLE, config.verifyAccess());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        assertEquals(30 * 86_400, ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS,
                "2592000")).rotationMaxGraceSeconds());
    }

    @Test
    void invalidValuesFallBackToDefaultsWithAWarningThatDoesNotEchoTheValue() {
        Map<String, String> attrs = Map.of(
                "usso.api-keys.enabled", "yes-SECRET1",
                "usso.api-keys.prefix", "Bad-SECRET2",
                "usso.api-keys.max-lifetime-days", "-1",
                "usso.api-keys.default-lifetime-days", "0",
                "usso.api-keys.verify-access", "everyone-SECRET3",
                "usso.api-keys.rotation-max-grace-seconds", "2592001");
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(attrs);
        assertDefaults(config);
        assertEquals(6, config.warnings().size(), config.warnings().toString());
        for (String name : attrs.keySet()) {
            assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith(name + " ")), name);
        }
        for (String warning : config.warnings()) {
            assertFalse(warning.contains("SECRET"), warning);
            assertFalse(warning.contains("2592001"), warning);
            assertTrue(warning.contains("using the default"), warning);
        }
    }

    @Test
    void numbersMustBePlainAsciiDigitsInRange() {
        for (String bad : List.of("+5", "5.0", "1e3", "0x10", "\u0663\u0660", "\uFF13\uFF10", "36501", "9999999999",
                "99999999999999999999", "30 days", "-0")) {
            ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.MAX_LIFETIME_DAYS, bad));
            assertEquals(ApiKeyConfig.DEFAULT_MAX_LIFETIME_DAYS, config.maxLifetimeDays(), bad);
            assertEquals(1, config.warnings().size(), bad);
        }
    }

    @Test
    void blankValuesCountAsUnset() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.PREFIX, "  ", ApiKeyConfig.ENABLED, ""));
        assertDefaults(config);
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void defaultLifetimeIsCappedByTheMaximum() {
        ApiKeyConfig implicitDefault = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.MAX_LIFETIME_DAYS, "30"));
        assertEquals(30, implicitDefault.defaultLifetimeDays());
        assertTrue(implicitDefault.warnings().isEmpty(), "the built-in default follows the maximum silently");

        ApiKeyConfig explicitDefault = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.MAX_LIFETIME_DAYS, "30",
                ApiKeyConfig.DEFAULT_LIFETIME_DAYS, "60"));
        assertEquals(30, explicitDefault.defaultLifetimeDays());
        assertEquals(List.of("usso.api-keys.default-lifetime-days is above usso.api-keys.max-lifetime-days; "
                + "using the maximum, 30"), explicitDefault.warnings());

        ApiKeyConfig noMaximum = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.MAX_LIFETIME_DAYS, "0",
                ApiKeyConfig.DEFAULT_LIFETIME_DAYS, "1000"));
        assertEquals(1000, noMaximum.defaultLifetimeDays());
        assertTrue(noMaximum.warnings().isEmpty());
    }

    @Test
    void unknownSettingsUnderThePrefixAreReported() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of("usso.api-keys.max-lifetime", "30",
                "usso.other", "x"));
        assertDefaults(config);
        assertEquals(List.of("usso.api-keys.max-lifetime is not a known API key setting; ignored"), config.warnings());
    }

    @Test
    void fromRealmReadsTheRealmAttributes() {
        RealmModel realm = mock(RealmModel.class);
        Map<String, String> attrs = new HashMap<>();
        attrs.put(ApiKeyConfig.PREFIX, "demo_");
        attrs.put(ApiKeyConfig.VERIFY_ACCESS, "nobody");
        when(realm.getAttributes()).thenReturn(attrs);
        when(realm.getName()).thenReturn("demo");
        ApiKeyConfig config = ApiKeyConfig.fromRealm(realm);
        assertEquals("demo_", config.prefix());
        assertEquals(ApiKeyVerifyAccess.ROLE, config.verifyAccess());
        assertEquals(1, config.warnings().size());
    }

    @Test
    void verifyFailureLimits() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(Map.of(
                ApiKeyConfig.VERIFY_FAILURES_PER_IP, " 100 ",
                ApiKeyConfig.VERIFY_FAILURES_PER_KEY, "0",
                ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS, "300"));
        assertEquals(100, config.verifyFailuresPerIp());
        assertEquals(0, config.verifyFailuresPerKey(), "0 = no limit");
        assertEquals(300, config.verifyFailureWindowSeconds());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());

        ApiKeyConfig bounds = ApiKeyConfig.fromAttributes(Map.of(
                ApiKeyConfig.VERIFY_FAILURES_PER_IP, "10000",
                ApiKeyConfig.VERIFY_FAILURES_PER_KEY, "10000",
                ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS, "86400"));
        assertEquals(10_000, bounds.verifyFailuresPerIp());
        assertEquals(10_000, bounds.verifyFailuresPerKey());
        assertEquals(86_400, bounds.verifyFailureWindowSeconds());
        assertTrue(bounds.warnings().isEmpty(), bounds.warnings().toString());
        assertEquals(1, ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS, "1"))
                .verifyFailureWindowSeconds());

        Map<String, String> bad = Map.of(
                ApiKeyConfig.VERIFY_FAILURES_PER_IP, "10001",
                ApiKeyConfig.VERIFY_FAILURES_PER_KEY, "-1",
                ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS, "0");
        ApiKeyConfig invalid = ApiKeyConfig.fromAttributes(bad);
        assertDefaults(invalid);
        assertEquals(3, invalid.warnings().size(), invalid.warnings().toString());
        for (String name : bad.keySet()) {
            assertTrue(invalid.warnings().stream().anyMatch(w -> w.startsWith(name + " ")
                    && w.contains("using the default")), name);
        }
        for (String junk : List.of("1m", "ten", "1e3", "99999999999")) {
            ApiKeyConfig c = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS, junk));
            assertEquals(60, c.verifyFailureWindowSeconds(), junk);
            assertEquals(1, c.warnings().size(), junk);
        }
        assertTrue(ApiKeyConfig.defaults().toString().contains("verifyFailuresPerIp=0"));
    }

    @Test
    void verifyAccessValues() {
        assertEquals("any-caller", ApiKeyVerifyAccess.ANY_CALLER.configValue());
        assertEquals("role", ApiKeyVerifyAccess.ROLE.configValue());
        assertEquals("verify-api-keys", ApiKeyVerifyAccess.VERIFY_ROLE);
        assertEquals(Optional.empty(), ApiKeyVerifyAccess.fromConfigValue(null));
    }

    private static void assertDefaults(ApiKeyConfig config) {
        assertTrue(config.enabled());
        assertEquals("uss_", config.prefix());
        assertEquals(365, config.maxLifetimeDays());
        assertEquals(90, config.defaultLifetimeDays());
        assertEquals(ApiKeyVerifyAccess.ROLE, config.verifyAccess());
        assertEquals(86_400, config.rotationMaxGraceSeconds());
        assertEquals(0, config.verifyFailuresPerIp(), "role mode: verifiers are back ends, no per-address limit");
        assertEquals(10, config.verifyFailuresPerKey());
        assertEquals(60, config.verifyFailureWindowSeconds());
    }

    @Test
    void anyCallerModeLimitsFailuresPerAddressByDefault() {
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(java.util.Map.of("usso.api-keys.verify-access", "any-caller"));
        assertEquals(20, config.verifyFailuresPerIp());
        assertEquals(10, config.verifyFailuresPerKey());
        ApiKeyConfig explicit = ApiKeyConfig.fromAttributes(java.util.Map.of("usso.api-keys.verify-failures-per-ip", "7"));
        assertEquals(7, explicit.verifyFailuresPerIp(), "an explicit limit applies in role mode too");
    }
}
