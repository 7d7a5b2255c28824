package io.usso.keycloak.it.otp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS pumping defences against the distribution, with the local SMS gateway: the phone verification required action
 * refuses a number of a country the tenant does not allow without calling the gateway, and a tenant whose hourly SMS
 * budget is used up sends nothing more, whoever asks (other accounts, numbers of nobody). The budget is set through
 * the realm-settings tab "Security" (its admin component), as a tenant admin would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsAbuseIT extends TenantIT {

    private static final String PASSWORD = "Sms-Abuse-2026!";
    private static final String TAB_PROVIDER = "org.keycloak.services.ui.extend.UiTabProvider";
    private static final Duration SMS = Duration.ofSeconds(20);

    private SmsGateway gateway;
    private OtpTenant tenant;
    private String tabId;

    private Map<String, String> httpJson() {
        return Map.of("sms.sender", "http-json", "sms.http.url", gateway.url("/send"),
                "sms.http.timeout-ms", "3000", "otp.resend-cooldown-seconds", "0");
    }

    @Override
    protected void setUpTenant() {
        gateway = new SmsGateway();
        tenant = new OtpTenant(admin, realm);
        tenant.declarePhoneAttributes();
        tenant.client("sms-1f", tenant.flow("sms-1f", OtpTenant.Step.required("usso-sms-otp", httpJson())));
        tenant.client("password", tenant.flow("password-only", OtpTenant.Step.required("auth-username-password-form")));
        tenant.verifyPhoneAction(httpJson());
        phoneUser("amir", "989121110001", true);
        phoneUser("bahar", "989121110002", true);
        phoneUser("cyrus", "989121110003", true);
        // a stored number that is not verified yet: the required action asks to verify it (a US number)
        phoneUser("vic", "+1 202 555 0123", false);
        tabId = saveSecurityTab(null, Map.of("smsPerHour", "300"));
    }

    private String phoneUser(String username, String phone, boolean verified) {
        return admin.createUser(realm, username, PASSWORD, Map.of("attributes", Map.of(
                "phone_number", List.of(phone), "phone_number_verified", List.of(Boolean.toString(verified)))));
    }

    /** Saves the "Security" tab the way the admin console does (create, then update); returns the component id. */
    private String saveSecurityTab(String id, Map<String, String> form) {
        ObjectNode c = Http.JSON.createObjectNode();
        if (id != null) {
            c.put("id", id);
        }
        c.put("name", "Security");
        c.put("providerId", "Security");
        c.put("providerType", TAB_PROVIDER);
        c.put("parentId", admin.getJson("/" + realm).get("id").asText());
        ObjectNode config = c.putObject("config");
        form.forEach((k, v) -> config.putArray(k).add(v));
        config.putArray("realm").add(realm);
        config.putArray("tab").add("usso-security");
        if (id == null) {
            Http.Response created = admin.post("/" + realm + "/components", c);
            assertEquals(201, created.status(), created.body());
            String location = created.header("Location");
            return location.substring(location.lastIndexOf('/') + 1);
        }
        Http.Response updated = admin.put("/" + realm + "/components/" + id, c);
        assertTrue(updated.status() == 204 || updated.status() == 200, updated.status() + " " + updated.body());
        return id;
    }

    @AfterAll
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private boolean eventWithReason(String reason) {
        for (JsonNode event : tenant.events("SEND_VERIFY_EMAIL_ERROR")) {
            if (reason.equals(event.path("details").path("reason").asText())
                    && "sms".equals(event.path("details").path("channel").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Order(1)
    void theVerifyPhoneActionRefusesANumberOfACountryTheTenantDoesNotAllow() {
        assertEquals("300", admin.getJson("/" + realm).path("attributes").path("usso.security.sms-per-hour").asText(),
                "the tab wrote the realm attribute");
        int before = gateway.received().size();
        try (OtpLogin login = OtpLogin.start(realmUrl(), "password", "en")) {
            login.password("vic", PASSWORD);
            assertTrue(login.await("phone").getAttribute("value").startsWith("+1"), "the stored US number");
            WebElement send = login.driver.findElement(By.id("usso-verify-phone-send"));
            send.click();
            login.wait.until(d -> d.getPageSource().contains("Codes cannot be sent to numbers of this country"));
            login.screenshot("sms-country-not-allowed");
            assertTrue(login.driver.findElements(By.id("otp")).isEmpty(), "no code page");
            SmsGateway.sleep(1000);
            assertEquals(before, gateway.received().size(), "the gateway was never called");

            // a number of the tenant's own country (default region IR) is verified as usual
            WebElement phone = login.await("phone");
            phone.clear();
            phone.sendKeys("0912 111 0009");
            login.driver.findElement(By.id("usso-verify-phone-send")).click();
            login.codePageIntro();
            SmsGateway.Received sms = gateway.await(before + 1, SMS);
            assertEquals("989121110009", sms.json().path("to").asText());
            login.code(SmsGateway.code(sms.json().path("text").asText()));
            login.finish();
        }
        assertTrue(eventWithReason("country_not_allowed"), "the refusal is an event");
    }

    @Test
    @Order(2)
    void aTenantWhoseSmsBudgetIsUsedUpSendsNothingMoreWhoeverAsks() {
        long toNextHour = 3600 - Instant.now().getEpochSecond() % 3600;
        if (toNextHour < 90) {
            SmsGateway.sleep((toNextHour + 2) * 1000); // the budget counts per clock hour: start in a fresh one
        }
        int used = gateway.received().size();
        saveSecurityTab(tabId, new HashMap<>(Map.of("smsPerHour", Integer.toString(used + 2))));
        assertEquals(Integer.toString(used + 2),
                admin.getJson("/" + realm).path("attributes").path("usso.security.sms-per-hour").asText());

        for (String[] who : new String[][] {{"amir", "09121110001"}, {"bahar", "+98 912 111 0002"}}) {
            try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-1f", "en")) {
                login.identifier(who[1]);
                login.codePageIntro();
            }
        }
        gateway.await(used + 2, SMS);
        // another account, and a number that belongs to nobody: the same neutral answer, nothing sent
        for (String number : new String[] {"09121110003", "09121119999"}) {
            try (OtpLogin login = OtpLogin.start(realmUrl(), "sms-1f", "en")) {
                login.identifier(number);
                login.wait.until(d -> d.getPageSource().contains("Too many codes were requested"));
                assertTrue(login.driver.findElements(By.id("otp")).isEmpty(), "no code page");
            }
        }
        SmsGateway.sleep(1000);
        assertEquals(used + 2, gateway.received().size(), "nothing more reached the gateway");
        assertTrue(eventWithReason("tenant_budget"), "the refusal is an event with its reason");
        long warnings = server.logText().lines()
                .filter(l -> l.contains("Realm " + realm + ": the tenant's sms budget")).count();
        assertEquals(1, warnings, "one WARN line per window, not one per refused request");
    }
}
