package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KavenegarRequestTest {

    private static final SmsMessage MESSAGE = new SmsMessage("989121234567", "کد ورود: 123456", "123456", "fa");

    @Test
    void plainSendGoesToSmsSendWithReceptorMessageAndSender() throws Exception {
        KavenegarRequest request = KavenegarRequest.of("https://api.kavenegar.com/", "ABC-123", "10004346", null,
                MESSAGE);
        assertEquals("https://api.kavenegar.com/v1/ABC-123/sms/send.json", request.url());
        assertEquals(Map.of("receptor", "09121234567", "message", "کد ورود: 123456", "sender", "10004346"),
                request.form());
        assertEquals("receptor=09121234567&message=%DA%A9%D8%AF+%D9%88%D8%B1%D9%88%D8%AF%3A+123456&sender=10004346",
                request.encodedForm());
        assertFalse(request.toString().contains("ABC-123"), "the key is never shown");
        assertFalse(request.toString().contains("123456"), "nor the code");
    }

    @Test
    void aTemplateUsesVerifyLookupWithTheCodeAsToken() throws Exception {
        KavenegarRequest request = KavenegarRequest.of(null, "KEY", "10004346", "usso-login", MESSAGE);
        assertEquals(KavenegarRequest.DEFAULT_BASE_URL + "/v1/KEY/verify/lookup.json", request.url());
        assertEquals(Map.of("receptor", "09121234567", "token", "123456", "template", "usso-login"), request.form());
    }

    @Test
    void foreignNumbersUseTheInternationalPrefix() {
        assertEquals("004915123456789", KavenegarRequest.receptor("4915123456789"));
        assertEquals("09121234567", KavenegarRequest.receptor("989121234567"));
    }

    @Test
    void aMissingOrOddKeyIsAConfigurationError() {
        assertEquals("not_configured", assertThrows(SmsSendException.class,
                () -> KavenegarRequest.of(null, " ", null, null, MESSAGE)).reason());
        assertEquals("not_configured", assertThrows(SmsSendException.class,
                () -> KavenegarRequest.of(null, "KEY/../x", null, null, MESSAGE)).reason());
    }

    @Test
    void onlyStatus200InsideAnHttp200IsSuccess() {
        assertDoesNotThrow(() -> KavenegarRequest.checkAnswer(200,
                "{\"return\":{\"status\":200,\"message\":\"تایید شد\"},\"entries\":[{\"messageid\":1}]}"));
        assertEquals("gateway_418", assertThrows(SmsSendException.class, () -> KavenegarRequest.checkAnswer(418,
                "{\"return\":{\"status\":418,\"message\":\"اعتبار کافی نیست\"},\"entries\":null}")).reason());
        assertEquals("gateway_411", assertThrows(SmsSendException.class, () -> KavenegarRequest.checkAnswer(200,
                "{\"return\":{\"status\":411,\"message\":\"x\"}}")).reason());
        assertEquals("http_502", assertThrows(SmsSendException.class,
                () -> KavenegarRequest.checkAnswer(502, "<html>bad gateway</html>")).reason());
        assertEquals("http_200", assertThrows(SmsSendException.class,
                () -> KavenegarRequest.checkAnswer(200, "not json")).reason());
    }
}
