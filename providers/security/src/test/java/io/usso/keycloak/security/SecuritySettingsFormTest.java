package io.usso.keycloak.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.common.security.TenantSecuritySettings;

class SecuritySettingsFormTest {

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void theTabHoldsTheBudgetsTheSmsRulesAndTheReauthenticationAge() {
        List<ProviderConfigProperty> properties = SecuritySettingsForm.properties();
        assertEquals(SecuritySettingsField.values().length, properties.size());
        for (ProviderConfigProperty p : properties) {
            assertFalse(p.getName().contains("."), "dots are nested paths in the admin console: " + p.getName());
            assertFalse(p.getHelpText() == null || p.getHelpText().isBlank(), p.getName());
        }
        Set<String> attributes = Arrays.stream(SecuritySettingsField.values()).map(SecuritySettingsField::attribute)
                .collect(Collectors.toSet());
        assertEquals(Set.of("usso.security.emails-per-hour", "usso.security.sms-per-hour",
                "usso.security.sms-country-codes", "usso.security.sms-per-user-per-hour",
                "usso.security.sms-per-user-per-day", "usso.security.reauth-max-age-seconds",
                "usso.security.impersonation-max-minutes", "usso.security.impersonation-reason-min-length"),
                attributes);
        assertEquals("Sensitive actions need a sign-in no older than, seconds",
                SecuritySettingsField.REAUTH_MAX_AGE_SECONDS.label());
    }

    @Test
    void anEmptyFormIsValidAndMeansTheDefaults() {
        assertEquals(List.of(), SecuritySettingsForm.problems(form()));
        Map<String, String> changes = SecuritySettingsForm.attributeChanges(null, form());
        assertEquals(SecuritySettingsField.values().length, changes.size());
        assertTrue(changes.values().stream().allMatch(v -> v == null), "every attribute removed = defaults");
    }

    @Test
    void validValuesAreWrittenNormalisedAndReadBackAlike() {
        Map<String, String> f = form("emailsPerHour", " 200 ", "smsPerHour", "0", "smsCountryCodes", "+971 98,1",
                "smsPerUserPerHour", "4", "smsPerUserPerDay", "12", "reauthMaxAgeSeconds", "300",
                "impersonationMaxMinutes", "15", "impersonationReasonMinLength", "0");
        assertEquals(List.of(), SecuritySettingsForm.problems(f));
        Map<String, String> changes = SecuritySettingsForm.attributeChanges(null, f);
        assertEquals("200", changes.get(TenantSecuritySettings.EMAILS_PER_HOUR));
        assertEquals("1, 98, 971", changes.get(TenantSecuritySettings.SMS_COUNTRY_CODES));
        TenantSecuritySettings settings = TenantSecuritySettings.fromAttributes(changes);
        assertEquals(List.of(), settings.warnings());
        assertEquals(200, settings.emailsPerHour());
        assertEquals(0, settings.smsPerHour());
        assertEquals(Set.of(1, 98, 971), settings.smsCountryCodes());
        assertEquals(4, settings.smsPerUserPerHour());
        assertEquals(12, settings.smsPerUserPerDay());
        assertEquals(300, settings.reauthMaxAgeSeconds());
        assertEquals(15, settings.impersonationMaxMinutes());
        assertEquals(0, settings.impersonationReasonMinLength());
        assertEquals("*", SecuritySettingsField.SMS_COUNTRY_CODES.normalise(" * "));
    }

    @Test
    void badValuesAreRefusedWithTheFieldLabel() {
        Map<String, String> f = form("emailsPerHour", "-1", "smsPerHour", "100001", "smsCountryCodes", "IR",
                "smsPerUserPerHour", "1e3", "smsPerUserPerDay", "９", "reauthMaxAgeSeconds", "10",
                "impersonationMaxMinutes", "0", "impersonationReasonMinLength", "201");
        List<String> problems = SecuritySettingsForm.problems(f);
        assertEquals(SecuritySettingsField.values().length, problems.size(), problems.toString());
        for (SecuritySettingsField field : SecuritySettingsField.values()) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field.label())), field + " " + problems);
        }
        assertEquals(1, SecuritySettingsForm.problems(form("reauthMaxAgeSeconds", "86401")).size());
        assertEquals(1, SecuritySettingsForm.problems(form("emailsPerHour", "9".repeat(12))).size());
    }

    @Test
    void aFirstSaveAdoptsWhatTheRealmAlreadyHasForEmptyFields() {
        Map<String, String> realm = Map.of(TenantSecuritySettings.SMS_PER_HOUR, "50",
                TenantSecuritySettings.EMAILS_PER_HOUR, "lots", TenantSecuritySettings.SMS_COUNTRY_CODES, "98",
                "other.attribute", "x");
        Map<String, String> adopted = SecuritySettingsForm.adoptExisting(form("smsCountryCodes", "971"), realm);
        assertEquals(Map.of("smsPerHour", "50"), adopted, "valid and not typed by the admin; the typed value wins");
        assertEquals(Map.of(), SecuritySettingsForm.adoptExisting(form(), null));
    }

    @Test
    void laterSavesWriteOnlyTheFieldsThatChanged() {
        Map<String, String> before = form("smsPerHour", "50", "smsCountryCodes", "98");
        Map<String, String> after = form("smsPerHour", "60", "smsCountryCodes", "+98");
        assertEquals(Map.of(TenantSecuritySettings.SMS_PER_HOUR, "60"),
                SecuritySettingsForm.attributeChanges(before, after));
        Map<String, String> cleared = SecuritySettingsForm.attributeChanges(before, form("smsPerHour", "50"));
        assertEquals(1, cleared.size());
        assertNull(cleared.get(TenantSecuritySettings.SMS_COUNTRY_CODES), "emptied = back to the default");
    }
}
