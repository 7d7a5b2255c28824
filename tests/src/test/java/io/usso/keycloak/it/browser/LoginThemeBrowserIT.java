package io.usso.keycloak.it.browser;

import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person signs in through the usso login theme in headless Chromium, in English and in Persian (RTL).
 */
class LoginThemeBrowserIT extends TenantIT {

    private static final String PASSWORD = "Browser-Login-7!";
    private WebDriver driver;

    @Override
    protected void setUpTenant() {
        admin.createUser(realm, "dana", PASSWORD, Map.of());
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The tenant template's SPA client; nothing listens on its redirect URI, so the browser stays on it. */
    private static final String SPA_REDIRECT = "http://localhost:3000/callback";

    private String authUrl(String locale) {
        return realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of(
                "client_id", "spa", "redirect_uri", SPA_REDIRECT,
                "response_type", "code", "scope", "openid", "state", "st", "kc_locale", locale,
                "code_challenge", OidcLogin.s256("v".repeat(50)), "code_challenge_method", "S256"));
    }

    @Test
    void englishLoginUsesTheUssoThemeAndSignsIn() {
        driver = Browser.open("en");
        driver.get(realmUrl() + "/account/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));

        assertEquals("ltr", driver.findElement(By.tagName("html")).getAttribute("dir"));
        assertTrue(driver.getPageSource().contains("/login/usso/css/usso.css"), "usso stylesheet must be linked");
        String primary = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.documentElement).getPropertyValue('--usso-color-primary').trim()");
        assertTrue(!primary.isEmpty(), "usso CSS must be applied (--usso-color-primary custom property)");
        Browser.screenshot(driver, "login-en");

        signIn(wait);
        wait.until(ExpectedConditions.urlContains("/account"));
        assertTrue(driver.getCurrentUrl().startsWith(realmUrl() + "/account"), driver.getCurrentUrl());

        // the account console (keycloak.v3) with the usso account theme: title, stylesheet, logo
        try {
            wait.until(d -> "USSO Account".equals(d.getTitle()));
            assertTrue(driver.getPageSource().contains("/account/usso/css/usso-account.css"), "usso account stylesheet");
            WebElement logo = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("img[src*='usso-logo.svg']")));
            assertTrue(logo.isDisplayed(), "USSO logo in the account console masthead");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "dana"));
            // the personal-info form loads the user profile after the first render: it must not end in the
            // console's error screen
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
            assertFalse(driver.findElement(By.tagName("body")).getText().contains("unexpected error"),
                    "account console shows its error screen");
            Browser.screenshot(driver, "account-en");
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(driver, "account-en-failure");
            throw new AssertionError("account console did not render; browser console:\n" + Browser.consoleLog(driver), e);
        }
    }

    @Test
    void wrongPasswordShowsAnErrorWithoutSigningIn() {
        driver = Browser.open("en");
        driver.get(authUrl("en"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("dana");
        driver.findElement(By.id("password")).sendKeys("not-the-password");
        driver.findElement(By.id("kc-login")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-username")));
        assertTrue(error.getText().toLowerCase().contains("invalid"), error.getText());
        assertTrue(driver.getCurrentUrl().contains("/login-actions/"), driver.getCurrentUrl());
    }

    @Test
    void persianLoginIsRightToLeftAndSignsIn() {
        driver = Browser.open("fa");
        driver.get(authUrl("fa"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));

        WebElement html = driver.findElement(By.tagName("html"));
        assertEquals("rtl", html.getAttribute("dir"));
        assertEquals("fa", html.getAttribute("lang"));
        String button = driver.findElement(By.id("kc-login")).getText();
        assertTrue(button.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC),
                "Persian label expected on the sign-in button, got " + button);
        String direction = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.getElementById('kc-form-login')).direction");
        assertEquals("rtl", direction);
        // the bundled Persian web font (Vazirmatn) is what the browser draws Persian with, not a system fallback
        Object font = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "document.fonts.load('16px Vazirmatn', '\u0648\u0631\u0648\u062f').then(faces => done("
                        + "faces.length > 0 && document.fonts.check('16px Vazirmatn', '\u0648\u0631\u0648\u062f')"
                        + " ? 'loaded' : 'missing: ' + faces.length), e => done('error: ' + e));");
        assertEquals("loaded", font, "Vazirmatn from the theme");
        String family = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.getElementById('kc-login')).fontFamily");
        assertTrue(family.startsWith("Vazirmatn"), "Persian text set in Vazirmatn: " + family);
        Browser.screenshot(driver, "login-fa");

        signIn(wait);
        wait.until(ExpectedConditions.urlContains(SPA_REDIRECT));
        String back = driver.getCurrentUrl();
        assertTrue(back.startsWith(SPA_REDIRECT + "?") && back.contains("code=") && back.contains("state=st"),
                "signed in and sent back to the app with a code: " + back);
    }

    private void signIn(WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("dana");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }
}
