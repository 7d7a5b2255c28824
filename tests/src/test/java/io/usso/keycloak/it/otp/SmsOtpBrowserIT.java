package io.usso.keycloak.it.otp;

import io.usso.keycloak.it.support.OidcLogin;
import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS one-time codes in headless Chromium against the distribution, with a local HTTP server as the SMS gateway:
 * sign-in by phone number (http-json and Kavenegar-shaped gateways), gateway down (HTTP 500, closed port), the
 * development-only log sender in production mode, second factor, the phone verification required action, and a
 * gateway URL the server does not allow (its management port) refused by the outbound guard.
 */
class SmsOtpBrowserIT extends TenantIT {

    private static final String PASSWORD = "Sms-Browser-7!";
    private static final Duration SMS = Duration.ofSeconds(20);

    private SmsGateway gateway;
    private OtpTenant tenant;
    private String ullaId;

    private Map<String, String> httpJson(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "sms.sender", "http-json",
                "sms.http.url", gateway.url("/send"),
                "sms.http.headers", "Authorization: Bearer test-token",
                "sms.http.timeout-ms", "3000",
                "otp.resend-cooldown-seconds", "0"));
        config.putAll(extra);
        return config;
    }

    @Override
    protected void setUpTenant() {
        gateway = new SmsGateway();
        tenant = new OtpTenant(admin, realm);
        tenant.declarePhoneAttributes();
        tenant.client("sms-1f", tenant.flow("sms-1f", OtpTenant.Step.required("usso-sms-otp", httpJson(Map.of()))));
        tenant.client("sms-kave", tenant.flow("sms-kave", OtpTenant.Step.required("usso-sms-otp", Map.of(
                "sms.sender", "kavenegar", "sms.kavenegar.api-key", "TESTKEY-123",
                "sms.kavenegar.base-url", gateway.baseUrl(), "sms.kavenegar.sender", "10004346"))));
        // a tenant admin aiming the gateway at the server's management port: not on the server's allowed-hosts
        tenant.client("sms-ssrf", tenant.flow("sms-ssrf", OtpTenant.Step.required("usso-sms-otp", httpJson(Map.of(
                "sms.http.url", server.managementUrl() + "/metrics", "otp.sends-per-ip", "0")))));
        tenant.client("sms-log", tenant.flow("sms-log", OtpTenant.Step.required("usso-sms-otp",
                Map.of("sms.sender", "log"))));
        tenant.client("sms-2f", tenant.flow("sms-2f", OtpTenant.Step.required("auth-username-password-form"),
                OtpTenant.Step.required("usso-sms-otp", httpJson(Map.of()))));
        tenant.client("password", tenant.flow("password-only", OtpTenant.Step.required("auth-username-password-form")));
        tenant.verifyPhoneAction(httpJson(Map.of()));

        phoneUser("sara", "989121234567", true);
        phoneUser("tom", "989121234568", true);
        phoneUser("vera", "989121234569", true);
        phoneUser("will", "989121234560", true);
        phoneUser("xena", "989121234561", true);
        phoneUser("yuri", "989121234562", true);
        ullaId = phoneUser("ulla", "09351234567", false);
    }

    private String phoneUser(String username, String phone, boolean verified) {
        return admin.createUser(realm, username, PASSWORD, Map.of("attributes", Map.of(
                "phone_number", List.of(phone), "phone_number_verified", List.of(Boolean.toString(verified)))));
    }

    @AfterAll
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static List<String> amr(JsonNode tokens) {
        List<String> amr = new ArrayList<>();
        OidcLogin.claims(tokens.get("access_token").asText()).path("amr").forEach(v -> amr.add(v.asText()));
        return amr;
    }

    @Test
    void anSmsCodeSignsInByPhoneNumberTypedInPersianDigits() {
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-1f", "en")) {
            login.identifier("۰۹۱۲ ۱۲۳ ۴۵۶۷");
            assertTrue(login.codePageIntro().contains("+98 912 123 4567"), login.codePageIntro());
            SmsGateway.Received sms = gateway.await(before + 1, SMS);
            assertEquals("/send", sms.path());
            assertEquals("Bearer test-token", sms.authorization());
            JsonNode body = sms.json();
            assertEquals("989121234567", body.path("to").asText(), "canonical number: " + body);
            String text = body.path("text").asText();
            String code = SmsGateway.code(text);
            assertTrue(text.endsWith("@localhost #" + code), "WebOTP line bound to the host: " + text);
            login.code(code);
            JsonNode tokens = login.finish();
            assertEquals("sara", OidcLogin.claims(tokens.get("access_token").asText()).path("preferred_username")
                    .asText());
            assertTrue(amr(tokens).contains("sms"), "amr " + amr(tokens));
        }
    }

    @Test
    void aGatewayThatIsDownShowsCouldNotSendAndCountsNothing() {
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-1f", "en")) {
            gateway.answer(500);
            // more failures than the five sends a number gets per window: failures must not use them up
            for (int i = 0; i < 6; i++) {
                login.identifier("+98 912 123 4568");
                assertTrue(login.alert().contains("could not send the code"), login.alert());
                assertTrue(login.driver.findElements(By.id("otp")).isEmpty(), "no code page without a code");
            }
            login.screenshot("otp-sms-gateway-down");
            // meanwhile a number that belongs to nobody gets the same answer (an outage must not tell them apart)
            try (OtpLogin stranger = OtpLogin.start(realmUrl(), "sms-1f", "en")) {
                stranger.identifier("+98 912 765 4321");
                assertTrue(stranger.alert().contains("could not send the code"), stranger.alert());
                assertTrue(stranger.driver.findElements(By.id("otp")).isEmpty(), "no code page for nobody either");
            }
            gateway.answer(200);
            login.identifier("+98 912 123 4568");
            login.codePageIntro();
            SmsGateway.Received sms = gateway.await(before + 7, SMS);
            login.code(SmsGateway.code(sms.json().path("text").asText()));
            login.finish();
        } finally {
            gateway.answer(200);
        }
        boolean recorded = false;
        for (JsonNode event : tenant.events("SEND_VERIFY_EMAIL_ERROR")) {
            recorded |= "otp_send_failed".equals(event.path("error").asText())
                    && "http_500".equals(event.path("details").path("reason").asText())
                    && "sms".equals(event.path("details").path("channel").asText());
        }
        assertTrue(recorded, "an event records the failure");
    }

    @Test
    void anUnreachableGatewayShowsCouldNotSendThenWorksWhenBack() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-1f", "en")) {
            gateway.stop();
            login.identifier("09121234569");
            assertTrue(login.alert().contains("could not send the code"), login.alert());
            gateway.start();
            int before = gateway.received().size();
            login.identifier("09121234569");
            SmsGateway.Received sms = gateway.await(before + 1, SMS);
            login.code(SmsGateway.code(sms.json().path("text").asText()));
            login.finish();
        } finally {
            gateway.start();
        }
        boolean recorded = false;
        for (JsonNode event : tenant.events("SEND_VERIFY_EMAIL_ERROR")) {
            recorded |= "io_error".equals(event.path("details").path("reason").asText())
                    || "timeout".equals(event.path("details").path("reason").asText());
        }
        assertTrue(recorded, "an event records the unreachable gateway");
    }

    @Test
    void aKavenegarShapedGatewayGetsItsFormRequest() {
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-kave", "en")) {
            login.identifier("+989121234560");
            SmsGateway.Received sms = gateway.await(before + 1, SMS);
            assertEquals("/v1/TESTKEY-123/sms/send.json", sms.path());
            assertTrue(sms.contentType().startsWith("application/x-www-form-urlencoded"), sms.contentType());
            Map<String, String> form = sms.form();
            assertEquals("09121234560", form.get("receptor"));
            assertEquals("10004346", form.get("sender"));
            login.code(SmsGateway.code(form.get("message")));
            login.finish();
        }
    }

    @Test
    void aGatewayUrlTheServerDoesNotAllowIsRefusedWithoutARequest() {
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-ssrf", "en")) {
            login.identifier("09121234562");
            assertTrue(login.alert().contains("could not send the code"), login.alert());
        }
        assertEquals(before, gateway.received().size(), "nothing reached any gateway");
        boolean recorded = false;
        for (JsonNode event : tenant.events("SEND_VERIFY_EMAIL_ERROR")) {
            recorded |= "port_not_allowed".equals(event.path("details").path("reason").asText());
        }
        assertTrue(recorded, "the refusal is recorded with its reason");
    }

    @Test
    void theLogSenderRefusesInProductionMode() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-log", "en")) {
            login.identifier("09121234561");
            assertTrue(login.alert().contains("could not send the code"), login.alert());
        }
        boolean recorded = false;
        for (JsonNode event : tenant.events("SEND_VERIFY_EMAIL_ERROR")) {
            recorded |= "disabled_in_production".equals(event.path("details").path("reason").asText());
        }
        assertTrue(recorded, "the refusal is recorded");
        assertFalse(server.logText().contains("[development SMS]"), "no code in the production log");
    }

    @Test
    void anSmsCodeAsSecondFactorAfterThePassword() {
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-2f", "en")) {
            login.password("xena", PASSWORD);
            String intro = login.codePageIntro();
            assertTrue(intro.contains("+98 ••• 4561"), "masked number: " + intro);
            SmsGateway.Received sms = gateway.await(before + 1, SMS);
            login.code(SmsGateway.code(sms.json().path("text").asText()));
            assertTrue(amr(login.finish()).containsAll(List.of("pwd", "sms", "mfa")));
        }
    }

    @Test
    void thePhoneVerificationRequiredActionProvesAndStoresTheNumber() {
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "password", "en")) {
            login.password("ulla", PASSWORD);
            assertEquals("+98 935 123 4567", login.await("phone").getAttribute("value"), "stored number pre-filled");
            login.driver.findElement(By.id("usso-verify-phone-send")).click();
            login.codePageIntro();
            SmsGateway.Received sms = gateway.await(before + 1, SMS);
            assertEquals("989351234567", sms.json().path("to").asText());
            String code = SmsGateway.code(sms.json().path("text").asText());
            login.code(code.equals("000000") ? "111111" : "000000");
            assertTrue(login.codeError().contains("Attempts left: 4"), login.codeError());
            login.code(code);
            login.finish();
        }
        JsonNode attributes = tenant.user(ullaId).path("attributes");
        assertEquals("989351234567", attributes.path("phone_number").get(0).asText(), "canonical form stored");
        assertEquals("true", attributes.path("phone_number_verified").get(0).asText());
        boolean recorded = false;
        for (JsonNode event : tenant.events("UPDATE_PROFILE")) {
            recorded |= "OTP_VERIFIED".equals(event.path("details").path("usso_event").asText());
        }
        assertTrue(recorded, "verification recorded");
    }
}
