package io.usso.keycloak.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class TenantSecuritySettingsTest {

    @Test
    void defaultsAreSafeButLetANormalTenantWork() {
        TenantSecuritySettings d = TenantSecuritySettings.defaults();
        assertEquals(1000, d.emailsPerHour());
        assertEquals(300, d.smsPerHour());
        assertEquals(10, d.smsPerUserPerHour());
        assertEquals(30, d.smsPerUserPerDay());
        assertEquals(600, d.reauthMaxAgeSeconds());
        assertFalse(d.allSmsCountries());
        assertTrue(d.smsCountryCodes().isEmpty());
        assertTrue(d.smsCountryAllowed(98, 98), "the default region's country");
        assertFalse(d.smsCountryAllowed(1, 98), "no other country unless the tenant lists it");
        assertEquals(List.of(), d.warnings());
        assertEquals(d.toString(), TenantSecuritySettings.of(null).toString());
    }

    @Test
    void valuesAreReadFromTheRealmsAttributes() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttribute(TenantSecuritySettings.EMAILS_PER_HOUR)).thenReturn(" 50 ");
        when(realm.getAttribute(TenantSecuritySettings.SMS_PER_HOUR)).thenReturn("0");
        when(realm.getAttribute(TenantSecuritySettings.SMS_COUNTRY_CODES)).thenReturn("+98, 971 1");
        when(realm.getAttribute(TenantSecuritySettings.SMS_PER_USER_PER_HOUR)).thenReturn("3");
        when(realm.getAttribute(TenantSecuritySettings.SMS_PER_USER_PER_DAY)).thenReturn("7");
        when(realm.getAttribute(TenantSecuritySettings.REAUTH_MAX_AGE_SECONDS)).thenReturn("300");
        TenantSecuritySettings s = TenantSecuritySettings.of(realm);
        assertEquals(50, s.emailsPerHour());
        assertEquals(0, s.smsPerHour(), "0 = no budget");
        assertEquals(Set.of(1, 98, 971), s.smsCountryCodes());
        assertTrue(s.smsCountryAllowed(971, 98));
        assertFalse(s.smsCountryAllowed(44, 98));
        assertEquals(3, s.smsPerUserPerHour());
        assertEquals(7, s.smsPerUserPerDay());
        assertEquals(300, s.reauthMaxAgeSeconds());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void aStarAllowsEveryCountry() {
        TenantSecuritySettings s = TenantSecuritySettings.fromAttributes(
                Map.of(TenantSecuritySettings.SMS_COUNTRY_CODES, " * "));
        assertTrue(s.allSmsCountries());
        assertTrue(s.smsCountryAllowed(882, 98));
    }

    @Test
    void badValuesFallBackToTheDefaultsWithAWarningThatNamesNoValue() {
        TenantSecuritySettings s = TenantSecuritySettings.fromAttributes(Map.of(
                TenantSecuritySettings.EMAILS_PER_HOUR, "lots",
                TenantSecuritySettings.SMS_PER_HOUR, "100001",
                TenantSecuritySettings.SMS_COUNTRY_CODES, "98,secret-ish",
                TenantSecuritySettings.SMS_PER_USER_PER_HOUR, "-1",
                TenantSecuritySettings.SMS_PER_USER_PER_DAY, "9".repeat(12),
                TenantSecuritySettings.REAUTH_MAX_AGE_SECONDS, "5"));
        assertEquals(TenantSecuritySettings.defaults().emailsPerHour(), s.emailsPerHour());
        assertEquals(TenantSecuritySettings.defaults().smsPerHour(), s.smsPerHour());
        assertTrue(s.smsCountryCodes().isEmpty());
        assertEquals(TenantSecuritySettings.defaults().smsPerUserPerHour(), s.smsPerUserPerHour());
        assertEquals(TenantSecuritySettings.defaults().smsPerUserPerDay(), s.smsPerUserPerDay());
        assertEquals(30, s.reauthMaxAgeSeconds(), "clamped, exactly as ReauthMaxAge reads it");
        assertEquals(6, s.warnings().size(), s.warnings().toString());
        assertFalse(s.warnings().stream().anyMatch(w -> w.contains("secret-ish")), s.warnings().toString());
    }

    @Test
    void theReauthenticationAgeIsReadAsTheTokenPolicyReadsIt() {
        for (String raw : new String[] {null, "", "600", "5", "90000", "abc", " 120 "}) {
            assertEquals(io.usso.keycloak.common.auth.ReauthMaxAge.parse(raw), TenantSecuritySettings.fromAttributes(
                    raw == null ? Map.of() : Map.of(TenantSecuritySettings.REAUTH_MAX_AGE_SECONDS, raw))
                    .reauthMaxAgeSeconds(), String.valueOf(raw));
        }
    }

    @Test
    void countryCodeListsAreChecked() {
        assertNull(TenantSecuritySettings.countryCodesProblem("98"));
        assertNull(TenantSecuritySettings.countryCodesProblem("+98,+971"));
        assertNull(TenantSecuritySettings.countryCodesProblem("*"));
        for (String bad : new String[] {"0", "1000", ",98", "+", "IR", "98;971", "٩٨"}) {
            assertTrue(TenantSecuritySettings.countryCodesProblem(bad) != null, bad);
        }
        assertTrue(TenantSecuritySettings.countryCodesProblem("1 ".repeat(101)) != null, "too many");
    }
}
