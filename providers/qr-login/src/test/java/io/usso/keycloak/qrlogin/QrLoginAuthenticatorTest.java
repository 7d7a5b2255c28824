package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

class QrLoginAuthenticatorTest {

    private static final long NOW = 1_800_000_000L;
    private final QrAttempt attempt = QrTestData.draft(NOW).withId("id", null);

    @Test
    void aSubmissionThatCannotContinueSaysWhy() {
        assertEquals("ussoQrDenied", QrLoginAuthenticator.messageFor(attempt,
                new QrOutcome(QrStatus.DENIED, "u", null, QrOutcome.WEB, "denied"), NOW));
        assertEquals("ussoQrCancelled", QrLoginAuthenticator.messageFor(attempt,
                new QrOutcome(QrStatus.CANCELLED, "u", null, QrOutcome.WEB, "wrong_number"), NOW));
        assertEquals("ussoQrExpired", QrLoginAuthenticator.messageFor(attempt,
                new QrOutcome(QrStatus.EXPIRED, null, null, null, "expired"), NOW));
        assertEquals("ussoQrExpired", QrLoginAuthenticator.messageFor(null, null, NOW), "consumed or unknown");
        assertEquals("ussoQrExpired", QrLoginAuthenticator.messageFor(attempt, null, NOW + 500));
        assertEquals("ussoQrNotApprovedYet", QrLoginAuthenticator.messageFor(attempt, null, NOW + 1));
        assertNull(QrLoginAuthenticator.messageFor(attempt,
                new QrOutcome(QrStatus.APPROVED, "u", null, QrOutcome.WEB, null), NOW));
    }

    @Test
    void theFactoryDescribesAConfigurableBrowserAuthenticator() {
        QrLoginAuthenticatorFactory factory = new QrLoginAuthenticatorFactory();
        assertEquals("usso-qr-login", factory.getId());
        assertEquals("QR code login", factory.getDisplayType());
        assertTrue(factory.isConfigurable());
        assertFalse(factory.isUserSetupAllowed());
        assertEquals(List.of(Requirement.ALTERNATIVE, Requirement.REQUIRED, Requirement.DISABLED),
                Arrays.asList(factory.getRequirementChoices()));
        assertEquals(QrLoginConfig.properties().size(), factory.getConfigProperties().size());
        assertFalse(factory.create(null).requiresUser(), "it identifies the user itself");
        assertEquals("160", factory.getOperationalInfo().get("codeEntropyBits"));
    }
}
