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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The choose-workspace page (required action usso-choose-workspace, enabled by the tenant template, triggered by
 * itself) in headless Chromium: a member of two workspaces sees it (English, and Persian right-to-left), picks W2,
 * gets W2 in the access and ID token; the next sign-in with the remembered default skips the page and gets W2
 * again; {@code prompt=select_account} (also over an existing sign-in session) and {@code choose_workspace=true} show
 * it anyway; {@code workspace_id} and {@code prompt=none} skip it; a member of one workspace never sees it. Attacks:
 * a forged form value (another member's workspace, junk) is refused with the page again and nothing stored; the form
 * without the sign-in's one-time code or without the browser's cookie does nothing; the default cannot be set
 * through the account API, and one set by an admin to a foreign workspace is ignored. Each test has its own user or
 * asks for the page, so the order of the tests does not matter.
 */
class ChooseWorkspaceBrowserIT extends TenantIT {

    private static final String PASSWORD = "Choose-Workspace-2026!";
    private static final String ACTION = "usso-choose-workspace";
    private static final String DEFAULT = "usso.workspace.default";
    private static final String VERIFIER = "v".repeat(50);

    private WebDriver driver;
    private String w1;
    private String w2;
    private String foreign;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone"));
        WorkspaceClient api = new WorkspaceClient(realmUrl());
        admin.createUser(realm, "owner", PASSWORD, Map.of());
        for (String user : List.of("nina", "sol", "mira", "omid", "tara", "kian", "lale")) {
            ids.put(user, admin.createUser(realm, user, PASSWORD, Map.of()));
        }
        String owner = api.token("owner", PASSWORD);
        w1 = api.create(owner, "Alpha team").get("id").asText();
        w2 = api.create(owner, "Beta team").get("id").asText();
        foreign = api.create(owner, "Gamma team").get("id").asText();
        for (String user : List.of("nina", "mira", "omid", "tara", "kian", "lale")) {
            WorkspaceClient.addMember(admin, realm, w1, ids.get(user));
            WorkspaceClient.addMember(admin, realm, w2, ids.get(user));
        }
        WorkspaceClient.addMember(admin, realm, w1, ids.get("sol"));
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private String authUrl(String locale, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", WorkspaceClient.SPA);
        p.put("redirect_uri", WorkspaceClient.REDIRECT);
        p.put("response_type", "code");
        p.put("scope", WorkspaceClient.SCOPE);
        p.put("state", "st");
        p.put("ui_locales", locale);
        p.put("code_challenge", OidcLogin.s256(VERIFIER));
        p.put("code_challenge_method", "S256");
        p.putAll(extra);
        return realmUrl() + "/protocol/openid-connect/auth?" + Http.form(p);
    }

    /** A new browser, identity-first: the username page, then the password page. */
    private WebDriverWait signIn(String locale, String username, Map<String, String> extra) {
        driver = Browser.open(locale);
        driver.get(authUrl(locale, extra));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(username);
        if (driver.findElements(By.id("password")).isEmpty()) {
            driver.findElement(By.id("kc-login")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password"))).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        return wait;
    }

    /** The same browser again (its sign-in session), another authorization request. */
    private WebDriverWait again(Map<String, String> extra) {
        try {
            driver.get(authUrl("en", extra));
        } catch (org.openqa.selenium.WebDriverException e) {
            // straight back to the application (nothing listens there): the URL is what counts
            assertTrue(String.valueOf(e.getMessage()).contains("ERR_CONNECTION_REFUSED"), e.getMessage());
        }
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private boolean onChoosePage(WebDriverWait wait) {
        wait.until(d -> d.getCurrentUrl().startsWith(WorkspaceClient.REDIRECT)
                || !d.findElements(By.id("usso-choose-workspace-form")).isEmpty());
        return !driver.findElements(By.id("usso-choose-workspace-form")).isEmpty();
    }

    /** The code exchange at the application: the access token's and the ID token's workspace_id. */
    private String tokenWorkspace(WebDriverWait wait) {
        wait.until(d -> d.getCurrentUrl().startsWith(WorkspaceClient.REDIRECT));
        Map<String, String> query = OidcLogin.query(URI.create(driver.getCurrentUrl()).getRawQuery());
        assertNull(query.get("error"), driver.getCurrentUrl());
        Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", WorkspaceClient.SPA, "code", query.get("code"),
                "redirect_uri", WorkspaceClient.REDIRECT, "code_verifier", VERIFIER));
        AdminApi.expect(token, 200, "code exchange");
        String access = WorkspaceClient.claims(token.json().get("access_token").asText()).path("workspace_id").asText();
        String id = WorkspaceClient.claims(token.json().get("id_token").asText()).path("workspace_id").asText();
        assertEquals(access, id, "the ID token names the same workspace");
        return access;
    }

    private void pick(String workspaceId, boolean remember) {
        driver.findElement(By.cssSelector("input[name='workspace_id'][value='" + workspaceId + "']")).click();
        if (driver.findElement(By.id("usso-remember")).isSelected() != remember) {
            driver.findElement(By.id("usso-remember")).click();
        }
        driver.findElement(By.id("usso-choose-workspace-continue")).click();
    }

    private String storedDefault(String user) {
        return admin.getJson("/" + realm + "/users/" + ids.get(user)).path("attributes").path(DEFAULT).path(0)
                .asText(null);
    }

    @Test
    void theTemplateEnablesTheActionAndKeepsKeycloaksDefaultActions() {
        JsonNode action = admin.getJson("/" + realm + "/authentication/required-actions/" + ACTION);
        assertTrue(action.path("enabled").asBoolean(), action.toString());
        assertFalse(action.path("defaultAction").asBoolean(), "never set on users: it triggers itself");
        // a realm Keycloak set up itself: the template lists the same actions, with the same settings
        String bare = realm + "-bare";
        ObjectNode rep = Http.JSON.createObjectNode().put("realm", bare).put("enabled", true);
        admin.createRealm(rep);
        try {
            Map<String, String> keycloak = actions(bare);
            Map<String, String> ours = actions(realm);
            assertTrue(ours.remove(ACTION) != null);
            assertEquals(keycloak, ours, "Keycloak's default required actions, as Keycloak sets them up");
        } finally {
            admin.deleteRealm(bare);
        }
    }

    private Map<String, String> actions(String realmName) {
        Map<String, String> all = new TreeMap<>();
        for (JsonNode a : admin.getJson("/" + realmName + "/authentication/required-actions")) {
            all.put(a.path("alias").asText(), a.path("providerId").asText() + " enabled=" + a.path("enabled")
                    + " default=" + a.path("defaultAction") + " priority=" + a.path("priority"));
        }
        return all;
    }

    @Test
    void aMemberOfTwoChoosesW2AndTheDefaultIsRemembered() {
        WebDriverWait wait = signIn("en", "mira", Map.of());
        assertTrue(onChoosePage(wait), "the page for a member of two: " + driver.getPageSource());
        String page = driver.getPageSource();
        assertTrue(page.contains("Choose a workspace"), page);
        assertTrue(page.contains("Alpha team") && page.contains("Beta team"), page);
        assertFalse(page.contains("Gamma team"), "only her own workspaces");
        assertTrue(driver.findElement(By.id("usso-remember")).isSelected(), "remember is ticked by default");
        Browser.screenshot(driver, "choose-workspace-en");
        pick(w2, true);
        assertEquals(w2, tokenWorkspace(wait));
        assertEquals(w2, storedDefault("mira"));

        // the same sign-in session, prompt=select_account: the page again, the new choice wins over the client
        // session the first choice bound
        WebDriverWait select = again(Map.of("prompt", "select_account"));
        assertTrue(onChoosePage(select), "prompt=select_account shows the page: " + driver.getPageSource());
        assertTrue(driver.findElement(By.cssSelector("input[value='" + w2 + "']")).isSelected(),
                "the default is pre-selected");
        pick(w1, true);
        assertEquals(w1, tokenWorkspace(select));
        assertEquals(w1, storedDefault("mira"));
        closeBrowser();

        WebDriverWait next = signIn("en", "mira", Map.of());
        assertFalse(onChoosePage(next), "the remembered default skips the page");
        assertEquals(w1, tokenWorkspace(next), "the remembered default is the token's workspace");
        closeBrowser();

        WebDriverWait asked = signIn("en", "mira", Map.of("choose_workspace", "true"));
        assertTrue(onChoosePage(asked), "choose_workspace=true shows the page despite the default");
        pick(w2, true);
        assertEquals(w2, tokenWorkspace(asked));
    }

    @Test
    void notRememberedTheChoiceHoldsForTheSignInSessionAndSilentRenewalIsNotInterrupted() {
        WebDriverWait wait = signIn("en", "omid", Map.of());
        assertTrue(onChoosePage(wait));
        pick(w2, false);
        assertEquals(w2, tokenWorkspace(wait));
        assertNull(storedDefault("omid"), "unticked: no default stored");
        // prompt=none (an application's silent renewal): never a page, the session's choice
        WebDriverWait silent = again(Map.of("prompt", "none"));
        assertEquals(w2, tokenWorkspace(silent), "prompt=none gets a code, for the workspace chosen in the session");
        // no default: the next interactive authorization asks again (once)
        WebDriverWait interactive = again(Map.of());
        assertTrue(onChoosePage(interactive), "no default: asked again");
        pick(w1, false);
        assertEquals(w1, tokenWorkspace(interactive));
    }

    @Test
    void persianIsRightToLeft() {
        WebDriverWait wait = signIn("fa", "nina", Map.of("choose_workspace", "true"));
        assertTrue(onChoosePage(wait), driver.getPageSource());
        assertEquals("rtl", driver.findElement(By.tagName("html")).getAttribute("dir"));
        String page = driver.getPageSource();
        assertTrue(page.contains("انتخاب فضای کاری"), page);
        assertTrue(page.contains("به‌عنوان پیش‌فرض من به خاطر سپرده شود"), page);
        Browser.screenshot(driver, "choose-workspace-fa");
        pick(w2, false);
        assertEquals(w2, tokenWorkspace(wait));
    }

    @Test
    void aMemberOfOneWorkspaceNeverSeesThePage() {
        WebDriverWait wait = signIn("en", "sol", Map.of("choose_workspace", "true", "prompt", "select_account"));
        assertFalse(onChoosePage(wait), "one workspace: no page");
        assertEquals(w1, tokenWorkspace(wait));
    }

    @Test
    void aWorkspaceInTheAuthorizationRequestSkipsThePage() {
        WebDriverWait wait = signIn("en", "tara", Map.of("workspace_id", w2, "prompt", "select_account"));
        assertFalse(onChoosePage(wait), "workspace_id: no page");
        assertEquals(w2, tokenWorkspace(wait));
        assertNull(storedDefault("tara"), "naming a workspace in the request stores no default");
        // the same client in the same sign-in session, now choosing on the page: the page's choice wins over the
        // workspace_id the earlier authorization left in the client session
        WebDriverWait select = again(Map.of("prompt", "select_account"));
        assertTrue(onChoosePage(select), driver.getPageSource());
        pick(w1, false);
        assertEquals(w1, tokenWorkspace(select));
    }

    @Test
    void aTamperedWorkspaceIdIsRefusedWithThePageAgain() {
        WebDriverWait wait = signIn("en", "nina", Map.of("choose_workspace", "true"));
        assertTrue(onChoosePage(wait));
        for (String bad : new String[] {foreign, "not-a-workspace", "x".repeat(300), ""}) {
            ((JavascriptExecutor) driver).executeScript("var r = document.querySelector(\"input[name='workspace_id']"
                    + ":checked\"); r.value = arguments[0];", bad);
            driver.findElement(By.id("usso-choose-workspace-continue")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-choose-workspace-form")));
            String page = driver.getPageSource();
            assertTrue(page.contains("Choose one of your workspaces."), "refused " + bad + ": " + page);
            assertFalse(page.contains("Gamma team"), page);
            assertFalse(driver.getCurrentUrl().startsWith(WorkspaceClient.REDIRECT), "no code for " + bad);
        }
        Browser.screenshot(driver, "choose-workspace-refused");
        assertNotEquals(foreign, storedDefault("nina"), "nothing stored for a refused value");
        JsonNode events = admin.getJson("/" + realm + "/events?type=LOGIN_ERROR&user=" + ids.get("nina"));
        assertTrue(events.toString().contains("invalid_workspace"), "a LOGIN_ERROR event: " + events);
        pick(w1, false);
        assertEquals(w1, tokenWorkspace(wait), "after refusals a real choice still works");
    }

    @Test
    void theFormWithoutTheSignInsCodeOrCookieDoesNothing() {
        WebDriverWait wait = signIn("en", "kian", Map.of());
        assertTrue(onChoosePage(wait));
        String action = driver.findElement(By.id("usso-choose-workspace-form")).getAttribute("action");
        assertTrue(action.contains("session_code="), action);
        // another site's form: the browser's cookie is not there (or, with it, the one-time code is not known)
        Http.Response crossSite = Http.plain().postForm(action, Map.of("workspace_id", w2, "remember", "on"));
        assertFalse(crossSite.status() == 302 && String.valueOf(crossSite.header("Location"))
                .startsWith(WorkspaceClient.REDIRECT), "no code without the cookie: " + crossSite.status());
        String forgedCode = action.replaceAll("session_code=[^&]*", "session_code=forged");
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('usso-choose-workspace-form').action = arguments[0];", forgedCode);
        org.openqa.selenium.WebElement form = driver.findElement(By.id("usso-choose-workspace-form"));
        pick(w2, true);
        wait.until(ExpectedConditions.stalenessOf(form));
        assertFalse(driver.getCurrentUrl().startsWith(WorkspaceClient.REDIRECT), "no code with a forged one-time "
                + "code: " + driver.getCurrentUrl());
        assertNull(storedDefault("kian"), "nothing stored by either forged post");
        closeBrowser();
        // a genuine sign-in still works
        WebDriverWait retry = signIn("en", "kian", Map.of());
        assertTrue(onChoosePage(retry), driver.getPageSource());
        pick(w1, true);
        assertEquals(w1, tokenWorkspace(retry));
    }

    @Test
    void theDefaultCannotBeSetByTheUserAndAForeignOneIsIgnored() {
        // through the account API (what the account console uses): not the user's to set
        String token = new OidcLogin(realmUrl(), WorkspaceClient.SPA, WorkspaceClient.REDIRECT)
                .login("lale", PASSWORD, "openid").get("access_token").asText();
        Http.Response account = Http.plain().get(realmUrl() + "/account/?userProfileMetadata=true", "Authorization",
                "Bearer " + token, "Accept", "application/json");
        AdminApi.expect(account, 200, "account");
        assertFalse(account.body().contains(DEFAULT), "hidden from the user: " + account.body());
        ObjectNode edit = (ObjectNode) account.json().deepCopy();
        edit.remove("userProfileMetadata");
        edit.withObject("attributes").putArray(DEFAULT).add(foreign);
        Http.Response forged = Http.plain().postJson(realmUrl() + "/account/", edit, "Authorization",
                "Bearer " + token);
        assertTrue(forged.status() < 500, forged.body());
        assertNull(storedDefault("lale"), "the account API stored no default (" + forged.status() + ")");

        // an admin (or anything) writing a workspace she is not a member of: the page, and never that workspace
        admin.setUserAttribute(realm, ids.get("lale"), DEFAULT, List.of(foreign));
        WebDriverWait wait = signIn("en", "lale", Map.of());
        assertTrue(onChoosePage(wait), "a default she is not a member of does not count");
        assertFalse(driver.getPageSource().contains("Gamma team"));
        pick(w2, true);
        assertEquals(w2, tokenWorkspace(wait));
        assertEquals(w2, storedDefault("lale"));
        admin.setUserAttribute(realm, ids.get("lale"), DEFAULT, List.of(foreign));
        JsonNode refreshed = new WorkspaceClient(realmUrl()).tokens("lale", PASSWORD);
        assertNotEquals(foreign, WorkspaceClient.claims(refreshed.get("access_token").asText())
                .path("workspace_id").asText(), "the mapper re-checks membership");
    }
}
