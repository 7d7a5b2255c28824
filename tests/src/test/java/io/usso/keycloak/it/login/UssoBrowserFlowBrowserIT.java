package io.usso.keycloak.it.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The USSO browser flow of the tenant template ("usso browser", bound here as the realm's browser flow, as in the
 * demo tenant) in headless
 * Chromium: identity first, then the methods the tenant's setting {@code usso.login.methods} enables, then the second
 * factor of {@code usso.login.second-factor}; every page in English and Persian without raw message keys.
 */
class UssoBrowserFlowBrowserIT extends TenantIT {

    private static final String PASSWORD = "Flow-Browser-7!";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String CLIENT = "flow-app";

    private Mailbox mailbox;

    @Override
    protected void setUpTenant() {
        // the template ships the flow; this tenant binds it, as a tenant admin does (Authentication, Bind flow)
        ObjectNode rep = (ObjectNode) admin.getJson("/" + realm);
        rep.put("browserFlow", "usso browser");
        AdminApi.expect(admin.put("/" + realm, rep), 204, "bind usso browser");
        mailbox = Mailbox.start();
        mailbox.configure(admin, realm);
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", CLIENT);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(REDIRECT);
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        admin.createClient(realm, client);
        for (String user : List.of("pia", "quinn", "rosa", "sami", "tara")) {
            admin.createUser(realm, user, PASSWORD, Map.of());
        }
    }

    @AfterAll
    void stopMail() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    void theTemplateShipsTheFlowAndThisTenantUsesIt() {
        assertEquals("usso browser", admin.getJson("/" + realm).path("browserFlow").asText());
    }

    @Test
    void aPasswordSignsInThroughTheFlowInEnglishAndPersian() {
        for (String language : List.of("en", "fa")) {
            setting("password,passkey,magic-link,email-otp", "optional");
            try (Login login = new Login(language)) {
                login.username("pia");
                login.password(PASSWORD);
                JsonNode tokens = login.finish();
                assertEquals("pia", OidcLogin.claims(tokens.get("access_token").asText())
                        .path("preferred_username").asText());
            }
        }
    }

    @Test
    void anEmailCodeSignsInAndSwitchingItOffRemovesItFromTryAnotherWay() {
        setting("password,email-otp", "optional");
        try (Login login = new Login("en")) {
            login.username("quinn");
            login.tryAnotherWay();
            String choices = login.pageText();
            assertTrue(choices.contains("E-mail code"), choices);
            assertFalse(choices.contains("E-mail link"), "magic links are off: " + choices);
            login.choose("E-mail code");
            login.page("email code");
            String code = Mailbox.code(mailbox.await("quinn@example.test", 1, Duration.ofSeconds(20)));
            WebElement otp = login.await(By.id("otp"));
            otp.sendKeys(code);
            login.submit(By.id("usso-otp-submit"));
            login.finish();
        }
        setting("password,magic-link", "optional");
        try (Login login = new Login("fa")) {
            assertEquals("rtl", login.driver.findElement(By.tagName("html")).getDomAttribute("dir"));
            login.username("quinn");
            login.tryAnotherWay();
            String choices = login.pageText();
            assertFalse(choices.contains("E-mail code") || choices.contains("کد ایمیلی"), choices);
        }
    }

    @Test
    void aRequiredSecondFactorEnrolsTotpAndThenAsksForACode() throws GeneralSecurityException {
        setting("password", "required");
        String secret;
        try (Login login = new Login("en")) {
            login.username("rosa");
            login.password(PASSWORD);
            login.page("configure TOTP");
            login.driver.findElement(By.id("mode-manual")).click();
            secret = login.await(By.id("kc-totp-secret-key")).getText().replace(" ", "");
            login.page("configure TOTP (manual)");
            login.await(By.id("totp")).sendKeys(Totp.code(secret, System.currentTimeMillis()));
            login.submit(By.id("saveTOTPBtn"));
            login.finish();
        }
        try (Login login = new Login("fa")) {
            login.username("rosa");
            login.password(PASSWORD);
            login.page("OTP form");
            // the code of the next period (Keycloak's look-around window of 1 accepts it): the current one was
            // used for the enrolment, and Keycloak refuses a code twice
            String right = Totp.code(secret, System.currentTimeMillis() + 30_000);
            String wrong = (right.charAt(0) == '1' ? "2" : "1") + right.substring(1);
            login.await(By.id("otp")).sendKeys(wrong);
            login.submit(By.id("kc-login"));
            assertFalse(login.signedIn(), "a wrong code is refused");
            login.page("OTP form, wrong code");
            login.await(By.id("otp")).sendKeys(right);
            login.submit(By.id("kc-login"));
            login.finish();
        }
        setting("password", "off");
        try (Login login = new Login("en")) {
            login.username("rosa");
            login.password(PASSWORD);
            login.finish();
        }
    }

    @Test
    void anUnknownUsernameDoesNotReachTheMethods() {
        setting(null, null);
        try (Login login = new Login("en")) {
            login.username("nobody-here");
            assertFalse(login.signedIn());
            login.page("unknown user");
        }
    }

    private void setting(String methods, String secondFactor) {
        Map<String, String> attributes = new java.util.HashMap<>();
        attributes.put("usso.login.methods", methods == null ? "" : methods);
        attributes.put("usso.login.second-factor", secondFactor == null ? "" : secondFactor);
        admin.setRealmAttributes(realm, attributes);
    }

    /** RFC 6238 with Keycloak's defaults: HMAC-SHA1, 30 s, 6 digits. */
    static final class Totp {
        static String code(String base32Secret, long millis) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(millis / 1000 / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        }

        static byte[] base32(String text) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : text.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
                int value = alphabet.indexOf(c);
                if (value < 0) {
                    throw new IllegalArgumentException("not base32: " + c);
                }
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8) {
                    out.write((buffer >> (bits - 8)) & 0xff);
                    bits -= 8;
                }
            }
            return out.toByteArray();
        }
    }

    /** One person at the sign-in pages of {@link #CLIENT}. */
    private final class Login implements AutoCloseable {
        final WebDriver driver;
        final WebDriverWait wait;
        final String language;
        final String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();

        Login(String language) {
            this.language = language;
            this.driver = Browser.open(language);
            this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of("client_id", CLIENT,
                    "redirect_uri", REDIRECT, "response_type", "code", "scope", "openid", "state", "s1",
                    "ui_locales", language, "kc_locale", language,
                    "code_challenge", OidcLogin.s256(verifier), "code_challenge_method", "S256")));
            page("username");
        }

        WebElement await(By by) {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        }

        void submit(By by) {
            WebElement button = driver.findElement(by);
            button.click();
            Browser.awaitGone(wait, button);
        }

        void username(String username) {
            await(By.id("username")).sendKeys(username);
            submit(By.id("kc-login"));
        }

        void password(String password) {
            page("password");
            await(By.id("password")).sendKeys(password);
            submit(By.id("kc-login"));
        }

        void tryAnotherWay() {
            WebElement link = await(By.id("try-another-way"));
            link.click();
            Browser.awaitGone(wait, link);
            page("try another way");
        }

        void choose(String displayName) {
            // keycloak.v2's select-authenticator.ftl: one <li> per method, a div role=button submitting its form
            for (WebElement option : driver.findElements(By.cssSelector("li div[role='button']"))) {
                if (option.getText().contains(displayName)) {
                    option.click();
                    Browser.awaitGone(wait, option);
                    return;
                }
            }
            throw new AssertionError("no choice " + displayName + " in " + pageText());
        }

        String pageText() {
            return driver.findElement(By.tagName("body")).getText();
        }

        /** Checks the page for raw message keys, keeps a screenshot, and checks the direction in Persian. */
        void page(String what) {
            wait.until(d -> !pageText().isBlank());
            String text = pageText();
            assertFalse(text.contains("usso-") || text.contains("${") || text.contains("-display-name")
                    || text.contains("-help-text"), what + " (" + language + ") shows a message key:\n" + text);
            if ("fa".equals(language)) {
                assertEquals("rtl", driver.findElement(By.tagName("html")).getDomAttribute("dir"), what);
            }
            Browser.screenshot(driver, "usso-flow-" + language + "-" + what.replaceAll("[^a-zA-Z0-9]+", "-"));
        }

        boolean signedIn() {
            return driver.getCurrentUrl().startsWith(REDIRECT);
        }

        JsonNode finish() {
            wait.until(d -> d.getCurrentUrl().startsWith(REDIRECT));
            String query = java.net.URI.create(driver.getCurrentUrl()).getRawQuery();
            String code = null;
            for (String pair : query.split("&")) {
                if (pair.startsWith("code=")) {
                    code = java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            assertNotNull(code, query);
            Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "authorization_code", "client_id", CLIENT, "code", code,
                    "redirect_uri", REDIRECT, "code_verifier", verifier));
            AdminApi.expect(token, 200, "code exchange");
            return token.json();
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
