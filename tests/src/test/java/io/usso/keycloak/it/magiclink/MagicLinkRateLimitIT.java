package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant's send limits (here 3 per address, 5 per IP per window): the person sees a clear message in the
 * browser, no further mail leaves, and events record the refusals.
 */
class MagicLinkRateLimitIT extends TenantIT {

    private Mailbox mail;

    @Override
    protected void setUpTenant() {
        mail = Mailbox.start();
        mail.configure(admin, realm);
        admin.createUser(realm, "rana", "Rate-Limit-2026!", Map.of());
        MagicLinkFlow.install(admin, realm, Map.of("links-per-address", "3", "links-per-ip", "5"));
    }

    @AfterAll
    void stopMail() {
        if (mail != null) {
            mail.close();
        }
    }

    private static boolean waiting(Http.Response page) {
        return page.status() == 200 && page.body().contains("id=\"usso-ml-waiting\"");
    }

    @Test
    void perAddressThenPerIpLimitsShowAClearMessage() throws InterruptedException {
        String rana = "rana@example.test";
        for (int i = 0; i < 3; i++) {
            assertTrue(waiting(new LinkLogin(realmUrl()).start().request(rana)), "send " + (i + 1));
        }
        mail.await(rana, 3, Duration.ofSeconds(20));
        Http.Response fourth = new LinkLogin(realmUrl()).start().request(rana);
        assertEquals(200, fourth.status());
        assertTrue(fourth.body().contains("Too many sign-in links"), fourth.body());

        // 4 requests counted for this IP (the refused one too): one more is allowed, then the IP limit
        assertTrue(waiting(new LinkLogin(realmUrl()).start().request("someone@example.test")));
        Http.Response refused = new LinkLogin(realmUrl()).start().request("someone-else@example.test");
        assertEquals(200, refused.status());
        assertTrue(refused.body().contains("Too many sign-in links"), refused.body());

        // what the person sees (refused by the address limit, and by the IP limit when the browser shares the IP)
        WebDriver driver = Browser.open("en");
        try {
            driver.get(new LinkLogin(realmUrl()).authUrl());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(rana);
            driver.findElement(By.id("usso-ml-send")).click();
            String message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-username")))
                    .getText();
            assertTrue(message.contains("Too many sign-in links") && message.contains("minutes"), message);
            assertTrue(driver.findElements(By.id("usso-ml-waiting")).isEmpty(), "no waiting page");
            Browser.screenshot(driver, "magic-link-rate-limited");
        } finally {
            driver.quit();
        }
        Thread.sleep(1500);
        assertEquals(3, mail.to(rana).size(), "no further mail to the address");
        assertTrue(mail.to("someone-else@example.test").isEmpty());

        String events = admin.getJson("/" + realm + "/events?type=SEND_VERIFY_EMAIL_ERROR&max=100").toString();
        assertTrue(events.contains("rate_limited"), events);
        assertTrue(events.contains("\"rate_limit\":\"address\""), events);
        assertTrue(events.contains("\"rate_limit\":\"ip\""), events);
    }
}
