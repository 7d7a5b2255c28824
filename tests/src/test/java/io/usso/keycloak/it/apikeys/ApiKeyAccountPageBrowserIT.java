package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account page {@code /realms/{realm}/api-keys/account}: a person signs in through it (headless Chromium),
 * creates, rotates and revokes a key, sees a new key exactly once, in English and in Persian (RTL); and, over plain
 * HTTP with the same kind of session, POSTs without the session's CSRF token or from another origin are refused.
 */
class ApiKeyAccountPageBrowserIT extends TenantIT {

    private static final String PASSWORD = "Key-Page-2026!";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

    private final String verifierSecret = UssoServer.randomSecret();
    private WebDriver driver;

    @Override
    protected void setUpTenant() {
        admin.createRealmRole(realm, "media-editor", Map.of("usso.scopes", List.of("read:media/files create:media/files")));
        for (String user : List.of("pat", "sam", "lee")) {
            admin.grantRealmRoles(realm, admin.createUser(realm, user, PASSWORD, Map.of()), "media-editor");
        }
        admin.createClient(realm, AdminApi.confidentialClient("verifier", verifierSecret, true));
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "verifier"), "verify-api-keys");
        // what the realm templates will carry: the page is a redirect URI of account-console
        String uuid = admin.clientUuid(realm, "account-console");
        ObjectNode client = (ObjectNode) admin.getJson("/" + realm + "/clients/" + uuid);
        ((ArrayNode) client.get("redirectUris")).add("/realms/" + realm + "/api-keys/account");
        AdminApi.expect(admin.put("/" + realm + "/clients/" + uuid, client), 204, "account-console redirect URI");
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private String pageUrl() {
        return realmUrl() + "/api-keys/account";
    }

    private Http.Response verify(String key) {
        return Http.plain().postJson(realmUrl() + "/api-keys/verify", Map.of("api_key", key),
                "Authorization", "Bearer " + OidcLogin.clientCredentials(realmUrl(), "verifier", verifierSecret));
    }

    // ------------------------------------------------------------------ browser

    @Test
    void aPersonSignsInCreatesSeesTheKeyOnceRotatesAndRevokes() {
        driver = Browser.open("en");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try {
            driver.get(pageUrl());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
            assertTrue(driver.getCurrentUrl().contains("/protocol/openid-connect/auth")
                    || driver.getCurrentUrl().contains("/login-actions/"), driver.getCurrentUrl());
            driver.findElement(By.id("username")).sendKeys("lee"); // a user no other test touches
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            driver.findElement(By.id("kc-login")).click();

            // back on the page, without the sign-in response in the URL
            wait.until(ExpectedConditions.urlToBe(pageUrl()));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-keys-page")));
            assertEquals("ltr", driver.findElement(By.tagName("html")).getAttribute("dir"));
            assertTrue(driver.findElement(By.id("usso-api-keys-user")).getText().contains("lee"));
            assertFalse(driver.findElements(By.id("usso-api-keys-empty")).isEmpty(), "no keys yet");
            Browser.screenshot(driver, "api-keys-page-empty");

            // create: the key is shown once
            driver.findElement(By.id("usso-api-key-name")).sendKeys("backup script");
            driver.findElement(By.cssSelector("input[name=scopes][value='read:media/files']")).click();
            driver.findElement(By.id("usso-api-key-days")).sendKeys("30");
            driver.findElement(By.id("usso-api-key-create-submit")).click();
            String key = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-key-value")))
                    .getAttribute("value");
            assertTrue(key.startsWith("uss_") && key.length() == 42, key);
            Browser.screenshot(driver, "api-keys-page-created");
            Http.Response ok = verify(key);
            assertEquals(200, ok.status(), ok.body());
            assertEquals("[\"read:media/files\"]", ok.json().get("scopes").toString());
            WebElement row = driver.findElement(By.cssSelector("#usso-api-keys li.usso-api-key"));
            assertTrue(row.getText().contains("backup script"), row.getText());
            assertTrue(row.findElement(By.className("usso-api-key-masked")).getText().endsWith("…"));

            driver.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-keys-page")));
            assertEquals(pageUrl(), driver.getCurrentUrl(), "a reload is a plain GET of the page");
            assertTrue(driver.findElements(By.id("usso-api-key-value")).isEmpty(), "shown only once");
            assertFalse(driver.getPageSource().contains(key.substring(4)), "the key is not in the page any more");
            assertEquals(1, driver.findElements(By.cssSelector("#usso-api-keys li.usso-api-key")).size(),
                    "the reload did not create a second key");

            // rotate: a new key, the old one stops at once
            driver.findElement(By.cssSelector("form.usso-api-key-rotate button")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            String rotated = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-key-value")))
                    .getAttribute("value");
            assertNotEquals(key, rotated);
            assertEquals(401, verify(key).status(), "the rotated-out key stops");
            assertEquals(200, verify(rotated).status());
            assertEquals(1, driver.findElements(By.cssSelector("#usso-api-keys li.usso-api-key")).size());

            // revoke, after a cancelled first attempt
            driver.findElement(By.cssSelector("form.usso-api-key-revoke button")).click();
            wait.until(ExpectedConditions.alertIsPresent()).dismiss();
            assertEquals(200, verify(rotated).status(), "a cancelled revocation changes nothing");
            driver.findElement(By.cssSelector("form.usso-api-key-revoke button")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-keys-empty")));
            assertEquals(401, verify(rotated).status(), "revoked");

            // the same page in Persian, right to left
            driver.get(pageUrl() + "?kc_locale=fa");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-keys-page")));
            WebElement html = driver.findElement(By.tagName("html"));
            assertEquals("rtl", html.getAttribute("dir"));
            assertEquals("fa", html.getAttribute("lang"));
            String heading = driver.findElement(By.id("kc-page-title")).getText();
            assertTrue(heading.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC),
                    "Persian heading expected, got " + heading);
            String direction = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return getComputedStyle(document.getElementById('usso-api-keys-page')).direction");
            assertEquals("rtl", direction);
            assertTrue(driver.findElement(By.id("usso-api-key-create")).getAttribute("action").contains("kc_locale=fa"),
                    "the forms keep the language");
            Browser.screenshot(driver, "api-keys-page-fa");
            driver.findElement(By.id("usso-api-key-name")).sendKeys("کلید آزمایشی");
            driver.findElement(By.cssSelector("input[name=scopes][value='read:media/files']")).click();
            driver.findElement(By.id("usso-api-key-create-submit")).click();
            String persianKey = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usso-api-key-value")))
                    .getAttribute("value");
            assertEquals("rtl", driver.findElement(By.tagName("html")).getAttribute("dir"), "the answer stays Persian");
            assertEquals("کلید آزمایشی", driver.findElement(By.id("usso-api-key-new-name")).getText());
            assertEquals(200, verify(persianKey).status());
            Browser.screenshot(driver, "api-keys-page-fa-created");
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(driver, "api-keys-page-failure");
            throw new AssertionError("account page flow failed at " + driver.getCurrentUrl() + "; browser console:\n"
                    + Browser.consoleLog(driver), e);
        }
    }

    // ------------------------------------------------------------------ plain HTTP

    /** One browser's cookies, signed in through the page itself; the page's HTML afterwards. */
    private record Session(Http http, String page) {
        String csrf() {
            Matcher m = CSRF.matcher(page);
            assertTrue(m.find(), "no CSRF token on the page");
            return m.group(1);
        }
    }

    private Session signInOverHttp(String username) {
        Http http = Http.withCookies();
        Http.Response first = http.get(pageUrl());
        assertEquals(302, first.status(), "not signed in: to the sign-in page");
        URI login = URI.create(first.header("Location"));
        assertTrue(login.getPath().endsWith("/realms/" + realm + "/protocol/openid-connect/auth"), login.toString());
        String q = login.getRawQuery();
        assertTrue(q.contains("client_id=account-console") && q.contains("response_type=code")
                && q.contains("code_challenge_method=S256") && q.contains("code_challenge=") && q.contains("state=")
                && q.contains("redirect_uri=" + Http.enc(pageUrl())), q);
        Http.Response form = http.get(login.toString());
        AdminApi.expect(form, 200, "sign-in page");
        Http.Response back = http.postForm(OidcLogin.formAction(form.body(), "kc-form-login"),
                Map.of("username", username, "password", PASSWORD, "credentialId", ""));
        assertEquals(302, back.status(), back.body());
        assertTrue(back.header("Location").startsWith(pageUrl() + "?"), back.header("Location"));
        Http.Response cleaned = http.get(back.header("Location"));
        assertEquals(302, cleaned.status(), "the sign-in response is dropped from the URL");
        assertEquals(pageUrl(), cleaned.header("Location"));
        Http.Response page = http.get(pageUrl());
        assertEquals(200, page.status(), page.body());
        return new Session(http, page.body());
    }

    private Http.Response post(Session s, String path, Map<String, String> form, String... headers) {
        return s.http().postForm(pageUrl() + path, form, headers);
    }

    private int keyCount(Session s) {
        return s.http().get(pageUrl()).body().split("class=\"usso-api-key\" data-key-id=").length - 1;
    }

    @Test
    void thePageIsNotCachedNorFramedAndKeepsSendingOrigin() {
        Session s = signInOverHttp("sam");
        Http.Response page = s.http().get(pageUrl());
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertEquals("no-store", page.header("Cache-Control"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"),
                page.header("Content-Security-Policy"));
        assertEquals("same-origin", page.header("Referrer-Policy"), "with no-referrer browsers send Origin: null");
        assertEquals("nosniff", page.header("X-Content-Type-Options"));

        Http.Response anonymous = Http.plain().get(pageUrl());
        assertEquals(302, anonymous.status());
        assertEquals("no-store", anonymous.header("Cache-Control"));
    }

    @Test
    void postsWithoutTheSessionsTokenOrFromAnotherOriginAreRefused() {
        Session s = signInOverHttp("sam");
        String token = s.csrf();
        String origin = server.baseUrl();
        Map<String, String> create = Map.of("name", "k", "scopes", "read:media/files", "csrf", token);
        int before = keyCount(s);

        Map<String, String> noToken = Map.of("name", "k", "scopes", "read:media/files");
        assertEquals(403, post(s, "/create", noToken, "Origin", origin).status(), "no token");
        assertEquals(403, post(s, "/create", Map.of("name", "k", "scopes", "read:media/files", "csrf",
                token.substring(0, 63) + (token.endsWith("0") ? "1" : "0")), "Origin", origin).status(), "wrong token");
        assertEquals(403, post(s, "/create", create, "Origin", "https://evil.example").status(), "other origin");
        assertEquals(403, post(s, "/create", create, "Origin", "null").status(), "opaque origin");
        assertEquals(403, post(s, "/create", create).status(), "neither Origin nor Referer");
        assertEquals(403, post(s, "/create", create, "Referer", "https://evil.example/x").status(), "other referer");
        Http.Response refused = post(s, "/create", noToken, "Origin", origin);
        assertTrue(refused.body().contains("usso-api-keys-page") && !refused.body().contains("id=\"usso-api-key-value\""),
                "the refusal is the page with a message, and no key");
        assertEquals(before, keyCount(s), "nothing was created");

        // another user's token does not work in this session
        String otherToken = signInOverHttp("pat").csrf();
        assertNotEquals(token, otherToken);
        assertEquals(403, post(s, "/create", Map.of("name", "k", "scopes", "read:media/files", "csrf", otherToken),
                "Origin", origin).status());

        // the control: the same request with the right token and origin works
        Http.Response created = post(s, "/create", create, "Origin", origin);
        assertEquals(200, created.status(), created.body());
        assertTrue(created.body().contains("id=\"usso-api-key-value\""));
        assertEquals("no-store", created.header("Cache-Control"));
        assertEquals(before + 1, keyCount(s));
        Http.Response byReferer = post(s, "/create", create, "Referer", pageUrl());
        assertEquals(200, byReferer.status(), "a same-origin Referer is enough without Origin");

        // rotate and revoke need the token too
        Matcher id = Pattern.compile("data-key-id=\"([^\"]+)\"").matcher(s.http().get(pageUrl()).body());
        assertTrue(id.find());
        assertEquals(403, post(s, "/keys/" + id.group(1) + "/revoke", Map.of(), "Origin", origin).status());
        assertEquals(403, post(s, "/keys/" + id.group(1) + "/rotate", Map.of("csrf", "0".repeat(64)), "Origin", origin).status());
        assertEquals(before + 2, keyCount(s));
        assertEquals(200, post(s, "/keys/" + id.group(1) + "/revoke", Map.of("csrf", token), "Origin", origin).status());
        assertEquals(before + 1, keyCount(s));
        assertEquals(404, post(s, "/keys/" + id.group(1) + "/revoke", Map.of("csrf", token), "Origin", origin).status(),
                "already revoked");
    }

    @Test
    void badFormsAnswer400WithThePageAndWithoutASessionPostsGoBackToThePage() {
        Session s = signInOverHttp("sam");
        String token = s.csrf();
        String origin = server.baseUrl();
        for (Map<String, String> form : List.of(
                Map.of("csrf", token, "name", "", "scopes", "read:media/files"),
                Map.of("csrf", token, "name", "x"),
                Map.of("csrf", token, "name", "x", "scopes", "admin:billing"),
                Map.of("csrf", token, "name", "x", "scopes", "read:media/files", "expires_in_days", "-1"),
                Map.of("csrf", token, "name", "x", "scopes", "read:media/files", "expires_in_days", "100000"))) {
            Http.Response r = post(s, "/create", form, "Origin", origin);
            assertEquals(400, r.status(), form + " -> " + r.status());
            assertTrue(r.body().contains("usso-api-keys-page"), "the page with the reason");
            assertFalse(r.body().contains("id=\"usso-api-key-value\""));
        }
        // someone else's key id is "not found"
        Session pat = signInOverHttp("pat");
        Http.Response patKey = post(pat, "/create", Map.of("csrf", pat.csrf(), "name", "pat's",
                "scopes", "read:media/files"), "Origin", origin);
        AdminApi.expect(patKey, 200, "pat creates a key");
        Matcher id = Pattern.compile("data-key-id=\"([^\"]+)\"").matcher(patKey.body());
        assertTrue(id.find());
        assertEquals(404, post(s, "/keys/" + id.group(1) + "/revoke", Map.of("csrf", token), "Origin", origin).status());
        assertEquals(404, post(s, "/keys/" + id.group(1) + "/rotate", Map.of("csrf", token), "Origin", origin).status());

        Http.Response anonymous = Http.plain().postForm(pageUrl() + "/create", Map.of("csrf", token, "name", "x",
                "scopes", "read:media/files"), "Origin", origin);
        assertEquals(303, anonymous.status(), "no session: back to the page (and from there to sign in)");
        assertEquals(pageUrl(), anonymous.header("Location"));
    }
}
