package io.usso.keycloak.it.telegram;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One sign-in with the Telegram identity provider over plain HTTP (a cookie-keeping client plays the browser):
 * Keycloak's login page for the test client, its "Telegram" link, and where the provider sends the browser (the
 * authorisation URL with {@code return_to} = broker endpoint + Keycloak's broker state). Posting data to the
 * endpoint is then up to the test.
 */
final class LoginWidgetAttempt {

    static final String SPA = "spa";
    static final String REDIRECT = "http://localhost:3000/callback";

    final Http browser = Http.withCookies();
    final URI authorisation;
    final Map<String, String> telegramQuery;
    final String endpoint;
    final String state;

    /**
     * @param baseUrl the server (node) to start on
     * @param realmUrl the tenant's URL on that server
     * @param alias the provider's alias
     */
    LoginWidgetAttempt(String baseUrl, String realmUrl, String alias) {
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("client_id", SPA);
        auth.put("redirect_uri", REDIRECT);
        auth.put("response_type", "code");
        auth.put("scope", "openid");
        auth.put("state", UssoServer.randomSecret());
        auth.put("code_challenge", OidcLogin.s256(verifier));
        auth.put("code_challenge_method", "S256");
        Http.Response page = browser.get(realmUrl + "/protocol/openid-connect/auth?" + Http.form(auth));
        AdminApi.expect(page, 200, "login page");
        Matcher link = Pattern.compile("id=\"social-" + Pattern.quote(alias) + "\"[^>]*?href=\"([^\"]+)\"")
                .matcher(page.body());
        assertTrue(link.find(), "the login page offers Telegram:\n" + page.body());
        String loginUrl = OidcLogin.unescape(link.group(1));
        Http.Response go = browser.get(loginUrl.startsWith("/") ? baseUrl + loginUrl : loginUrl);
        assertTrue(go.status() == 302 || go.status() == 303, "the provider redirects: " + go.status() + " "
                + go.body());
        authorisation = URI.create(go.header("Location"));
        telegramQuery = OidcLogin.query(authorisation.getRawQuery());
        URI returnTo = URI.create(telegramQuery.get("return_to"));
        endpoint = returnTo.getScheme() + "://" + returnTo.getRawAuthority() + returnTo.getRawPath();
        state = OidcLogin.query(returnTo.getRawQuery()).get("state");
    }

    /** Posts {@code tgAuthResult} (null: none) with this sign-in's state and cookies. */
    Http.Response post(String tgAuthResult) {
        return post(browser, endpoint, state, tgAuthResult);
    }

    /** Posts to any endpoint, with any client and state (null: none). */
    static Http.Response post(Http client, String endpoint, String withState, String tgAuthResult) {
        Map<String, String> form = new HashMap<>();
        if (withState != null) {
            form.put("state", withState);
        }
        if (tgAuthResult != null) {
            form.put("tgAuthResult", tgAuthResult);
        }
        return client.postForm(endpoint, form);
    }
}
