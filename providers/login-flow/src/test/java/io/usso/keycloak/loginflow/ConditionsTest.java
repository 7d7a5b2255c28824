package io.usso.keycloak.loginflow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

class ConditionsTest {

    private final RealmModel realm = mock(RealmModel.class);
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
    private final Map<String, AuthenticationSessionModel.ExecutionStatus> statuses = new HashMap<>();

    private AuthenticationFlowContext context(String key, String value) {
        AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
        when(context.getRealm()).thenReturn(realm);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(authSession.getExecutionStatus()).thenReturn(statuses);
        if (key != null) {
            AuthenticatorConfigModel config = new AuthenticatorConfigModel();
            config.setConfig(value == null ? Map.of() : Map.of(key, value));
            when(context.getAuthenticatorConfig()).thenReturn(config);
        }
        return context;
    }

    private void tenant(String methods, String secondFactor) {
        when(realm.getAttribute(LoginMethodSettings.METHODS)).thenReturn(methods);
        when(realm.getAttribute(LoginMethodSettings.SECOND_FACTOR)).thenReturn(secondFactor);
    }

    private boolean method(String method) {
        return new LoginMethodCondition().matchCondition(context(LoginMethodConditionFactory.METHOD, method));
    }

    private boolean secondFactor(String policy) {
        return new SecondFactorCondition().matchCondition(context(SecondFactorConditionFactory.POLICY, policy));
    }

    @Test
    void methodConditionFollowsTheTenantSetting() {
        tenant(null, null);
        assertTrue(method("password"));
        assertTrue(method("magic-link"));
        assertFalse(method("sms-otp"), "SMS is off by default");
        assertFalse(method("qr-login"), "QR is off by default");
        tenant("sms-otp", null);
        assertTrue(method("sms-otp"));
        assertFalse(method("password"), "switched off");
    }

    @Test
    void aMisconfiguredMethodConditionOffersNothing() {
        tenant(null, null);
        assertFalse(method("fingerprint"));
        assertFalse(method(null));
        assertFalse(new LoginMethodCondition().matchCondition(context(null, null)), "no config at all");
    }

    @Test
    void secondFactorConditionMatchesOnlyItsPolicy() {
        tenant(null, null);
        assertTrue(secondFactor("optional"), "optional is the default");
        assertFalse(secondFactor("required"));
        tenant(null, "required");
        assertTrue(secondFactor("required"));
        assertFalse(secondFactor("optional"));
        tenant(null, "off");
        assertFalse(secondFactor("optional"));
        assertFalse(secondFactor("required"));
        assertFalse(secondFactor("off"), "off never runs a second-factor sub-flow");
        assertFalse(secondFactor("bogus"));
    }

    @Test
    void aPasskeySignInIsBothFactors() {
        tenant(null, "required");
        AuthenticationExecutionModel passkey = new AuthenticationExecutionModel();
        passkey.setAuthenticator("webauthn-authenticator-passwordless");
        when(realm.getAuthenticationExecutionById("pk")).thenReturn(passkey);
        AuthenticationExecutionModel password = new AuthenticationExecutionModel();
        password.setAuthenticator("auth-password-form");
        when(realm.getAuthenticationExecutionById("pw")).thenReturn(password);
        statuses.put("pw", AuthenticationSessionModel.ExecutionStatus.SUCCESS);
        statuses.put("pk", AuthenticationSessionModel.ExecutionStatus.CHALLENGED);
        assertTrue(secondFactor("required"), "a tried but unfinished passkey does not count");
        statuses.put("pk", AuthenticationSessionModel.ExecutionStatus.SUCCESS);
        assertFalse(secondFactor("required"));
    }
}
