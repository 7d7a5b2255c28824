package io.usso.keycloak.apikeys.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.apikeys.ApiKeyConfig;

class ApiKeySettingsFormTest {

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyFieldEditsAKnownApiKeyAttributeAndHasAHelpText() {
        List<ProviderConfigProperty> properties = ApiKeySettingsForm.properties();
        assertEquals(ApiKeySettingsField.values().length, properties.size());
        for (ProviderConfigProperty p : properties) {
            assertFalse(p.getName().contains("."), "dots are nested paths in the admin console: " + p.getName());
            assertFalse(p.getHelpText() == null || p.getHelpText().isBlank(), p.getName());
        }
        Set<String> attributes = java.util.Arrays.stream(ApiKeySettingsField.values())
                .map(ApiKeySettingsField::attribute).collect(Collectors.toSet());
        assertEquals(Set.of(ApiKeyConfig.ENABLED, ApiKeyConfig.PREFIX, ApiKeyConfig.MAX_LIFETIME_DAYS,
                ApiKeyConfig.DEFAULT_LIFETIME_DAYS, ApiKeyConfig.VERIFY_ACCESS, ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS,
                ApiKeyConfig.VERIFY_FAILURES_PER_IP, ApiKeyConfig.VERIFY_FAILURES_PER_KEY,
                ApiKeyConfig.VERIFY_FAILURE_WINDOW_SECONDS), attributes);
    }

    @Test
    void aNewFormIsValidAndItsValuesAreWhatApiKeyConfigAccepts() {
        Map<String, String> defaults = new HashMap<>();
        for (ApiKeySettingsField f : ApiKeySettingsField.values()) {
            defaults.put(f.formKey(), f.formDefault());
        }
        assertEquals(List.of(), ApiKeySettingsForm.problems(defaults));
        Map<String, String> attributes = new HashMap<>();
        ApiKeySettingsForm.attributeChanges(null, defaults).forEach((k, v) -> {
            if (v != null) {
                attributes.put(k, v);
            }
        });
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(attributes);
        assertEquals(List.of(), config.warnings());
        assertEquals(ApiKeyConfig.defaults().toString(), config.toString(), "a new form changes nothing");
    }

    @Test
    void validValuesPassAndAreWrittenNormalised() {
        Map<String, String> f = form("enabled", "FALSE", "prefix", " acme_ ", "maxLifetimeDays", "0",
                "defaultLifetimeDays", "30", "verifyAccess", "Any-Caller", "rotationMaxGraceSeconds", "600",
                "verifyFailuresPerIp", "5", "verifyFailuresPerKey", "0", "verifyFailureWindowSeconds", "120");
        assertEquals(List.of(), ApiKeySettingsForm.problems(f));
        Map<String, String> changes = ApiKeySettingsForm.attributeChanges(null, f);
        assertEquals("false", changes.get(ApiKeyConfig.ENABLED));
        assertEquals("acme_", changes.get(ApiKeyConfig.PREFIX));
        assertEquals("any-caller", changes.get(ApiKeyConfig.VERIFY_ACCESS));
        ApiKeyConfig config = ApiKeyConfig.fromAttributes(changes);
        assertEquals(List.of(), config.warnings());
        assertFalse(config.enabled());
        assertEquals("acme_", config.prefix());
        assertEquals(0, config.maxLifetimeDays());
        assertEquals(30, config.defaultLifetimeDays());
        assertEquals(5, config.verifyFailuresPerIp());
        assertEquals(120, config.verifyFailureWindowSeconds());
    }

    @Test
    void badValuesAreRefusedWithTheFieldLabel() {
        Map<String, String> f = form("enabled", "yes", "prefix", "Bad-", "maxLifetimeDays", "-1",
                "defaultLifetimeDays", "0", "verifyAccess", "everyone", "rotationMaxGraceSeconds", "1e3",
                "verifyFailuresPerIp", "10001", "verifyFailuresPerKey", "９", "verifyFailureWindowSeconds", "0");
        List<String> problems = ApiKeySettingsForm.problems(f);
        assertEquals(ApiKeySettingsField.values().length, problems.size(), problems.toString());
        for (ApiKeySettingsField field : ApiKeySettingsField.values()) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field.label())), field + " " + problems);
        }
        assertEquals(1, ApiKeySettingsForm.problems(form("maxLifetimeDays", "9".repeat(12))).size(), "too many digits");
    }

    @Test
    void theDefaultLifetimeMayNotExceedTheMaximum() {
        assertEquals(1, ApiKeySettingsForm.problems(form("maxLifetimeDays", "30", "defaultLifetimeDays", "31")).size());
        // blank maximum = 365
        assertEquals(1, ApiKeySettingsForm.problems(form("defaultLifetimeDays", "400")).size());
        // no maximum
        assertEquals(0, ApiKeySettingsForm.problems(form("maxLifetimeDays", "0", "defaultLifetimeDays", "400")).size());
        assertEquals(0, ApiKeySettingsForm.problems(form("maxLifetimeDays", "30", "defaultLifetimeDays", "30")).size());
    }

    @Test
    void blankTextFieldsRemoveTheAttribute() {
        Map<String, String> changes = ApiKeySettingsForm.attributeChanges(null, form("prefix", "  ", "enabled", "true"));
        assertTrue(changes.containsKey(ApiKeyConfig.PREFIX));
        assertNull(changes.get(ApiKeyConfig.PREFIX));
        assertNull(changes.get(ApiKeyConfig.MAX_LIFETIME_DAYS));
        assertEquals("true", changes.get(ApiKeyConfig.ENABLED));
    }

    @Test
    void aFirstSaveAdoptsWhatTheRealmAlreadyHasForUntouchedFields() {
        Map<String, String> realm = Map.of(ApiKeyConfig.PREFIX, "acme_", ApiKeyConfig.ENABLED, "FALSE",
                ApiKeyConfig.MAX_LIFETIME_DAYS, "not a number", ApiKeyConfig.VERIFY_ACCESS, "any-caller",
                "other.attribute", "x");
        // the admin only changed the default lifetime; everything else is as a new form shows it
        Map<String, String> submitted = form("enabled", "true", "prefix", "", "verifyAccess", "role",
                "defaultLifetimeDays", "7");
        Map<String, String> adopted = ApiKeySettingsForm.adoptExisting(submitted, realm);
        assertEquals(Map.of("prefix", "acme_", "enabled", "false", "verifyAccess", "any-caller"), adopted);
        // a value the admin typed wins over the realm's
        assertEquals(Map.of(), ApiKeySettingsForm.adoptExisting(form("prefix", "new_", "enabled", "false",
                "verifyAccess", "any-caller"), Map.of(ApiKeyConfig.PREFIX, "acme_")));
        assertEquals(Map.of(), ApiKeySettingsForm.adoptExisting(submitted, null));
    }

    @Test
    void laterSavesWriteOnlyTheFieldsThatChanged() {
        Map<String, String> before = form("enabled", "true", "prefix", "acme_", "maxLifetimeDays", "30");
        Map<String, String> after = form("enabled", "true", "prefix", "acme_", "maxLifetimeDays", "60");
        assertEquals(Map.of(ApiKeyConfig.MAX_LIFETIME_DAYS, "60"), ApiKeySettingsForm.attributeChanges(before, after));
        Map<String, String> cleared = ApiKeySettingsForm.attributeChanges(before, form("enabled", "true",
                "maxLifetimeDays", "30"));
        assertEquals(1, cleared.size());
        assertTrue(cleared.containsKey(ApiKeyConfig.PREFIX));
        assertNull(cleared.get(ApiKeyConfig.PREFIX), "emptied = back to the default");
        assertEquals(Map.of(), ApiKeySettingsForm.attributeChanges(before, form("enabled", "TRUE", "prefix",
                " acme_", "maxLifetimeDays", "30")), "same values after normalising");
    }
}
