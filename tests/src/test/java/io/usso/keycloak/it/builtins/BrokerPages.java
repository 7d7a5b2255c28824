package io.usso.keycloak.it.builtins;

import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.usso.keycloak.it.support.Browser;

/** The pages of a brokered login as a person sees them: the provider's button, its login form, profile review. */
final class BrokerPages {

    private final WebDriver driver;
    private final WebDriverWait wait;

    BrokerPages(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(25));
    }

    WebDriverWait await() {
        return wait;
    }

    /** On a login page: the identity provider's button. */
    void chooseProvider(String alias) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("social-" + alias))).click();
    }

    /** On a login form (kc-form-login): credentials, submit. */
    void signIn(String username, String password) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * The first-broker-login flow's profile review, if shown: fills the fields still empty and submits.
     *
     * @return the page's source when it was shown, else null
     */
    String reviewProfile(Map<String, String> valuesIfEmpty, String screenshot) {
        try {
            wait.until(d -> !d.findElements(By.id("kc-idp-review-profile-form")).isEmpty()
                    || d.getCurrentUrl().contains("/account"));
        } catch (org.openqa.selenium.TimeoutException e) {
            Browser.screenshot(driver, screenshot + "-stuck");
            throw e;
        }
        if (driver.findElements(By.id("kc-idp-review-profile-form")).isEmpty()) {
            return null;
        }
        Browser.screenshot(driver, screenshot);
        String source = driver.getPageSource();
        valuesIfEmpty.forEach((id, value) -> {
            for (WebElement field : driver.findElements(By.id(id))) {
                if (field.getAttribute("value") == null || field.getAttribute("value").isEmpty()) {
                    field.sendKeys(value);
                }
            }
        });
        driver.findElement(By.cssSelector("#kc-idp-review-profile-form [type=submit]")).click();
        return source;
    }

    /** Waits for the account console of {@code realmUrl}. */
    void awaitAccountConsole(String realmUrl) {
        wait.until(d -> d.getCurrentUrl().startsWith(realmUrl + "/account"));
    }

    String pageSource() {
        return driver.getPageSource();
    }
}
