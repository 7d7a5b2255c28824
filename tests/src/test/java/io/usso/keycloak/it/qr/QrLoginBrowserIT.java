package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QR code login with two headless Chromium sessions: a desktop waiting on the QR page and a phone that signs in
 * (through the realm's own login) and approves on the confirm page. Approve, deny, wrong number, replay, expiry,
 * rotation, the short code, and a phone signed in to another tenant.
 */
class QrLoginBrowserIT extends TenantIT {

    private static final String PASSWORD = "Qr-Browser-Login-7!";
    private static final String VERIFIER = "v".repeat(50);

    private String aliceId;
    private String otherRealm;
    private WebDriver phone;
    private boolean phoneSignedIn;
    private final List<WebDriver> drivers = new ArrayList<>();

    @Override
    protected void setUpTenant() {
        aliceId = admin.createUser(realm, "alice", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        Map<String, String> generous = Map.of("rate.approve.per.minute", "1000", "rate.scan.per.minute", "1000",
                "rate.create.per.minute", "1000");
        flows.createAppClient("qr-app", "QR Test App", flows.createQrFlow("qr-browser", generous));
        Map<String, String> fast = new java.util.HashMap<>(generous);
        fast.putAll(Map.of("attempt.lifetime.seconds", "12", "code.rotation.seconds", "5"));
        flows.createAppClient("qr-fast-app", "QR Fast App", flows.createQrFlow("qr-fast", fast));
        otherRealm = realm + "-other";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.createUser(otherRealm, "alice", PASSWORD, Map.of());
    }

    @AfterEach
    void closeDesktops() {
        for (WebDriver driver : drivers) {
            driver.quit();
        }
        drivers.clear();
    }

    @AfterAll
    void closePhoneAndOtherTenant() {
        if (phone != null) {
            phone.quit();
        }
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private WebDriver open() {
        WebDriver driver = Browser.open("en");
        drivers.add(driver);
        return driver;
    }

    private static WebDriverWait waitOn(WebDriver driver, int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    /** A desktop on the QR page of {@code clientId}. */
    private WebDriver desktop(String clientId) {
        WebDriver desktop = open();
        desktop.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of("client_id", clientId,
                "redirect_uri", QrDesktop.REDIRECT_URI, "response_type", "code", "scope", "openid", "state", "st",
                "code_challenge", OidcLogin.s256(VERIFIER), "code_challenge_method", "S256", "kc_locale", "en")));
        waitOn(desktop, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usso-qr svg")));
        return desktop;
    }

    private static String scanUrl(WebDriver desktop) {
        return desktop.findElement(By.id("usso-qr")).getDomAttribute("data-scan-url");
    }

    private static int number(WebDriver desktop) {
        return Integer.parseInt(desktop.findElement(By.id("usso-qr-number")).getText().strip());
    }

    /** The shared phone, signed in to this tenant as alice on its first scan. */
    private WebDriver phone() {
        if (phone == null) {
            phone = Browser.open("en");
        }
        return phone;
    }

    /** Opens a scan URL on the phone, signing in first when needed, and waits for the confirm page. */
    private void scanAndConfirmPage(String url) {
        WebDriver p = phone();
        p.get(url);
        if (!phoneSignedIn) {
            signIn(p);
            phoneSignedIn = true;
        }
        awaitConfirmPage(p);
    }

    /** Waits for the confirm page; on failure reports what the phone shows and the server's last words. */
    private void awaitConfirmPage(WebDriver p) {
        try {
            waitOn(p, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-qr-confirm-form")));
        } catch (org.openqa.selenium.TimeoutException e) {
            Browser.screenshot(p, "qr-phone-no-confirm");
            String source = p.getPageSource();
            throw new AssertionError("no confirm page at " + p.getCurrentUrl() + ":\n"
                    + source.substring(0, Math.min(6000, source.length())) + "\n--- server log:\n" + server.tail(60), e);
        }
    }

    /** Signs the shared phone in ahead of a test whose attempt is too short-lived for the detour. */
    private void ensurePhoneSignedIn() {
        if (!phoneSignedIn) {
            phone().get(realmUrl() + "/qr-login/enter");
            signIn(phone);
            waitOn(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("short_code")));
            phoneSignedIn = true;
        }
    }

    private static void signIn(WebDriver driver) {
        WebDriverWait wait = waitOn(driver, 20);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("alice");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    private void pick(int number) {
        phone.findElement(By.cssSelector("label[for='usso-qr-choice-" + number + "']")).click();
    }

    private String result() {
        WebElement result = waitOn(phone, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-qr-result")));
        return result.getDomAttribute("data-kind") + ": " + result.getText();
    }

    private List<Integer> choices() {
        List<Integer> out = new ArrayList<>();
        for (WebElement input : phone.findElements(By.cssSelector("#usso-qr-confirm-form input[name=number]"))) {
            out.add(Integer.parseInt(input.getDomAttribute("value")));
        }
        return out;
    }

    private void waitForDesktopState(WebDriver desktop, String state) {
        waitOn(desktop, 25).until(d -> state.equals(d.findElement(By.id("usso-qr")).getDomAttribute("data-state")));
        assertTrue(desktop.findElement(By.id("usso-qr-restart")).isDisplayed(), "a new code can be asked for");
    }

    @Test
    void approvingOnThePhoneSignsTheDesktopInAndTheCodeCannotBeReplayed() {
        WebDriver desktop = desktop("qr-app");
        String scan = scanUrl(desktop);
        int number = number(desktop);
        scanAndConfirmPage(scan);
        String details = phone.findElement(By.id("usso-qr-details")).getText();
        assertTrue(details.contains("QR Test App") && details.contains("Chrome") && details.contains("Linux"),
                "the phone shows what is asking: " + details);
        assertTrue(phone.findElement(By.id("usso-qr-user")).getText().contains("alice"));
        List<Integer> choices = choices();
        assertEquals(3, choices.size());
        assertTrue(choices.contains(number));
        Browser.screenshot(phone, "qr-phone-confirm");
        Browser.screenshot(desktop, "qr-desktop-waiting");

        pick(number);
        long approvedAt = System.nanoTime();
        phone.findElement(By.id("usso-qr-approve")).click();
        waitOn(desktop, 20).until(d -> d.getCurrentUrl().startsWith(QrDesktop.REDIRECT_URI));
        long millis = (System.nanoTime() - approvedAt) / 1_000_000;
        System.out.printf("[usso-it] QR browser login: approve click to desktop redirect %d ms%n", millis);
        assertTrue(millis < 3_000, "desktop continued after " + millis + " ms");
        assertTrue(result().startsWith("success"), result());

        String redirect = desktop.getCurrentUrl();
        String code = redirect.replaceAll(".*[?&]code=([^&]+).*", "$1");
        Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", "qr-app", "code", code,
                "redirect_uri", QrDesktop.REDIRECT_URI, "code_verifier", VERIFIER));
        AdminApi.expect(token, 200, "code exchange");
        JsonNode claims = OidcLogin.claims(token.json().get("access_token").asText());
        assertEquals(aliceId, claims.get("sub").asText(), "the desktop signed in as the phone's user");
        assertTrue(claims.get("amr").toString().contains("\"qr\""), claims.toString());

        phone.get(scan);
        assertTrue(result().startsWith("error"), "a used code cannot be scanned again: " + result());
    }

    @Test
    void denyingOnThePhoneStopsTheDesktop() {
        WebDriver desktop = desktop("qr-app");
        scanAndConfirmPage(scanUrl(desktop));
        phone.findElement(By.id("usso-qr-deny")).click();
        assertTrue(result().contains("denied"), result());
        waitForDesktopState(desktop, "denied");
        assertTrue(desktop.findElement(By.id("usso-qr-status")).getText().contains("denied"));
        assertTrue(desktop.getCurrentUrl().startsWith(realmUrl()), "still on the sign-in page");
    }

    @Test
    void theWrongNumberCancelsAndApprovingWithoutPickingDoesNot() {
        WebDriver desktop = desktop("qr-app");
        int number = number(desktop);
        scanAndConfirmPage(scanUrl(desktop));
        WebElement oldForm = phone.findElement(By.id("usso-qr-confirm-form"));
        phone.findElement(By.id("usso-qr-approve")).click();
        // the old page's form is still there until the re-rendered one arrives: wait for it to go first
        waitOn(phone, 20).until(ExpectedConditions.stalenessOf(oldForm));
        awaitConfirmPage(phone);
        assertTrue(phone.getPageSource().contains("First pick the number"), "asked to pick, nothing cancelled");

        pick(choices().stream().filter(c -> c != number).findFirst().orElseThrow());
        phone.findElement(By.id("usso-qr-approve")).click();
        assertTrue(result().contains("not the number shown"), result());
        waitForDesktopState(desktop, "cancelled");
    }

    @Test
    void theCodeRotatesAndOnlyTheCurrentOneWorks() {
        ensurePhoneSignedIn();
        WebDriver desktop = desktop("qr-fast-app");
        String first = scanUrl(desktop);
        waitOn(desktop, 10).until(d -> !first.equals(scanUrl(d)));
        String second = scanUrl(desktop);
        assertEquals("1", desktop.findElement(By.id("usso-qr")).getDomAttribute("data-generation"));
        phone.get(first);
        assertTrue(result().startsWith("error"), "rotated-out code: " + result());
        scanAndConfirmPage(second);
        pick(number(desktop));
        phone.findElement(By.id("usso-qr-approve")).click();
        waitOn(desktop, 20).until(d -> d.getCurrentUrl().startsWith(QrDesktop.REDIRECT_URI));
    }

    @Test
    void theAttemptExpiresCleanlyAndANewCodeCanBeShown() {
        WebDriver desktop = desktop("qr-fast-app");
        String scan = scanUrl(desktop);
        waitForDesktopState(desktop, "expired");
        assertTrue(desktop.findElement(By.id("usso-qr-status")).getText().contains("expired"));
        phone().get(scan);
        if (!phone.findElements(By.id("kc-form-login")).isEmpty()) {
            throw new AssertionError("an expired code must not lead to the sign-in");
        }
        assertTrue(result().startsWith("error"), result());

        desktop.findElement(By.id("usso-qr-restart")).click();
        waitOn(desktop, 20).until(d -> !d.findElements(By.cssSelector("#usso-qr svg")).isEmpty()
                && !scan.equals(scanUrl(d)));
    }

    @Test
    void theShortCodeWorksWhenThePhoneCannotScan() {
        WebDriver desktop = desktop("qr-app");
        String shortCode = desktop.findElement(By.id("usso-qr-short-code")).getText().strip();
        assertTrue(shortCode.matches("[A-Z2-9]{4}-[A-Z2-9]{4}"), shortCode);
        WebDriver p = phone();
        p.get(realmUrl() + "/qr-login/enter");
        if (!phoneSignedIn) {
            signIn(p);
            phoneSignedIn = true;
        }
        waitOn(p, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("short_code")))
                .sendKeys(shortCode.replace("-", "").toLowerCase());
        p.findElement(By.id("usso-qr-enter-submit")).click();
        awaitConfirmPage(p);
        pick(number(desktop));
        p.findElement(By.id("usso-qr-approve")).click();
        waitOn(desktop, 20).until(d -> d.getCurrentUrl().startsWith(QrDesktop.REDIRECT_URI));
    }

    @Test
    void aPhoneSignedInToAnotherTenantCannotApprove() {
        WebDriver desktop = desktop("qr-app");
        String scan = scanUrl(desktop);
        WebDriver other = open();
        other.get(server.realmUrl(otherRealm) + "/qr-login/enter");
        signIn(other);
        waitOn(other, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("short_code")));

        other.get(scan);
        waitOn(other, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        assertTrue(other.getCurrentUrl().startsWith(realmUrl() + "/"),
                "the other tenant's session does not count here: it must sign in to this tenant: " + other.getCurrentUrl());

        String code = scan.substring(scan.lastIndexOf('/') + 1);
        other.get(server.realmUrl(otherRealm) + "/qr-login/scan/" + code);
        WebElement result = waitOn(other, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("usso-qr-result")));
        assertEquals("error", result.getDomAttribute("data-kind"), "this tenant's code is unknown to the other tenant");

        String status = desktop.findElement(By.id("usso-qr")).getDomAttribute("data-status-url");
        // the status belongs to the desktop's browser only; the desktop still waits on its QR page
        assertEquals(403, Http.plain().get(status + "?generation=0&wait=0").status());
        assertFalse(desktop.findElements(By.id("usso-qr")).isEmpty(), "the desktop still shows its QR code");
        assertNotEquals(QrDesktop.REDIRECT_URI, desktop.getCurrentUrl());
    }

    @Test
    void theWaitingPageIsRightToLeftInPersian() {
        WebDriver desktop = Browser.open("fa");
        drivers.add(desktop);
        desktop.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of("client_id", "qr-app",
                "redirect_uri", QrDesktop.REDIRECT_URI, "response_type", "code", "scope", "openid", "state", "st",
                "code_challenge", OidcLogin.s256(VERIFIER), "code_challenge_method", "S256", "kc_locale", "fa")));
        waitOn(desktop, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usso-qr svg")));
        assertEquals("rtl", desktop.findElement(By.tagName("html")).getDomAttribute("dir"));
        String intro = desktop.findElement(By.id("usso-qr-intro")).getText();
        assertTrue(intro.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC),
                intro);
        Browser.screenshot(desktop, "qr-desktop-fa");
        String console = Browser.consoleLog(desktop);
        assertTrue(!console.contains("SEVERE"), "script errors on the QR page:\n" + console);
    }

    @Test
    void thePhoneSeesWhereTheComputerIsAndIsWarnedWhenItIsElsewhere() {
        // the computer over plain HTTP (Java reaches localhost over IPv4), the phone in Chromium (which reaches
        // localhost over IPv6 ::1); the suite's GeoIP file puts 127.0.0.0/8 in Amsterdam, NL and ::1 in Tehran, IR
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        scanAndConfirmPage(desktop.scanUrl());
        WebDriver p = phone();
        assertEquals("127.0.0.1", p.findElement(By.id("usso-qr-ip")).getText().strip());
        assertTrue(p.findElement(By.id("usso-qr-place")).getText().contains("Amsterdam"),
                p.findElement(By.id("usso-qr-place")).getText());
        WebElement warning = p.findElement(By.id("usso-qr-warning"));
        assertEquals("different_country", warning.getDomAttribute("data-warning"));
        assertTrue(warning.getText().contains("Netherlands") && warning.getText().contains("Iran"), warning.getText());
        Browser.screenshot(p, "qr-phone-location-warning");
    }
}
