package io.usso.keycloak.it.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telegram's OpenID Connect login through the preset (realm-templates/telegram-oidc-preset.json): Keycloak's own OIDC
 * identity provider with USSO's Telegram mapper. A second realm of the same server stands in for oauth.telegram.org
 * (its issuer is that realm's URL; its users carry the Telegram id in claim {@code id}, while {@code sub} is that
 * realm's own user id, as with any OIDC provider), and headless Chromium signs in through it.
 */
class TelegramOidcIT extends TenantIT {

    private static final String OIDC = "telegram-oidc";
    private static final String TELEGRAM = "telegram";
    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String BOT_ID = "6200000001";
    private static final String PASSWORD = "Telegram-Oidc-2026!";
    private static final AtomicLong IDS = new AtomicLong(700_000_000L + (System.nanoTime() % 1_000_000));

    private final String botToken = MiniAppInitData.botToken(BOT_ID);
    private final String clientSecret = UssoServer.randomSecret();
    private String standIn;

    @Override
    protected void setUpTenant() {
        standIn = realm + "-tg";
        createStandIn();

        // the tenant's Telegram provider (widget, Mini App, bot) with the same bot
        ObjectNode widget = Http.JSON.createObjectNode();
        widget.put("alias", TELEGRAM);
        widget.put("providerId", "telegram");
        widget.put("enabled", true);
        widget.putObject("config").put("botUsername", "usso_oidc_bot").put("botToken", botToken);
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", widget), 201, "telegram idp");

        // the preset, as shipped, pointed at the stand-in
        ObjectNode preset = RealmTemplates.load("telegram-oidc-preset.json");
        String issuer = server.realmUrl(standIn);
        ObjectNode idp = (ObjectNode) preset.get("identityProvider");
        assertFalse(idp.get("enabled").asBoolean(), "the preset is not enabled by default");
        ObjectNode config = (ObjectNode) idp.get("config");
        assertEquals("https://oauth.telegram.org", config.get("issuer").asText());
        assertEquals("S256", config.get("pkceMethod").asText());
        assertEquals("openid profile phone", config.get("defaultScope").asText());
        idp.put("enabled", true);
        config.put("issuer", issuer);
        config.remove("metadataDescriptorUrl");
        config.put("authorizationUrl", issuer + "/protocol/openid-connect/auth");
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        config.put("jwksUrl", issuer + "/protocol/openid-connect/certs");
        config.put("clientId", config.get("clientId").asText().replace("${TELEGRAM_BOT_ID}", BOT_ID));
        config.put("clientSecret", clientSecret);
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", idp), 201, "oidc preset");
        for (JsonNode mapper : preset.get("mappers")) {
            ObjectNode m = ((ObjectNode) mapper).deepCopy();
            ((ObjectNode) m.get("config")).put("telegram.issuer", issuer);
            AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances/" + OIDC + "/mappers", m), 201,
                    "preset mapper");
        }
        unmanagedAttributes(realm, "ADMIN_EDIT");

        ObjectNode miniApp = Http.JSON.createObjectNode();
        miniApp.put("clientId", "miniapp");
        miniApp.put("publicClient", true);
        miniApp.putObject("attributes").put("usso.telegram-mini-app", "true");
        admin.createClient(realm, miniApp);
    }

    /** The stand-in for oauth.telegram.org: a plain realm, the bot as its client (PKCE S256), Telegram's claims. */
    private void createStandIn() {
        ObjectNode rep = Http.JSON.createObjectNode();
        rep.put("realm", standIn);
        rep.put("enabled", true);
        admin.createRealm(rep);
        unmanagedAttributes(standIn, "ENABLED");
        ObjectNode client = AdminApi.confidentialClient(BOT_ID, clientSecret, false);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(server.realmUrl(realm) + "/broker/" + OIDC + "/endpoint");
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        ArrayNode mappers = client.putArray("protocolMappers");
        claim(mappers, "tg_id", "id", "long");
        claim(mappers, "tg_phone", "phone_number", "String");
        claim(mappers, "tg_picture", "picture", "String");
        ObjectNode verified = mappers.addObject();
        verified.put("name", "phone_number_verified");
        verified.put("protocol", "openid-connect");
        verified.put("protocolMapper", "oidc-hardcoded-claim-mapper");
        verified.putObject("config").put("claim.name", "phone_number_verified").put("claim.value", "true")
                .put("jsonType.label", "boolean").put("id.token.claim", "true").put("access.token.claim", "false")
                .put("userinfo.token.claim", "true");
        admin.createClient(standIn, client);
    }

    private static void claim(ArrayNode mappers, String attribute, String claim, String type) {
        ObjectNode m = mappers.addObject();
        m.put("name", claim);
        m.put("protocol", "openid-connect");
        m.put("protocolMapper", "oidc-usermodel-attribute-mapper");
        m.putObject("config").put("user.attribute", attribute).put("claim.name", claim).put("jsonType.label", type)
                .put("id.token.claim", "true").put("access.token.claim", "false").put("userinfo.token.claim", "true");
    }

    private void unmanagedAttributes(String inRealm, String policy) {
        ObjectNode profile = (ObjectNode) admin.getJson("/" + inRealm + "/users/profile");
        profile.put("unmanagedAttributePolicy", policy);
        AdminApi.expect(admin.put("/" + inRealm + "/users/profile", profile), 200, "user profile " + inRealm);
    }

    @AfterAll
    void deleteStandIn() {
        if (standIn != null) {
            admin.deleteRealm(standIn);
        }
    }

    /** A Telegram account at the stand-in: no e-mail, as Telegram has none. */
    private String telegramAccount(long telegramId, String first, String phone) {
        ObjectNode user = Http.JSON.createObjectNode();
        user.put("username", "tg" + telegramId);
        user.put("enabled", true);
        user.put("firstName", first);
        user.put("lastName", "Rostami");
        ObjectNode attributes = user.putObject("attributes");
        attributes.putArray("tg_id").add(Long.toString(telegramId));
        attributes.putArray("tg_phone").add(phone);
        attributes.putArray("tg_picture").add("https://t.me/i/userpic/320/" + telegramId + ".jpg");
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD)
                .put("temporary", false);
        Http.Response r = admin.post("/" + standIn + "/users", user);
        AdminApi.expect(r, 201, "telegram account");
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Signs in to the tenant's spa through Telegram's OIDC login; fills the review-profile e-mail when asked. */
    private JsonNode signInWithTelegram(long telegramId) {
        WebDriver driver = Browser.open("en");
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(25));
            String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
            Map<String, String> auth = new LinkedHashMap<>();
            auth.put("client_id", SPA);
            auth.put("redirect_uri", REDIRECT);
            auth.put("response_type", "code");
            auth.put("scope", "openid");
            auth.put("state", "s" + telegramId);
            auth.put("code_challenge", OidcLogin.s256(verifier));
            auth.put("code_challenge_method", "S256");
            auth.put("kc_idp_hint", OIDC);
            driver.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(auth));
            wait.until(d -> d.getCurrentUrl().contains("/realms/" + standIn + "/")
                    || !d.findElements(By.id("social-" + OIDC)).isEmpty());
            if (!driver.getCurrentUrl().contains("/realms/" + standIn + "/")) {
                driver.findElement(By.id("social-" + OIDC)).click();
                wait.until(d -> d.getCurrentUrl().contains("/realms/" + standIn + "/"));
            }
            URI atTelegram = URI.create(driver.getCurrentUrl());
            assertTrue(atTelegram.getRawQuery().contains("code_challenge_method=S256"), "PKCE: " + atTelegram);
            assertTrue(atTelegram.getRawQuery().contains("client_id=" + BOT_ID), "client id = bot id");
            assertTrue(atTelegram.getRawQuery().contains("scope=openid+profile+phone")
                    || atTelegram.getRawQuery().contains("scope=openid%20profile%20phone"), atTelegram.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("tg" + telegramId);
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            WebElement submit = driver.findElement(By.id("kc-login"));
            submit.click();
            Browser.awaitGone(wait, submit);
            wait.until(d -> d.getCurrentUrl().startsWith(REDIRECT) || !d.findElements(By.id("email")).isEmpty());
            if (!driver.getCurrentUrl().startsWith(REDIRECT)) {
                WebElement email = driver.findElement(By.id("email"));
                email.sendKeys("tg" + telegramId + "@example.test");
                email.submit();
            }
            try {
                wait.until(d -> d.getCurrentUrl().startsWith(REDIRECT));
            } catch (RuntimeException e) {
                Browser.screenshot(driver, "telegram-oidc-not-signed-in");
                throw new AssertionError("not back at the client: " + driver.getCurrentUrl() + "\n"
                        + driver.getPageSource(), e);
            }
            Map<String, String> params = OidcLogin.query(URI.create(driver.getCurrentUrl()).getRawQuery());
            Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "authorization_code", "client_id", SPA, "code", params.get("code"),
                    "redirect_uri", REDIRECT, "code_verifier", verifier));
            AdminApi.expect(token, 200, "code exchange");
            return OidcLogin.claims(token.json().get("access_token").asText());
        } finally {
            driver.quit();
        }
    }

    private Map<String, String> identities(String userId) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode f : admin.getJson("/" + realm + "/users/" + userId + "/federated-identity")) {
            out.put(f.get("identityProvider").asText(), f.get("userId").asText());
        }
        return out;
    }

    private static String attribute(JsonNode user, String name) {
        return user.path("attributes").path(name).path(0).asText(null);
    }

    @Test
    void aWidgetLinkedAccountSignsInThroughOidcAsItself() {
        long tg = IDS.incrementAndGet();
        String existing = admin.createUser(realm, "widget" + tg, "Widget-2026-Pass!", Map.of());
        ObjectNode link = Http.JSON.createObjectNode();
        link.put("identityProvider", TELEGRAM);
        link.put("userId", Long.toString(tg));
        link.put("userName", "widget" + tg);
        AdminApi.expect(admin.post("/" + realm + "/users/" + existing + "/federated-identity/" + TELEGRAM, link), 204,
                "widget link");
        String standInSub = telegramAccount(tg, "Sara", "+98 912 000 " + String.format("%04d", tg % 10000));

        JsonNode claims = signInWithTelegram(tg);
        assertEquals(existing, claims.get("sub").asText(), "no second account, no first-login pages");
        Map<String, String> ids = identities(existing);
        assertEquals(Map.of(TELEGRAM, Long.toString(tg), OIDC, Long.toString(tg)), ids,
                "both identities carry the Telegram id, not the provider's own subject " + standInSub);

        JsonNode user = admin.getJson("/" + realm + "/users/" + existing);
        String links = admin.getJson("/" + realm + "/events?type=FEDERATED_IDENTITY_LINK&max=50").toString();
        assertTrue(links.contains("TELEGRAM_IDENTITY_LINKED") && links.contains(existing), links);
        assertEquals("Test", user.get("firstName").asText(), "an existing account keeps its name");
    }

    @Test
    void aNewTelegramUserGetsOneAccountForOidcAndTheMiniApp() {
        long tg = IDS.incrementAndGet();
        telegramAccount(tg, "Nima", "+98 912 111 " + String.format("%04d", tg % 10000));
        JsonNode first = signInWithTelegram(tg);
        String userId = first.get("sub").asText();
        assertEquals(Map.of(TELEGRAM, Long.toString(tg), OIDC, Long.toString(tg)), identities(userId));

        JsonNode user = admin.getJson("/" + realm + "/users/" + userId);
        assertEquals("Nima", user.get("firstName").asText());
        assertEquals("98912111" + String.format("%04d", tg % 10000), attribute(user, "phone_number"));
        assertEquals("true", attribute(user, "phone_number_verified"));
        assertEquals("https://t.me/i/userpic/320/" + tg + ".jpg", attribute(user, "picture"));

        // the same person opens the tenant's Mini App: the same account
        String initData = MiniAppInitData.encode(MiniAppInitData.withHash(
                MiniAppInitData.fields(tg, "Nima", "nima", MiniAppInitData.now()), botToken));
        Http.Response miniApp = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", TelegramMiniAppIT.GRANT, "client_id", "miniapp", "init_data", initData));
        assertEquals(200, miniApp.status(), miniApp.body());
        assertEquals(userId, OidcLogin.claims(miniApp.json().get("access_token").asText()).get("sub").asText());

        assertEquals(userId, signInWithTelegram(tg).get("sub").asText(), "signing in again: the same account");
    }

    @Test
    void aVerifiedNumberOfAnotherAccountIsNotCopied() {
        long tg = IDS.incrementAndGet();
        String phone = "98935" + String.format("%07d", tg % 10_000_000);
        String holder = admin.createUser(realm, "holder" + tg, "Holder-2026-Pass!", Map.of());
        admin.setUserAttribute(realm, holder, "phone_number", List.of(phone));
        admin.setUserAttribute(realm, holder, "phone_number_verified", List.of("true"));
        assertEquals(phone, attribute(admin.getJson("/" + realm + "/users/" + holder), "phone_number"));
        telegramAccount(tg, "Leila", "+" + phone);
        String userId = signInWithTelegram(tg).get("sub").asText();
        assertNotEquals(holder, userId);
        JsonNode user = admin.getJson("/" + realm + "/users/" + userId);
        assertEquals(null, attribute(user, "phone_number"), user.toString());
    }
}
