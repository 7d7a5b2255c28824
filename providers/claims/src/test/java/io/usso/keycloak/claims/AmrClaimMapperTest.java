package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.AccessToken;

class AmrClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final AmrClaimMapper mapper = new AmrClaimMapper();

    private void execution(String id, String authenticator, String configId) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setId(id);
        execution.setAuthenticator(authenticator);
        execution.setAuthenticatorConfig(configId);
        when(f.realm.getAuthenticationExecutionById(id)).thenReturn(execution);
    }

    private Object amr(ProtocolMapperModel model) {
        return f.access(mapper, model).getOtherClaims().get("amr");
    }

    @Test
    void completedExecutionsInCompletionOrderWithMfa() {
        execution("e-otp", "auth-otp-form", null);
        execution("e-pwd", "auth-username-password-form", null);
        execution("e-cookie", "auth-cookie", null);
        when(f.userSession.getNote("authenticators-completed"))
                .thenReturn("{\"e-otp\":1700000100,\"e-pwd\":1700000050,\"e-cookie\":1700000001,\"e-gone\":1700000002}");
        assertEquals(List.of("pwd", "otp", "mfa"), amr(AmrClaimMapper.create("amr")));
    }

    @Test
    void referenceValueOfExecutionConfigWins() {
        execution("e-otp", "auth-otp-form", "cfg-1");
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(Map.of("default.reference.value", "sms"));
        when(f.realm.getAuthenticatorConfigById("cfg-1")).thenReturn(config);
        when(f.userSession.getNote("authenticators-completed")).thenReturn("{\"e-otp\":1}");
        assertEquals(List.of("sms"), amr(AmrClaimMapper.create("amr")));
    }

    @Test
    void mappingConfigAndRecordedValuesAndFederation() {
        execution("e-magic", "usso-magic-link", null);
        when(f.userSession.getNote("authenticators-completed")).thenReturn("{\"e-magic\":1}");
        when(f.userSession.getNote("usso.amr")).thenReturn("otp");
        when(f.userSession.getNote("identity_provider")).thenReturn("google");
        assertEquals(List.of("email", "fed", "otp"), amr(AmrClaimMapper.create("amr", "usso-magic-link=email")));
    }

    @Test
    void recordedValuesAloneCanMakeMfa() {
        when(f.userSession.getNote("usso.amr")).thenReturn("pwd hwk");
        assertEquals(List.of("pwd", "hwk", "mfa"),
                f.id(mapper, AmrClaimMapper.create("amr")).getOtherClaims().get("amr"));
    }

    @Test
    void nothingKnownOmitsClaimAndBrokenNoteDoesNotFail() {
        when(f.userSession.getNote("authenticators-completed")).thenReturn("not json");
        assertFalse(f.access(mapper, AmrClaimMapper.create("amr")).getOtherClaims().containsKey("amr"));
        AccessToken noSession = mapper.transformAccessToken(new AccessToken(), AmrClaimMapper.create("amr"),
                f.session, null, f.clientSessionCtx);
        assertFalse(noSession.getOtherClaims().containsKey("amr"));
    }

    @Test
    void validateConfigRejectsBadMapping() throws ProtocolMapperConfigException {
        mapper.validateConfig(f.session, f.realm, null, AmrClaimMapper.create("amr", "a=otp\n# fine\n"));
        assertThrows(ProtocolMapperConfigException.class,
                () -> mapper.validateConfig(f.session, f.realm, null, AmrClaimMapper.create("amr", "a=OTP")));
    }
}
