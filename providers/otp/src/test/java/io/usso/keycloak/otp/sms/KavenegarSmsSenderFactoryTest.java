package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

class KavenegarSmsSenderFactoryTest {

    private static final SmsMessage MESSAGE = new SmsMessage("989121234567", "code 123456", "123456", "fa");

    private final KavenegarSmsSenderFactory factory = new KavenegarSmsSenderFactory();

    @AfterEach
    void close() {
        factory.close();
    }

    private void init(String baseUrl, String allowedHosts) {
        Config.Scope config = mock(Config.Scope.class);
        when(config.get(KavenegarSmsSenderFactory.BASE_URL)).thenReturn(baseUrl);
        when(config.get(KavenegarSmsSenderFactory.ALLOWED_HOSTS)).thenReturn(allowedHosts);
        factory.init(config);
    }

    private static KeycloakSession session() {
        KeycloakSession session = mock(KeycloakSession.class);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        VaultStringSecret none = mock(VaultStringSecret.class);
        when(none.get()).thenReturn(Optional.empty());
        when(vault.getStringSecret(org.mockito.ArgumentMatchers.anyString())).thenReturn(none);
        when(session.vault()).thenReturn(vault);
        return session;
    }

    @Test
    void theDefaultBaseUrlsHostIsAllowedAndTheOptionAddsHosts() {
        init(null, null);
        assertEquals("api.kavenegar.com", factory.getOperationalInfo().get("allowed-hosts"));
        factory.close();
        init("https://sms-proxy.example.com:8443/kave", "kave.example.net, bad host");
        assertEquals("sms-proxy.example.com:8443,kave.example.net", factory.getOperationalInfo().get("allowed-hosts"));
    }

    @Test
    void aTenantBaseUrlOffTheListIsRefusedBeforeAnyRequest() {
        init(null, null);
        SmsSendException e = assertThrows(SmsSendException.class, () -> factory.create(session()).send(MESSAGE,
                Map.of(SmsSettings.KAVENEGAR_API_KEY, "KEY", SmsSettings.KAVENEGAR_BASE_URL, "http://evil.example")));
        assertEquals("host_not_allowed", e.reason());
    }

    @Test
    void vaultReferencesAreResolvedOnlyInTheApiKey() {
        init(null, null);
        for (String field : new String[] {SmsSettings.KAVENEGAR_BASE_URL, SmsSettings.KAVENEGAR_SENDER,
                SmsSettings.KAVENEGAR_TEMPLATE}) {
            assertEquals("vault_reference_not_allowed", assertThrows(SmsSendException.class,
                    () -> factory.create(session()).send(MESSAGE, Map.of(SmsSettings.KAVENEGAR_API_KEY, "KEY", field,
                            "${vault.kavenegar_api_key}"))).reason(), field);
        }
        assertEquals("vault_secret_missing", assertThrows(SmsSendException.class, () -> factory.create(session())
                .send(MESSAGE, Map.of(SmsSettings.KAVENEGAR_API_KEY, "${vault.kavenegar_api_key}"))).reason(),
                "the API key is a credential field: its reference goes to the vault");
    }
}
