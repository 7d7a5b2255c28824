package io.usso.keycloak.it.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;

/**
 * Social login (Google, GitHub, Microsoft... are all OpenID Connect or OAuth 2 providers configured per tenant under
 * Identity providers): a second realm of the same server stands in for the external provider. A person clicks the
 * provider's button on the tenant's (usso-themed) login page, signs in at the provider, passes Keycloak's
 * first-broker-login flow (profile review, in the usso theme) and lands in the account console; the tenant now has
 * the user, linked to the provider; a second login goes straight through.
 */
class SocialLoginBrowserIT extends TenantIT {

    private static final String ALIAS = "example-social";
    private static final String PASSWORD = "Social-Login-2026!";

    private final String brokerSecret = UssoServer.randomSecret();
    private String provider;
    private WebDriver driver;

    @Override
    protected void setUpTenant() {
        provider = realm + "-ext";
        admin.createRealm(RealmTemplates.tenant(provider, "Example social provider"));
        admin.createUser(provider, "social-user", PASSWORD, Map.of("email", "social.user@provider.example",
                "emailVerified", true, "firstName", "Sara", "lastName", "Karimi"));
        ObjectNode client = AdminApi.confidentialClient("usso-broker", brokerSecret, false);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(realmUrl() + "/broker/" + ALIAS + "/endpoint");
        admin.createClient(provider, client);

        String providerUrl = server.realmUrl(provider);
        ObjectNode idp = Http.JSON.createObjectNode();
        idp.put("alias", ALIAS);
        idp.put("displayName", "Example Social");
        idp.put("providerId", "oidc");
        idp.put("enabled", true);
        ObjectNode config = idp.putObject("config");
        config.put("clientId", "usso-broker");
        config.put("clientSecret", brokerSecret);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("authorizationUrl", providerUrl + "/protocol/openid-connect/auth");
        config.put("tokenUrl", providerUrl + "/protocol/openid-connect/token");
        config.put("jwksUrl", providerUrl + "/protocol/openid-connect/certs");
        config.put("userInfoUrl", providerUrl + "/protocol/openid-connect/userinfo");
        config.put("issuer", providerUrl);
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("pkceEnabled", "true");
        config.put("pkceMethod", "S256");
        config.put("defaultScope", "openid email profile");
        config.put("syncMode", "IMPORT");
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", idp), 201, "identity provider");
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @AfterAll
    void deleteProvider() {
        if (provider != null) {
            admin.deleteRealm(provider);
        }
    }

    @Test
    void aPersonSignsInWithTheSocialProviderAndIsLinked() {
        driver = Browser.open("en");
        BrokerPages pages = new BrokerPages(driver);
        driver.get(realmUrl() + "/account/");
        pages.chooseProvider(ALIAS);
        pages.await().until(d -> d.getCurrentUrl().startsWith(server.realmUrl(provider)));
        pages.signIn("social-user", PASSWORD);
        String review = pages.reviewProfile(Map.of("firstName", "Sara", "lastName", "Karimi",
                "email", "social.user@provider.example"), "social-first-broker-login");
        // Keycloak's first-broker-login flow reviews the profile only when something is missing (its default
        // "update.profile.on.first.login = missing"); the provider sent everything here
        if (review != null) {
            assertTrue(review.contains("/login/usso/css/usso.css"), "the review page is in the usso theme");
        }
        pages.awaitAccountConsole(realmUrl());

        JsonNode users = admin.getJson("/" + realm + "/users?email=social.user@provider.example&exact=true");
        assertEquals(1, users.size(), users.toString());
        String userId = users.get(0).get("id").asText();
        JsonNode links = admin.getJson("/" + realm + "/users/" + userId + "/federated-identity");
        assertEquals(1, links.size(), links.toString());
        assertEquals(ALIAS, links.get(0).get("identityProvider").asText());
        assertEquals("social-user", links.get(0).get("userName").asText());

        // next time, in a fresh browser: no profile review, straight into the account console
        driver.quit();
        driver = Browser.open("en");
        pages = new BrokerPages(driver);
        driver.get(realmUrl() + "/account/");
        pages.chooseProvider(ALIAS);
        pages.await().until(d -> d.getCurrentUrl().startsWith(server.realmUrl(provider)));
        pages.signIn("social-user", PASSWORD);
        pages.awaitAccountConsole(realmUrl());
        assertEquals(1, admin.getJson("/" + realm + "/users?email=social.user@provider.example&exact=true").size(),
                "one person, one user");
    }

    @Test
    void theTenantsLoginPageOffersTheProviderInTheUssoTheme() {
        Http.Response page = Http.withCookies().get(realmUrl() + "/protocol/openid-connect/auth?client_id=spa"
                + "&response_type=code&scope=openid&redirect_uri=" + Http.enc("http://localhost:3000/callback")
                + "&code_challenge=" + io.usso.keycloak.it.support.OidcLogin.s256("v".repeat(50))
                + "&code_challenge_method=S256");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"social-" + ALIAS + "\""), "the provider's button");
        assertTrue(page.body().contains("Example Social"), "its display name");
        assertTrue(page.body().contains("/login/usso/css/usso.css"), "usso theme");
    }
}
