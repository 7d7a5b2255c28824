package io.usso.keycloak.it.otp;

import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One person signing in with a one-time code in headless Chromium: opens the authorization endpoint of a test client
 * (code flow with PKCE), fills the usso-otp pages, and exchanges the code the browser comes back with.
 */
final class OtpLogin implements AutoCloseable {

    final WebDriver driver;
    final WebDriverWait wait;
    private final String realmUrl;
    private final String clientId;
    private final String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
    private final String state = UssoServer.randomSecret();

    private OtpLogin(String realmUrl, String clientId, String language) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.driver = Browser.open(language);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Opens the sign-in of {@code clientId} in a fresh browser. */
    static OtpLogin start(String realmUrl, String clientId, String language) {
        OtpLogin login = new OtpLogin(realmUrl, clientId, language);
        login.driver.get(realmUrl + "/protocol/openid-connect/auth?" + Http.form(Map.of(
                "client_id", clientId, "redirect_uri", OtpTenant.REDIRECT, "response_type", "code",
                "scope", "openid", "state", login.state, "kc_locale", language,
                "code_challenge", OidcLogin.s256(login.verifier), "code_challenge_method", "S256")));
        return login;
    }

    WebElement await(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** First-factor page: types the address / number and asks for a code. */
    void identifier(String value) {
        WebElement input = await("identifier");
        input.clear();
        input.sendKeys(value);
        WebElement send = driver.findElement(By.id("usso-otp-send"));
        send.click();
        Browser.awaitGone(wait, send);
    }

    /** Code page: presses "send a new code" and waits for the next page. */
    void resend() {
        WebElement resend = wait.until(ExpectedConditions.elementToBeClickable(By.id("usso-otp-resend")));
        resend.click();
        Browser.awaitGone(wait, resend);
    }

    /** Code page: types the code and submits it; waits for the next page to load. */
    void code(String code) {
        WebElement input = await("otp");
        input.sendKeys(code);
        WebElement submit = driver.findElement(By.id("usso-otp-submit"));
        submit.click();
        Browser.awaitGone(wait, submit);
    }

    /** Username and password on keycloak.v2's login page. */
    void password(String username, String password) {
        await("username").sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        WebElement submit = driver.findElement(By.id("kc-login"));
        submit.click();
        Browser.awaitGone(wait, submit);
    }

    /** Waits until the code page is shown and returns its intro text. */
    String codePageIntro() {
        return await("usso-otp-intro").getText();
    }

    /** The error under the code field ("" when none). */
    String codeError() {
        List<WebElement> errors = driver.findElements(By.id("input-error-otp"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    /** The page's alert text ("" when none). */
    String alert() {
        List<WebElement> alerts = driver.findElements(By.cssSelector(".pf-v5-c-alert"));
        return alerts.isEmpty() ? "" : alerts.get(0).getText();
    }

    /** Waits for the redirect back to the client and exchanges the code for tokens. */
    JsonNode finish() {
        wait.until(d -> d.getCurrentUrl().startsWith(OtpTenant.REDIRECT));
        URI back = URI.create(driver.getCurrentUrl());
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!state.equals(params.get("state"))) {
            throw new AssertionError("state mismatch: " + back);
        }
        Http.Response token = Http.plain().postForm(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "code", params.get("code"),
                "redirect_uri", OtpTenant.REDIRECT, "code_verifier", verifier));
        AdminApi.expect(token, 200, "code exchange");
        return token.json();
    }

    /** Whether the browser went back to the client (signed in). */
    boolean signedIn() {
        return driver.getCurrentUrl().startsWith(OtpTenant.REDIRECT);
    }

    void screenshot(String name) {
        Browser.screenshot(driver, name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
