package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LogSmsSenderFactoryTest {

    private static final SmsMessage MESSAGE = new SmsMessage("989121234567", "123456 is your code", "123456", "en");

    @Test
    void refusesInProductionMode() {
        LogSmsSenderFactory factory = new LogSmsSenderFactory();
        factory.configure(false, false);
        SmsSendException e = assertThrows(SmsSendException.class, () -> factory.create(null).send(MESSAGE, Map.of()));
        assertEquals("disabled_in_production", e.reason());
        assertEquals("false", factory.getOperationalInfo().get("active"));
    }

    @Test
    void logsInDevelopmentModeOrWhenForced() {
        LogSmsSenderFactory dev = new LogSmsSenderFactory();
        dev.configure(false, true);
        assertDoesNotThrow(() -> dev.create(null).send(MESSAGE, Map.of()));
        LogSmsSenderFactory forced = new LogSmsSenderFactory();
        forced.configure(true, false);
        assertDoesNotThrow(() -> forced.create(null).send(MESSAGE, Map.of()));
        assertEquals("production", forced.getOperationalInfo().get("mode"));
    }

    @Test
    void theMessageNeverPrintsItsTextOrCode() {
        assertEquals(-1, MESSAGE.toString().indexOf("123456"));
    }
}
