package io.usso.keycloak.it.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The choose-workspace page (required action usso-choose-workspace) in headless Chromium: a member of two
 * workspaces sees it (English, and Persian right-to-left), picks W2, gets W2 in the access token; the next sign-in
 * with the remembered default skips the page and gets W2 again; {@code choose_workspace=true} shows it anyway; a
 * member of one workspace never sees it; a tampered form value (another member's workspace) is refused with the
 * page again. Each test has its own user or asks for the page, so the order of the tests does not matter.
 */
class ChooseWorkspaceBrowserIT extends TenantIT {

    private static final String PASSWORD = "Choose-Workspace-2026!";
    private static final String ACTION = "usso-choose-workspace";
    private static final String VERIFIER = "v".repeat(50);

    private WebDriver driver;
    private String w1;
    private String w2;
    private String foreign;

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone"));
        WorkspaceClient api = new WorkspaceClient(realmUrl());
        admin.createUser(realm, "owner", PASSWORD, Map.of());
        String ninaId = admin.createUser(realm, "nina", PASSWORD, Map.of());
        String solId = admin.createUser(realm, "sol", PASSWORD, Map.of());
        String miraId = admin.createUser(realm, "mira", PASSWORD, Map.of());
        String owner = api.token("owner", PASSWORD);
        w1 = api.create(owner, "Alpha team").get("id").asText();
        w2 = api.create(owner, "Beta team").get("id").asText();
        foreign = api.create(owner, "Gamma team").get("id").asText();
        WorkspaceClient.addMember(admin, realm, w1, ninaId);
        WorkspaceClient.addMember(admin, realm, w2, ninaId);
        WorkspaceClient.addMember(admin, realm, w1, solId);
        WorkspaceClient.addMember(admin, realm, w1, miraId);
        WorkspaceClient.addMember(admin, realm, w2, miraId);
        enableAction();
    }

    /** The realm template does not carry it (see providers/workspaces/README.md): registered as an admin would. */
    private void enableAction() {
        for (JsonNode action : admin.getJson("/" + realm + "/authentication/unregistered-required-actions")) {
            if (ACTION.equals(action.path("providerId").asText())) {
                Http.Response r = admin.post("/" + realm + "/authentication/register-required-action",
                        Map.of("providerId", ACTION, "name", action.path("name").asText()));
                assertTrue(r.status() / 100 == 2, r.body());
            }
        }
        ObjectNode action = (ObjectNode) admin.getJson("/" + realm + "/authentication/required-actions/" + ACTION);
        action.put("enabled", true);
        action.put("defaultAction", false);
        Http.Response r = admin.put("/" + realm + "/authentication/required-actions/" + ACTION, action);
        assertTrue(r.status() / 100 == 2, r.body());
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private String authUrl(String locale, boolean ask) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", WorkspaceClient.SPA);
        p.put("redirect_uri", WorkspaceClient.REDIRECT);
        p.put("response_type", "code");
        p.put("scope", WorkspaceClient.SCOPE);
        p.put("state", "st");
        p.put("ui_locales", locale);
        p.put("code_challenge", OidcLogin.s256(VERIFIER));
        p.put("code_challenge_method", "S256");
        if (ask) {
            p.put("choose_workspace", "true");
        }
        return realmUrl() + "/protocol/openid-connect/auth?" + Http.form(p);
    }

    /** Identity-first: the username page, then the password page. */
    private WebDriverWait signIn(String locale, String username, boolean ask) {
        driver = Browser.open(locale);
        driver.get(authUrl(locale, ask));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(username);
        if (driver.findElements(By.id("password")).isEmpty()) {
            driver.findElement(By.id("kc-login")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password"))).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        return wait;
    }

    private boolean onChoosePage(WebDriverWait wait) {
        wait.until(d -> d.getCurrentUrl().startsWith(WorkspaceClient.REDIRECT)
                || !d.findElements(By.id("usso-choose-workspace-form")).isEmpty());
        return !driver.findElements(By.id("usso-choose-workspace-form")).isEmpty();
    }

    private String tokenWorkspace(WebDriverWait wait) {
        wait.until(d -> d.getCurrentUrl().startsWith(WorkspaceClient.REDIRECT));
        String code = OidcLogin.query(URI.create(driver.getCurrentUrl()).getRawQuery()).get("code");
        Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", WorkspaceClient.SPA, "code", code,
                "redirect_uri", WorkspaceClient.REDIRECT, "code_verifier", VERIFIER));
        AdminApi.expect(token, 200, "code exchange");
        return WorkspaceClient.claims(token.json().get("access_token").asText()).path("workspace_id").asText();
    }

    private void pick(String workspaceId) {
        driver.findElement(By.cssSelector("input[name='workspace_id'][value='" + workspaceId + "']")).click();
        driver.findElement(By.id("usso-choose-workspace-continue")).click();
    }

    @Test
    void aMemberOfTwoChoosesW2AndTheDefaultIsRemembered() {
        WebDriverWait wait = signIn("en", "mira", false);
        assertTrue(onChoosePage(wait), "the page for a member of two: " + driver.getPageSource());
        String page = driver.getPageSource();
        assertTrue(page.contains("Choose a workspace"), page);
        assertTrue(page.contains("Alpha team") && page.contains("Beta team"), page);
        assertFalse(page.contains("Gamma team"), "only her own workspaces");
        assertTrue(driver.findElement(By.id("usso-remember")).isSelected(), "remember is ticked by default");
        Browser.screenshot(driver, "choose-workspace-en");
        pick(w2);
        assertEquals(w2, tokenWorkspace(wait));
        closeBrowser();

        WebDriverWait again = signIn("en", "mira", false);
        assertFalse(onChoosePage(again), "the remembered default skips the page");
        assertEquals(w2, tokenWorkspace(again), "the remembered default is the token's workspace");
        closeBrowser();

        WebDriverWait asked = signIn("en", "mira", true);
        assertTrue(onChoosePage(asked), "choose_workspace=true shows the page despite the default");
        assertTrue(driver.findElement(By.cssSelector("input[value='" + w2 + "']")).isSelected(),
                "the default is pre-selected");
        pick(w1);
        assertEquals(w1, tokenWorkspace(asked));
    }

    @Test
    void persianIsRightToLeft() {
        WebDriverWait wait = signIn("fa", "nina", true);
        assertTrue(onChoosePage(wait), driver.getPageSource());
        assertEquals("rtl", driver.findElement(By.tagName("html")).getAttribute("dir"));
        String page = driver.getPageSource();
        assertTrue(page.contains("انتخاب فضای کاری"), page);
        assertTrue(page.contains("به‌عنوان پیش‌فرض من به خاطر سپرده شود"), page);
        Browser.screenshot(driver, "choose-workspace-fa");
        pick(w2);
        assertEquals(w2, tokenWorkspace(wait));
    }

    @Test
    void aMemberOfOneWorkspaceNeverSeesThePage() {
        WebDriverWait wait = signIn("en", "sol", true);
        assertFalse(onChoosePage(wait), "one workspace: no page");
        assertEquals(w1, tokenWorkspace(wait));
    }

    @Test
    void aTamperedWorkspaceIdIsRefusedWithThePageAgain() {
        WebDriverWait wait = signIn("en", "nina", true);
        assertTrue(onChoosePage(wait));
        for (String bad : new String[] {foreign, "not-a-workspace", "x".repeat(300)}) {
            ((JavascriptExecutor) driver).executeScript("var r = document.querySelector(\"input[name='workspace_id']"
                    + ":checked\"); r.value = arguments[0];", bad);
            driver.findElement(By.id("usso-choose-workspace-continue")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-choose-workspace-form")));
            String page = driver.getPageSource();
            assertTrue(page.contains("Choose one of your workspaces."), "refused " + bad + ": " + page);
            assertFalse(page.contains("Gamma team"), page);
        }
        Browser.screenshot(driver, "choose-workspace-refused");
        pick(w1);
        assertEquals(w1, tokenWorkspace(wait), "after refusals a real choice still works");
    }
}
