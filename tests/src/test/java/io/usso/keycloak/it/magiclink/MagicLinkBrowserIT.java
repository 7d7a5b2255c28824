package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.it.support.OidcLogin;
import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People signing in with a magic link in headless Chromium: the same browser, a second device (two browser
 * profiles), both devices signed in, an expired link, a reused link, an older link after a newer one, a scanner's
 * GET before the person confirms, and an unknown address.
 */
class MagicLinkBrowserIT extends TenantIT {

    private static final String PASSWORD = "Magic-Browser-2026!";

    private Mailbox mail;
    private MagicLinkFlow flow;
    private final List<WebDriver> drivers = new ArrayList<>();

    @Override
    protected void setUpTenant() {
        mail = Mailbox.start();
        mail.configure(admin, realm);
        flow = MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "1000", "links-per-address", "1000"));
    }

    @AfterEach
    void closeBrowsers() {
        drivers.forEach(WebDriver::quit);
        drivers.clear();
    }

    @AfterAll
    void stopMail() {
        if (mail != null) {
            mail.close();
        }
    }

    private WebDriver browser() {
        WebDriver driver = Browser.open("en");
        drivers.add(driver);
        return driver;
    }

    private static WebDriverWait waitFor(WebDriver driver, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** A user of its own per test, so that its mails never mix with another test's. */
    private String newUser(String username) {
        admin.createUser(realm, username, PASSWORD, Map.of());
        return username + "@example.test";
    }

    /** Opens the app's login and asks for a link; the browser ends on the waiting page. */
    private LinkLogin askForLink(WebDriver driver, String address) {
        LinkLogin app = new LinkLogin(realmUrl());
        driver.get(app.authUrl());
        WebDriverWait wait = waitFor(driver, 20);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-ml-request-form")));
        driver.findElement(By.id("username")).sendKeys(address);
        driver.findElement(By.id("usso-ml-send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-ml-waiting")));
        return app;
    }

    /** Opens a link and presses "Continue signing in". */
    private static void confirm(WebDriver driver, String link) {
        driver.get(link);
        waitFor(driver, 20).until(ExpectedConditions.elementToBeClickable(By.id("usso-ml-confirm"))).click();
    }

    /** Opens a link in another browser, types the asking window's number and presses "Continue signing in". */
    private static void confirmWithCode(WebDriver driver, String link, WebDriver askingWindow) {
        String number = askingWindow.findElement(By.id("usso-ml-code")).getText().strip();
        driver.get(link);
        waitFor(driver, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-ml-code-input")))
                .sendKeys(number);
        driver.findElement(By.id("usso-ml-confirm")).click();
    }

    private static String state(WebDriver driver, String link) {
        driver.get(link);
        return waitFor(driver, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-ml-result")))
                .getAttribute("data-state");
    }

    /** Waits until the browser is back at the app and returns the code. */
    private static String codeAtApp(WebDriver driver, int seconds) {
        waitFor(driver, seconds).until(d -> d.getCurrentUrl().startsWith(LinkLogin.REDIRECT));
        String code = OidcLogin.query(URI.create(driver.getCurrentUrl()).getRawQuery()).get("code");
        assertTrue(code != null && !code.isEmpty(), driver.getCurrentUrl());
        return code;
    }

    @Test
    void sameBrowserLinkSignsInAndTheLinkCannotBeUsedTwice() {
        String address = newUser("sami");
        WebDriver driver = browser();
        LinkLogin app = askForLink(driver, address);
        Browser.screenshot(driver, "magic-link-waiting-en");
        String link = mail.awaitLink(address, 1);
        String firstTab = driver.getWindowHandle();

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(link);
        waitFor(driver, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-ml-confirm")));
        Browser.screenshot(driver, "magic-link-confirm-en");
        driver.findElement(By.id("usso-ml-confirm")).click();
        String code = codeAtApp(driver, 20);
        assertTrue(driver.getCurrentUrl().contains("state=" + app.state), driver.getCurrentUrl());
        JsonNode claims = OidcLogin.claims(app.exchange(code).get("access_token").asText());
        assertTrue(claims.path("amr").toString().contains("\"email\""), claims.toString());

        assertEquals("already_used", state(driver, link), "a used link is refused");

        // the first tab does not stay stuck: it says the login went on elsewhere, or Keycloak moved it on
        driver.switchTo().window(firstTab);
        waitFor(driver, 15).until(d -> d.getCurrentUrl().startsWith(LinkLogin.REDIRECT) || displayed(d, "usso-ml-continued"));
    }

    @Test
    void linkOpenedOnAnotherDeviceLetsTheFirstWindowContinueByItself() {
        flow.set(Map.of("cross-device", "return-to-first-window"));
        try {
            firstWindowContinuesAfterTheNumberIsTypedOnThePhone();
        } finally {
            flow.set(Map.of("cross-device", "same-browser"));
        }
    }

    private void firstWindowContinuesAfterTheNumberIsTypedOnThePhone() {
        String address = newUser("cora");
        WebDriver computer = browser();
        WebDriver phone = browser();
        LinkLogin app = askForLink(computer, address);
        String link = mail.awaitLink(address, 1);
        Browser.screenshot(computer, "magic-link-waiting-with-number");

        confirmWithCode(phone, link, computer);
        long confirmedAt = System.nanoTime();
        String phoneState = waitFor(phone, 20).until(ExpectedConditions.presenceOfElementLocated(
                By.id("usso-ml-result"))).getAttribute("data-state");
        assertEquals("return-to-first-window", phoneState);
        Browser.screenshot(phone, "magic-link-return-to-first-window");

        String code = codeAtApp(computer, 15);
        long millis = (System.nanoTime() - confirmedAt) / 1_000_000;
        System.out.printf("[magic-link] first window continued %d ms after the confirmation on the phone%n", millis);
        assertTrue(millis < 5_000, "first window took " + millis + " ms");
        assertTrue(computer.getCurrentUrl().contains("state=" + app.state));
        assertEquals(200, Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", LinkLogin.SPA, "code", code,
                "redirect_uri", LinkLogin.REDIRECT, "code_verifier", app.verifier)).status());
        assertNull(phone.manage().getCookieNamed("KEYCLOAK_SESSION"), "the phone only confirmed");
    }

    @Test
    void tenantCanLetTheOtherDeviceSignInToo() {
        flow.set(Map.of("cross-device", "log-in-both"));
        try {
            String address = newUser("bahar");
            WebDriver computer = browser();
            WebDriver phone = browser();
            askForLink(computer, address);
            String link = mail.awaitLink(address, 1);

            confirmWithCode(phone, link, computer);
            codeAtApp(phone, 20);
            assertFalse(phone.getCurrentUrl().contains("usso_ml_ref"), phone.getCurrentUrl());
            codeAtApp(computer, 15);
        } finally {
            flow.set(Map.of("cross-device", "same-browser"));
        }
    }

    @Test
    void expiredLinkIsRefusedAndTheWaitingPageSaysSo() throws InterruptedException {
        flow.set(Map.of("link-lifetime-seconds", "30"));
        try {
            String address = newUser("elham");
            WebDriver driver = browser();
            askForLink(driver, address);
            String link = mail.awaitLink(address, 1);
            Thread.sleep(31_000);
            waitFor(driver, 10).until(d -> displayed(d, "usso-ml-expired"));
            WebDriver other = browser();
            assertEquals("expired", state(other, link));
            Browser.screenshot(other, "magic-link-expired");
        } finally {
            flow.set(Map.of("link-lifetime-seconds", "900"));
        }
    }

    @Test
    void olderLinkAfterANewerOneIsRefused() {
        String address = newUser("omid");
        WebDriver driver = browser();
        askForLink(driver, address);
        String first = mail.awaitLink(address, 1);
        driver.findElement(By.id("usso-ml-resend")).click();
        waitFor(driver, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-ml-waiting")));
        String second = mail.awaitLink(address, 2);

        driver.switchTo().newWindow(WindowType.TAB);
        assertEquals("superseded", state(driver, first));
        confirm(driver, second);
        codeAtApp(driver, 20);
    }

    @Test
    void scannerGetBeforeThePersonConfirmsUsesNothing() {
        String address = newUser("sara");
        WebDriver driver = browser();
        askForLink(driver, address);
        String link = mail.awaitLink(address, 1);
        for (int i = 0; i < 2; i++) {
            Http.Response scanned = Http.plain().get(link, "User-Agent", "SafeLinks-Scanner/2.0");
            // a scanner is another browser: by default (same-browser) it is asked to open the link where it was asked
            assertEquals(409, scanned.status());
            assertTrue(scanned.body().contains("data-state=\"open-in-asking-browser\""), scanned.body());
        }
        driver.switchTo().newWindow(WindowType.TAB);
        confirm(driver, link);
        codeAtApp(driver, 20);
    }

    @Test
    void unknownAddressLooksExactlyLikeAKnownOne() throws InterruptedException {
        String known = newUser("kian");
        WebDriver first = browser();
        askForLink(first, known);
        WebDriver second = browser();
        askForLink(second, "nobody@example.test");
        Browser.screenshot(second, "magic-link-unknown-address");
        String knownText = first.findElement(By.id("usso-ml-waiting")).getText().replace(known, "ADDRESS");
        String unknownText = second.findElement(By.id("usso-ml-waiting")).getText()
                .replace("nobody@example.test", "ADDRESS");
        assertEquals(knownText, unknownText);
        mail.awaitLink(known, 1);
        Thread.sleep(2000);
        assertTrue(mail.to("nobody@example.test").isEmpty());
    }

    private static boolean displayed(WebDriver driver, String id) {
        try {
            return driver.findElement(By.id(id)).isDisplayed();
        } catch (WebDriverException e) {
            return false;
        }
    }

    @Test
    void byDefaultALinkOpenedInAnotherBrowserAsksToOpenItWhereItWasRequested() {
        String address = newUser("dorna");
        WebDriver computer = browser();
        WebDriver phone = browser();
        askForLink(computer, address);
        assertTrue(computer.findElements(By.id("usso-ml-code")).isEmpty(), "no number in same-browser mode");
        String link = mail.awaitLink(address, 1);
        assertEquals("open-in-asking-browser", state(phone, link));
        Browser.screenshot(phone, "magic-link-open-in-asking-browser");
        confirm(computer, link);
        codeAtApp(computer, 20);
    }
}
