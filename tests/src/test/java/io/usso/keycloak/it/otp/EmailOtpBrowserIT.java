package io.usso.keycloak.it.otp;

import io.usso.keycloak.it.support.OidcLogin;
import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.TenantIT;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mail one-time codes in headless Chromium against the distribution, with a real SMTP server (GreenMail):
 * passwordless sign-in, unknown addresses, wrong codes, expiry, resend cool-down, send limits, second factor, Persian.
 */
class EmailOtpBrowserIT extends TenantIT {

    private static final String PASSWORD = "Otp-Browser-7!";
    private static final Duration MAIL = Duration.ofSeconds(20);

    private Mailbox mailbox;
    private OtpTenant tenant;

    @Override
    protected void setUpTenant() {
        mailbox = Mailbox.start();
        mailbox.configure(admin, realm);
        tenant = new OtpTenant(admin, realm);
        tenant.client("email-1f", tenant.flow("email-1f", OtpTenant.Step.required("usso-email-otp",
                Map.of("otp.resend-cooldown-seconds", "3"))));
        tenant.client("email-2f", tenant.flow("email-2f", OtpTenant.Step.required("auth-username-password-form"),
                OtpTenant.Step.required("usso-email-otp")));
        tenant.client("email-short", tenant.flow("email-short", OtpTenant.Step.required("usso-email-otp",
                Map.of("otp.lifetime-seconds", "10"))));
        tenant.client("email-limit", tenant.flow("email-limit", OtpTenant.Step.required("usso-email-otp",
                Map.of("otp.resend-cooldown-seconds", "0", "otp.sends-per-identifier", "2"))));
        for (String user : List.of("dana", "erin", "finn", "gus", "hana", "ida", "jala", "kian")) {
            admin.createUser(realm, user, PASSWORD, Map.of());
        }
    }

    @AfterAll
    void stopMail() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    private static String address(String user) {
        return user + "@example.test";
    }

    @Test
    void anEmailCodeSignsInWithoutAPassword() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-1f", "en")) {
            login.identifier(address("dana"));
            assertTrue(login.codePageIntro().contains(address("dana")), login.codePageIntro());
            WebElement otp = login.await("otp");
            assertEquals("one-time-code", otp.getAttribute("autocomplete"));
            assertEquals("numeric", otp.getAttribute("inputmode"));

            MimeMessage mail = mailbox.await(address("dana"), 1, MAIL);
            String text = Mailbox.text(mail);
            String html = Mailbox.html(mail);
            assertTrue(text.contains("Chrome on Linux"), "requesting device in the e-mail: " + text);
            assertTrue(text.contains("UTC"), "request time in the e-mail: " + text);
            assertTrue(text.contains("This wasn't you?"), "'this wasn't me' hint: " + text);
            assertTrue(html != null && html.contains("dir=\"ltr\""), "HTML part: " + html);
            String code = Mailbox.code(mail);
            assertTrue(html.contains(code));

            login.code(code);
            JsonNode tokens = login.finish();
            JsonNode claims = OidcLogin.claims(tokens.get("access_token").asText());
            assertEquals("dana", claims.path("preferred_username").asText());
            List<String> amr = new ArrayList<>();
            claims.path("amr").forEach(v -> amr.add(v.asText()));
            assertTrue(amr.contains("otp"), "amr " + amr);
            assertFalse(amr.contains("mfa"), "one factor only: " + amr);
        }
        JsonNode sent = tenant.events("SEND_VERIFY_EMAIL");
        assertTrue(sent.size() >= 1, "OTP_SENT event expected");
        JsonNode details = sent.get(0).path("details");
        assertEquals("OTP_SENT", details.path("usso_event").asText());
        assertEquals("email", details.path("channel").asText());
        String code = Mailbox.code(mailbox.to(address("dana")).get(0));
        assertFalse(sent.toString().contains(code), "the code never appears in events");
    }

    @Test
    void anUnknownAddressGetsTheSamePageAndNoEmail() {
        String knownIntro;
        String knownError;
        try (OtpLogin known = OtpLogin.start(realmUrl(), "email-1f", "en")) {
            known.identifier(address("jala"));
            knownIntro = known.codePageIntro().replace(address("jala"), "<address>");
            String code = Mailbox.code(mailbox.await(address("jala"), 1, MAIL));
            known.code(code.equals("000000") ? "111111" : "000000");
            knownError = known.codeError();
        }
        try (OtpLogin unknown = OtpLogin.start(realmUrl(), "email-1f", "en")) {
            unknown.identifier("nobody@example.test");
            assertEquals(knownIntro, unknown.codePageIntro().replace("nobody@example.test", "<address>"));
            assertTrue(unknown.driver.findElement(By.id("usso-otp-resend-in")).isDisplayed(), "the same countdown");
            unknown.code("000000");
            assertEquals(knownError, unknown.codeError(), "a wrong code reads the same");
            assertFalse(unknown.signedIn());
        }
        SmsGateway.sleep(2000);
        assertTrue(mailbox.to("nobody@example.test").isEmpty(), "nothing is sent to unknown addresses");
        JsonNode failed = tenant.events("SEND_VERIFY_EMAIL_ERROR");
        boolean decoy = false;
        for (JsonNode event : failed) {
            decoy |= "user_not_found".equals(event.path("error").asText())
                    && "unknown_identifier".equals(event.path("details").path("reason").asText());
        }
        assertTrue(decoy, "the decoy is recorded for the admins: " + failed);
    }

    @Test
    void fiveWrongCodesEndTheCodeAndCountForBruteForce() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-1f", "en")) {
            login.identifier(address("finn"));
            String code = Mailbox.code(mailbox.await(address("finn"), 1, MAIL));
            String wrong = code.equals("111111") ? "222222" : "111111";
            for (int left = 4; left >= 1; left--) {
                login.code(wrong);
                assertTrue(login.codeError().contains("Attempts left: " + left), login.codeError());
            }
            login.code(wrong);
            assertTrue(login.codeError().contains("Too many attempts"), login.codeError());
            login.code(code);
            assertTrue(login.codeError().contains("Too many attempts"), "the right code no longer works");
            assertFalse(login.signedIn());
            login.screenshot("otp-email-locked");
        }
        String finn = admin.getJson("/" + realm + "/users?exact=true&username=finn").get(0).path("id").asText();
        JsonNode status = tenant.bruteForce(finn);
        assertTrue(status.path("numFailures").asInt() >= 5, "wrong codes count for brute-force detection: " + status);
        JsonNode rejected = tenant.events("LOGIN_ERROR");
        int otpRejections = 0;
        for (JsonNode event : rejected) {
            if (finn.equals(event.path("userId").asText())
                    && "OTP_REJECTED".equals(event.path("details").path("usso_event").asText())) {
                otpRejections++;
            }
        }
        assertEquals(6, otpRejections, "every refused code is an event: " + rejected);
    }

    @Test
    void anExpiredCodeIsRefused() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-short", "en")) {
            login.identifier(address("gus"));
            String code = Mailbox.code(mailbox.await(address("gus"), 1, MAIL));
            SmsGateway.sleep(11_000);
            login.code(code);
            assertTrue(login.codeError().contains("expired"), login.codeError());
            assertFalse(login.signedIn());
        }
    }

    @Test
    void resendWaitsForTheCooldownAndOnlyTheNewestCodeWorks() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-1f", "en")) {
            login.identifier(address("hana"));
            String first = Mailbox.code(mailbox.await(address("hana"), 1, MAIL));
            WebElement resend = login.driver.findElement(By.id("usso-otp-resend"));
            assertFalse(resend.isEnabled() || resend.isDisplayed(),
                    "during the cool-down only the countdown shows, not a greyed button beside it");
            assertTrue(login.await("usso-otp-resend-in").getText().contains("seconds"));
            login.resend();
            assertTrue(login.alert().contains("A new code is on its way"), login.alert());
            String second = Mailbox.code(mailbox.await(address("hana"), 2, MAIL));
            if (!first.equals(second)) {
                login.code(first);
                assertTrue(login.codeError().contains("not correct"), "the older code no longer works");
            }
            login.code(second);
            login.finish();
        }
    }

    @Test
    void sendsPerAddressAreLimited() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-limit", "en")) {
            login.identifier(address("ida"));
            mailbox.await(address("ida"), 1, MAIL);
            login.resend();
            mailbox.await(address("ida"), 2, MAIL);
            login.resend();
            assertTrue(login.alert().contains("Too many codes were requested"), login.alert());
            assertTrue(login.alert().matches("(?s).*Try again in \\d+ minutes.*"), login.alert());
            SmsGateway.sleep(1000);
            assertEquals(2, mailbox.to(address("ida")).size(), "no third e-mail");
        }
    }

    @Test
    void aSecondFactorAfterThePassword() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-2f", "en")) {
            login.password("erin", PASSWORD);
            String intro = login.codePageIntro();
            assertTrue(intro.contains("e•••@example.test"), "masked address: " + intro);
            assertTrue(login.driver.findElements(By.id("usso-otp-use-another")).isEmpty());
            login.code(Mailbox.code(mailbox.await(address("erin"), 1, MAIL)));
            JsonNode claims = OidcLogin.claims(login.finish().get("access_token").asText());
            List<String> amr = new ArrayList<>();
            claims.path("amr").forEach(v -> amr.add(v.asText()));
            assertTrue(amr.containsAll(List.of("pwd", "otp", "mfa")), "amr " + amr);
        }
    }

    @Test
    void persianPagesAreRightToLeftAndPersianDigitsWork() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-1f", "fa")) {
            login.identifier("Kian@Example.test ");
            login.codePageIntro();
            assertEquals("rtl", login.driver.findElement(By.tagName("html")).getAttribute("dir"));
            String countdown = login.await("usso-otp-resend-in").getText();
            assertTrue(countdown.matches(".*[\u06F0-\u06F9].*") && !countdown.matches(".*[0-9].*"),
                    "the countdown in Persian digits, no mix: " + countdown);
            MimeMessage mail = mailbox.await(address("kian"), 1, MAIL);
            assertTrue(Mailbox.text(mail).contains("سلام"), "Persian e-mail: " + Mailbox.text(mail));
            assertTrue(Mailbox.html(mail).contains("dir=\"rtl\""), "right-to-left HTML e-mail");
            String code = Mailbox.code(mail);
            StringBuilder persian = new StringBuilder();
            code.chars().forEach(c -> persian.append((char) ('\u06F0' + (c - '0'))));
            login.screenshot("otp-email-fa");
            login.code(persian.toString());
            login.finish();
        }
    }

    @Test
    void aMalformedAddressIsRefusedByTheServerToo() {
        try (OtpLogin login = OtpLogin.start(realmUrl(), "email-1f", "en")) {
            WebElement input = login.await("identifier");
            assertEquals("email", input.getAttribute("type"), "the browser checks the format first");
            // what a script or an old browser would send anyway
            ((org.openqa.selenium.JavascriptExecutor) login.driver).executeScript("arguments[0].type='text'", input);
            login.identifier("not-an-address");
            WebElement error = login.await("input-error-identifier");
            assertTrue(error.getText().contains("valid email address"), error.getText());
            assertNotEquals("", login.await("identifier").getAttribute("value"), "what was typed stays");
        }
    }
}
