package io.usso.keycloak.it.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
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

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Log in with Telegram" in headless Chromium against the distribution, with a local fake of Telegram's
 * authorisation page that signs the login with the bot token this test generated: the login page's Telegram button
 * → Telegram → USSO's callback page (which posts the {@code #tgAuthResult} fragment) → Keycloak's first-broker-login
 * (review profile) → signed in; the federated identity is (alias, Telegram id), the "Telegram attribute importer"
 * mappers and Keycloak's hardcoded attribute mapper fill user attributes, a second login is the same user; a cancel
 * at Telegram is explained (in Persian);
 * an existing account links Telegram through Keycloak's account-linking action ({@code kc_action=idp_link:telegram},
 * what the account console's "Linked accounts" uses), which then shows in the account REST API and signs in as that
 * account.
 */
class TelegramIdpBrowserIT extends TenantIT {

    private static final String ALIAS = "telegram";
    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Telegram-Link-2026!";
    private static final AtomicLong IDS = new AtomicLong(900_000_000L + (System.nanoTime() % 1_000_000));

    private LoginWidgetFake telegram;

    @Override
    protected void setUpTenant() {
        telegram = new LoginWidgetFake();
        LoginWidgetFake.addProvider(admin, realm, ALIAS, telegram.botToken, telegram.baseUrl(), Map.of());
        ObjectNode profile = (ObjectNode) admin.getJson("/" + realm + "/users/profile");
        profile.put("unmanagedAttributePolicy", "ADMIN_VIEW");
        AdminApi.expect(admin.put("/" + realm + "/users/profile", profile), 200, "user profile");
        mapper("photo", "photo_url", "telegram_photo");
        mapper("telegram id", "id", "telegram_id");
        ObjectNode hardcoded = Http.JSON.createObjectNode();
        hardcoded.put("name", "sign-up source");
        hardcoded.put("identityProviderAlias", ALIAS);
        hardcoded.put("identityProviderMapper", "hardcoded-attribute-idp-mapper");
        hardcoded.putObject("config").put("syncMode", "INHERIT").put("attribute", "signup_source")
                .put("attribute.value", "telegram");
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances/" + ALIAS + "/mappers", hardcoded),
                201, "hardcoded mapper");
        boolean linkAction = false;
        for (JsonNode action : admin.getJson("/" + realm + "/authentication/required-actions")) {
            linkAction |= "idp_link".equals(action.path("alias").asText()) && action.path("enabled").asBoolean();
        }
        assertTrue(linkAction, "Keycloak's account-linking action is enabled in tenants");
    }

    private void mapper(String name, String field, String attribute) {
        ObjectNode m = Http.JSON.createObjectNode();
        m.put("name", name);
        m.put("identityProviderAlias", ALIAS);
        m.put("identityProviderMapper", "telegram-user-attribute-idp-mapper");
        m.putObject("config").put("syncMode", "INHERIT").put("telegram.field", field).put("user.attribute", attribute);
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances/" + ALIAS + "/mappers", m), 201,
                "mapper " + name);
    }

    @AfterAll
    void stopTelegram() {
        if (telegram != null) {
            telegram.close();
        }
    }

    private static LoginWidgetFake.Person person(String name) {
        long id = IDS.incrementAndGet();
        return new LoginWidgetFake.Person(id, name, "Lovelace", name.toLowerCase() + "_" + id,
                "https://t.me/i/userpic/320/" + id + ".jpg");
    }

    /** One browser signing in to the test client (code flow with PKCE). */
    private final class Session implements AutoCloseable {
        final WebDriver driver;
        final WebDriverWait wait;
        private String verifier;
        private String state;

        Session(String language) {
            driver = Browser.open(language);
            wait = new WebDriverWait(driver, Duration.ofSeconds(25));
        }

        void open(String language, String kcAction) {
            verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
            state = UssoServer.randomSecret();
            Map<String, String> auth = new LinkedHashMap<>();
            auth.put("client_id", SPA);
            auth.put("redirect_uri", REDIRECT);
            auth.put("response_type", "code");
            auth.put("scope", "openid");
            auth.put("state", state);
            auth.put("kc_locale", language);
            auth.put("code_challenge", OidcLogin.s256(verifier));
            auth.put("code_challenge_method", "S256");
            if (kcAction != null) {
                auth.put("kc_action", kcAction);
            }
            driver.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(auth));
        }

        WebElement visible(String id) {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        }

        void clickTelegram() {
            WebElement button = visible("social-" + ALIAS);
            assertFalse(button.findElements(By.cssSelector(".usso-idp-telegram")).isEmpty(),
                    "the Telegram button has USSO's Telegram logo");
            button.click();
        }

        void password(String username, String password) {
            visible("username").sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            WebElement submit = driver.findElement(By.id("kc-login"));
            submit.click();
            Browser.awaitGone(wait, submit);
        }

        /** Waits for the client's redirect and exchanges the code; returns the token answer. */
        JsonNode tokens() {
            try {
                wait.until(d -> d.getCurrentUrl().startsWith(REDIRECT));
            } catch (RuntimeException e) {
                Browser.screenshot(driver, "telegram-idp-not-signed-in");
                throw new AssertionError("not back at the client: " + driver.getCurrentUrl() + "\n"
                        + driver.getPageSource(), e);
            }
            Map<String, String> params = OidcLogin.query(URI.create(driver.getCurrentUrl()).getRawQuery());
            assertEquals(state, params.get("state"));
            Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "authorization_code", "client_id", SPA, "code", params.get("code"),
                    "redirect_uri", REDIRECT, "code_verifier", verifier));
            AdminApi.expect(token, 200, "code exchange");
            ObjectNode out = (ObjectNode) token.json();
            if (params.containsKey("kc_action_status")) {
                out.put("kc_action_status", params.get("kc_action_status"));
            }
            return out;
        }

        @Override
        public void close() {
            driver.quit();
        }
    }

    private static String sub(JsonNode tokens) {
        return OidcLogin.claims(tokens.get("access_token").asText()).get("sub").asText();
    }

    private JsonNode federatedIdentity(String userId) {
        JsonNode all = admin.getJson("/" + realm + "/users/" + userId + "/federated-identity");
        for (JsonNode f : all) {
            if (ALIAS.equals(f.path("identityProvider").asText())) {
                return f;
            }
        }
        throw new AssertionError("no Telegram identity on " + userId + ": " + all);
    }

    @Test
    void signUpWithTelegramThenSignInAgainAsTheSameUser() {
        LoginWidgetFake.Person ada = person("Ada");
        telegram.loginAs(ada);
        int visits = telegram.requests().size();
        String userId;
        try (Session s = new Session("en")) {
            s.open("en", null);
            s.clickTelegram();
            WebElement email = s.visible("email");
            assertEquals("Ada", s.driver.findElement(By.id("firstName")).getAttribute("value"), "review profile");
            assertEquals("Lovelace", s.driver.findElement(By.id("lastName")).getAttribute("value"));
            email.sendKeys("ada" + ada.id() + "@example.test");
            email.submit();
            userId = sub(s.tokens());
        }
        assertEquals(visits + 1, telegram.requests().size(), "one visit of Telegram's page");
        Map<String, String> visit = telegram.requests().get(visits);
        assertEquals(server.baseUrl(), visit.get("origin"));
        assertEquals(telegram.botToken.substring(0, telegram.botToken.indexOf(':')), visit.get("bot_id"));

        JsonNode identity = federatedIdentity(userId);
        assertEquals(Long.toString(ada.id()), identity.path("userId").asText(), "federated id = Telegram id");
        assertEquals(ada.username(), identity.path("userName").asText());
        JsonNode user = admin.getJson("/" + realm + "/users/" + userId);
        assertEquals(List.of(ada.photoUrl()), Http.JSON.convertValue(user.path("attributes").path("telegram_photo"),
                List.class), "attribute importer: " + user);
        assertEquals(List.of(Long.toString(ada.id())), Http.JSON.convertValue(
                user.path("attributes").path("telegram_id"), List.class), "attribute importer: " + user);
        assertEquals("Ada", user.path("firstName").asText());
        assertEquals(List.of("telegram"), Http.JSON.convertValue(user.path("attributes").path("signup_source"),
                List.class), "Keycloak's hardcoded attribute mapper: " + user);

        try (Session again = new Session("en")) {
            again.open("en", null);
            again.clickTelegram();
            assertEquals(userId, sub(again.tokens()), "the second Telegram login is the same user, no review");
        }
        assertEquals(1, admin.getJson("/" + realm + "/users?briefRepresentation=true&q=telegram_id:" + ada.id())
                .size(), "one user per Telegram account");
    }

    @Test
    void cancellingAtTelegramIsExplainedInPersian() {
        telegram.cancelNext();
        try (Session s = new Session("fa")) {
            s.open("fa", null);
            s.clickTelegram();
            WebElement missing = s.visible("usso-tg-missing");
            assertTrue(missing.getText().contains("تلگرام"), missing.getText());
            assertFalse(s.driver.getCurrentUrl().contains("tgAuthResult"), "the fragment is dropped from the URL");
        } finally {
            telegram.loginAs(person("Nobody"));
        }
    }

    @Test
    void anExistingAccountLinksTelegramAndThenSignsInWithIt() {
        String bobId = admin.createUser(realm, "bob", PASSWORD, Map.of());
        LoginWidgetFake.Person tg = person("Bob");
        telegram.loginAs(tg);
        JsonNode linked;
        try (Session s = new Session("en")) {
            s.open("en", null);
            s.password("bob", PASSWORD);
            assertEquals(bobId, sub(s.tokens()));

            s.open("en", "idp_link:" + ALIAS);
            WebElement proceed = s.visible("kc-continue");
            proceed.click();
            linked = s.tokens();
        }
        assertEquals("success", linked.path("kc_action_status").asText(), linked.toString());
        assertEquals(Long.toString(tg.id()), federatedIdentity(bobId).path("userId").asText());

        Http.Response accounts = Http.plain().get(realmUrl() + "/account/linked-accounts", "Authorization",
                "Bearer " + linked.get("access_token").asText(), "Accept", "application/json");
        assertEquals(200, accounts.status(), accounts.body());
        boolean shown = false;
        for (JsonNode a : accounts.json()) {
            shown |= ALIAS.equals(a.path("providerAlias").asText()) && a.path("connected").asBoolean()
                    && tg.username().equals(a.path("linkedUsername").asText());
        }
        assertTrue(shown, "the account REST API lists the linked Telegram account: " + accounts.body());

        try (Session s = new Session("en")) {
            s.open("en", null);
            s.clickTelegram();
            assertEquals(bobId, sub(s.tokens()), "Telegram now signs in as bob");
        }
    }
}
