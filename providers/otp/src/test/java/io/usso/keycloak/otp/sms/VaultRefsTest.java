package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VaultRefsTest {

    private static final Map<String, String> VAULT = Map.of("sms_token", "s3cr3t", "kave.key", "K-1");

    private static String resolve(String value) throws SmsSendException {
        return VaultRefs.resolve(value, name -> Optional.ofNullable(VAULT.get(name)));
    }

    @Test
    void referencesAnywhereInAValueAreResolved() throws Exception {
        assertEquals("Bearer s3cr3t", resolve("Bearer ${vault.sms_token}"));
        assertEquals("K-1", resolve("${vault.kave.key}"));
        assertEquals("a s3cr3t b K-1", resolve("a ${vault.sms_token} b ${vault.kave.key}"));
        assertEquals("no reference", resolve("no reference"));
        assertNull(resolve(null));
    }

    @Test
    void anUnknownSecretIsAnErrorNeverSentAsIs() {
        assertEquals("vault_secret_missing", assertThrows(SmsSendException.class,
                () -> resolve("Bearer ${vault.missing}")).reason());
    }

    @Test
    void nonCredentialFieldsRefuseReferencesInAnyCase() throws Exception {
        assertEquals("https://sms.example.com/send", VaultRefs.refuse("https://sms.example.com/send", "sms.http.url"));
        assertNull(VaultRefs.refuse(null, "sms.http.url"));
        for (String bad : new String[] {"https://x/${vault.key}", "${vault.key}", "a ${VAULT.Key} b"}) {
            SmsSendException e = assertThrows(SmsSendException.class, () -> VaultRefs.refuse(bad, "sms.http.url"));
            assertEquals("vault_reference_not_allowed", e.reason());
            assertTrue(e.getMessage().startsWith("sms.http.url "), e.getMessage());
        }
    }

    @Test
    void malformedReferencesAreErrors() {
        assertEquals("vault_reference_invalid", assertThrows(SmsSendException.class,
                () -> resolve("${vault.unclosed")).reason());
        assertEquals("vault_reference_invalid", assertThrows(SmsSendException.class,
                () -> resolve("${vault.}")).reason());
        assertEquals("vault_reference_invalid", assertThrows(SmsSendException.class,
                () -> resolve("${vault.a b}")).reason());
    }
}
