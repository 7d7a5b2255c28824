package io.usso.keycloak.loginflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoginMethodSettingsTest {

    @Test
    void defaultsWorkWithoutAnSmsGatewayOrPhoneApp() {
        LoginMethodSettings d = LoginMethodSettings.parse(null, null);
        assertEquals(EnumSet.of(LoginMethod.PASSWORD, LoginMethod.PASSKEY, LoginMethod.MAGIC_LINK,
                LoginMethod.EMAIL_OTP), d.methods());
        assertEquals(SecondFactorPolicy.OPTIONAL, d.secondFactor());
        assertEquals(LoginMethodSettings.DEFAULT_METHODS, d.methodsAttribute());
        for (LoginMethod m : LoginMethod.values()) {
            assertEquals(m.onByDefault(), d.enables(m), m.id());
        }
    }

    @Test
    void parsesAListIgnoringCaseSpacesAndUnknownNames() {
        LoginMethodSettings s = LoginMethodSettings.parse(" SMS-OTP , password,nonsense,,", "REQUIRED");
        assertEquals(EnumSet.of(LoginMethod.PASSWORD, LoginMethod.SMS_OTP), s.methods());
        assertEquals(SecondFactorPolicy.REQUIRED, s.secondFactor());
        assertEquals("password,sms-otp", s.methodsAttribute());
    }

    @Test
    void aListWithoutAnyKnownMethodNeverLocksTheTenantOut() {
        assertEquals(LoginMethodSettings.defaults(), LoginMethodSettings.parse("pasword", "sometimes"));
        assertEquals(LoginMethodSettings.defaults(), LoginMethodSettings.parse("", ""));
    }

    @Test
    void formRejectsUnknownMethodsAndPolicies() {
        assertEquals(List.of(), LoginMethodsForm.problems(Map.of("methods", "password, qr-login",
                "secondFactor", "off")));
        assertEquals(List.of(), LoginMethodsForm.problems(Map.of()));
        List<String> problems = LoginMethodsForm.problems(Map.of("methods", "password,fingerprint",
                "secondFactor", "maybe"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("fingerprint"), problems.get(0));
        assertFalse(LoginMethodsForm.problems(Map.of("methods", ",")).isEmpty(), "a list of nothing");
    }

    @Test
    void formWritesNormalisedAttributesAndRemovesBlankOnes() {
        Map<String, String> attributes = LoginMethodsForm.attributes(Map.of("methods", "email-otp, Password",
                "secondFactor", "Required"));
        assertEquals("password,email-otp", attributes.get(LoginMethodSettings.METHODS));
        assertEquals("required", attributes.get(LoginMethodSettings.SECOND_FACTOR));
        Map<String, String> blank = LoginMethodsForm.attributes(Map.of("methods", " "));
        assertTrue(blank.containsKey(LoginMethodSettings.METHODS) && blank.get(LoginMethodSettings.METHODS) == null);
        assertTrue(blank.containsKey(LoginMethodSettings.SECOND_FACTOR)
                && blank.get(LoginMethodSettings.SECOND_FACTOR) == null);
    }
}
