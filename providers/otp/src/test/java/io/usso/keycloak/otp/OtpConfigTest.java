package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OtpConfigTest {

    @Test
    void defaultsAreUssos() {
        OtpConfig config = OtpConfig.parse(null);
        assertEquals(6, config.length());
        assertEquals(300, config.lifetimeSeconds());
        assertEquals(5, config.lifetimeMinutes());
        assertEquals(5, config.maxAttempts());
        assertEquals(30, config.resendCooldownSeconds());
        assertEquals(5, config.sendsPerIdentifier());
        assertEquals(20, config.sendsPerIp());
        assertEquals(900, config.sendWindowSeconds());
        assertEquals("IR", config.defaultRegion());
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void validValuesAreTaken() {
        OtpConfig config = OtpConfig.parse(Map.of(OtpConfig.LENGTH, "8", OtpConfig.LIFETIME_SECONDS, " 90 ",
                OtpConfig.MAX_ATTEMPTS, "3", OtpConfig.RESEND_COOLDOWN_SECONDS, "0", OtpConfig.SENDS_PER_IDENTIFIER, "0",
                OtpConfig.SENDS_PER_IP, "100", OtpConfig.SEND_WINDOW_SECONDS, "3600", OtpConfig.DEFAULT_REGION, "de"));
        assertEquals(8, config.length());
        assertEquals(90, config.lifetimeSeconds());
        assertEquals(2, config.lifetimeMinutes());
        assertEquals(3, config.maxAttempts());
        assertEquals(0, config.resendCooldownSeconds());
        assertEquals(0, config.sendsPerIdentifier());
        assertEquals(100, config.sendsPerIp());
        assertEquals(3600, config.sendWindowSeconds());
        assertEquals("DE", config.defaultRegion());
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void invalidValuesFallBackAndAreReportedWithoutTheirValue() {
        Map<String, String> raw = new HashMap<>();
        raw.put(OtpConfig.LENGTH, "3");
        raw.put(OtpConfig.LIFETIME_SECONDS, "-5");
        raw.put(OtpConfig.MAX_ATTEMPTS, "99999999999");
        raw.put(OtpConfig.RESEND_COOLDOWN_SECONDS, "thirty");
        raw.put(OtpConfig.DEFAULT_REGION, "XX-secret");
        raw.put(OtpConfig.SENDS_PER_IP, "");
        OtpConfig config = OtpConfig.parse(raw);
        assertEquals(OtpConfig.defaults().toString(), config.toString());
        assertEquals(5, config.warnings().size(), config.warnings().toString());
        assertFalse(config.warnings().toString().contains("XX-secret"));
        assertFalse(config.warnings().toString().contains("thirty"));
    }
}
