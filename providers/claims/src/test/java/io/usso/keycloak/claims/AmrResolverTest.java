package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AmrResolverTest {

    private final AmrResolver builtIn = new AmrResolver();

    private static List<CompletedAuthenticator> steps(String... providerIds) {
        List<CompletedAuthenticator> steps = new ArrayList<>();
        for (String id : providerIds) {
            steps.add(CompletedAuthenticator.of(id));
        }
        return steps;
    }

    @Test
    void builtInTable() {
        assertEquals(Optional.of("pwd"), builtIn.amrFor("auth-username-password-form"));
        assertEquals(Optional.of("pwd"), builtIn.amrFor("direct-grant-validate-password"));
        assertEquals(Optional.of("otp"), builtIn.amrFor("auth-otp-form"));
        assertEquals(Optional.of("otp"), builtIn.amrFor("auth-recovery-authn-code-form"));
        assertEquals(Optional.of("hwk"), builtIn.amrFor("webauthn-authenticator-passwordless"));
        assertEquals(Optional.of("fed"), builtIn.amrFor("identity-provider-redirector"));
        assertEquals(Optional.of("fed"), builtIn.amrFor("idp-review-profile"), "prefix idp-*");
        assertEquals(Optional.of("pwd"), builtIn.amrFor("idp-username-password-form"), "exact beats prefix");
        assertEquals(Optional.of("x509"), builtIn.amrFor("auth-x509-client-username-form"));
    }

    @Test
    void unknownAndNonMethodAuthenticatorsAreIgnored() {
        assertEquals(List.of("pwd"), builtIn.resolve(
                steps("auth-cookie", "auth-username-password-form", "conditional-user-configured", "my-thing"),
                List.of()));
        assertEquals(Optional.empty(), builtIn.amrFor(null));
    }

    @Test
    void passwordAndOtpIsMfa() {
        assertEquals(List.of("pwd", "otp", "mfa"),
                builtIn.resolve(steps("auth-username-password-form", "auth-otp-form"), List.of()));
    }

    @Test
    void twoFactorsOfTheSameKindAreNotMfa() {
        assertEquals(List.of("otp", "hwk"), builtIn.resolve(steps("auth-otp-form", "webauthn-authenticator"), List.of()));
        assertEquals(List.of("pwd"), builtIn.resolve(steps("auth-username-password-form", "auth-password-form"), List.of()));
    }

    @Test
    void federationDoesNotCountAsAFactor() {
        assertEquals(List.of("fed", "otp"), builtIn.resolve(steps("idp-create-user-if-unique", "auth-otp-form"), List.of()));
    }

    @Test
    void configOverridesAndExtendsTheTable() {
        List<String> problems = new ArrayList<>();
        Map<String, String> mapping = AmrResolver.parseMapping(String.join("\n",
                "# comment",
                "auth-otp-form = sms",
                "",
                "my-magic-link=email",
                "legacy-*=pin",
                "webauthn-authenticator="), problems);
        assertTrue(problems.isEmpty(), problems.toString());
        AmrResolver resolver = new AmrResolver(mapping);
        assertEquals(Optional.of("sms"), resolver.amrFor("auth-otp-form"));
        assertEquals(Optional.of("email"), resolver.amrFor("my-magic-link"));
        assertEquals(Optional.of("pin"), resolver.amrFor("legacy-card"));
        assertEquals(Optional.empty(), resolver.amrFor("webauthn-authenticator"), "empty value removes");
        assertEquals(Optional.of("pwd"), resolver.amrFor("auth-password-form"), "rest of the table stays");
    }

    @Test
    void invalidMappingLinesAreReportedAndSkipped() {
        List<String> problems = new ArrayList<>();
        Map<String, String> mapping = AmrResolver.parseMapping("a=OTP\nno-equals\n=pwd\r\nok=otp\nbad key=pwd", problems);
        assertEquals(Map.of("ok", "otp"), mapping);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 1:"));
        assertTrue(problems.get(1).startsWith("line 2:"));
    }

    @Test
    void referenceValueWins() {
        List<CompletedAuthenticator> steps = List.of(
                new CompletedAuthenticator("auth-username-password-form", null),
                new CompletedAuthenticator("auth-otp-form", "sms"),
                new CompletedAuthenticator("my-custom", "face"));
        assertEquals(List.of("pwd", "sms", "face", "mfa"), builtIn.resolve(steps, List.of()));
    }

    @Test
    void invalidReferenceValueFallsBackToTable() {
        List<CompletedAuthenticator> steps = List.of(new CompletedAuthenticator("auth-otp-form", "Not Valid"),
                new CompletedAuthenticator("auth-password-form", "  "));
        assertEquals(List.of("otp", "pwd", "mfa"), builtIn.resolve(steps, List.of()));
    }

    @Test
    void additionalValuesAreAppendedValidatedAndDeduplicated() {
        assertEquals(List.of("pwd", "sms", "mfa"),
                builtIn.resolve(steps("auth-username-password-form"), List.of("sms", "pwd", "BAD VALUE")));
        assertEquals(List.of("hwk"), builtIn.resolve(List.of(), List.of("hwk")));
    }

    @Test
    void magicLinkAndQrApprovalArePossessionFactors() {
        assertEquals(List.of("pwd", "email", "mfa"),
                builtIn.resolve(steps("auth-username-password-form"), List.of("email")));
        assertEquals(List.of("pwd", "qr", "mfa"), builtIn.resolve(steps("auth-username-password-form"), List.of("qr")));
        assertEquals(List.of("qr"), builtIn.resolve(List.of(), List.of("qr")), "a QR approval alone is one factor");
        assertEquals(List.of("email", "otp"), builtIn.resolve(List.of(), List.of("email", "otp")), "same kind twice");
    }

    @Test
    void mfaIsNotDuplicated() {
        assertEquals(List.of("mfa", "pwd", "otp"), builtIn.resolve(steps(), List.of("mfa", "pwd", "otp")));
    }

    @Test
    void multiFactorRule() {
        assertTrue(AmrResolver.isMultiFactor(List.of("pwd", "hwk")));
        assertTrue(AmrResolver.isMultiFactor(List.of("otp", "fpt")));
        assertFalse(AmrResolver.isMultiFactor(List.of("pwd", "kba", "pin")));
        assertFalse(AmrResolver.isMultiFactor(List.of("fed", "user", "pwd")));
        assertFalse(AmrResolver.isMultiFactor(List.of()));
    }
}
