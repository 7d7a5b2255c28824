package io.usso.keycloak.it.telegram;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;

/**
 * The waiting browser over plain HTTP, as the page's script drives it: opens the app client's authorization URL,
 * reads the "Confirm in Telegram" page (deep link, number, status URL), polls the status and submits the form.
 */
final class TelegramBotDesktop {

    private final Http browser = Http.withCookies();
    private final String realmUrl;
    private final String clientId;
    private final String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
    private String page;

    TelegramBotDesktop(String realmUrl, String clientId) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
    }

    TelegramBotDesktop open() {
        Map<String, String> query = new LinkedHashMap<>(Map.of("client_id", clientId, "redirect_uri",
                TelegramBotTenant.REDIRECT_URI, "response_type", "code", "scope", "openid", "state", "st-tg",
                "code_challenge", OidcLogin.s256(verifier), "code_challenge_method", "S256", "kc_locale", "en"));
        Http.Response r = browser.get(realmUrl + "/protocol/openid-connect/auth?" + Http.form(query),
                "User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36");
        AdminApi.expect(r, 200, "Telegram page");
        page = r.body();
        if (!page.contains("id=\"usso-tg\"")) {
            throw new AssertionError("not the Telegram page:\n" + page);
        }
        return this;
    }

    String page() {
        return page;
    }

    String deepLink() {
        return attribute("data-deep-link");
    }

    /** The one-time token of the deep link. */
    String startToken() {
        String link = deepLink();
        return link.substring(link.indexOf("start=") + 6);
    }

    String statusUrl() {
        return attribute("data-status-url");
    }

    int number() {
        Matcher m = Pattern.compile("id=\"usso-tg-number\"[^>]*>([^<]*)<").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no number on the Telegram page");
        }
        return Integer.parseInt(m.group(1).strip());
    }

    /** One status request from this browser. */
    Http.Response status(int waitSeconds) {
        return browser.get(statusUrl() + "?wait=" + waitSeconds);
    }

    /** Posts the page's form as the script does once approved. */
    Http.Response complete() {
        return browser.postForm(OidcLogin.formAction(page, "usso-tg-form"), Map.of("tg_action", "complete"));
    }

    /** The same, from another browser (no cookies). */
    Http.Response completeFromAnotherBrowser() {
        return Http.withCookies().postForm(OidcLogin.formAction(page, "usso-tg-form"), Map.of("tg_action", "complete"));
    }

    /** The code of the redirect to the app, or an AssertionError. */
    static String codeOf(Http.Response redirect) {
        String location = redirect.header("Location");
        if (redirect.status() != 302 || location == null || !location.startsWith(TelegramBotTenant.REDIRECT_URI)) {
            throw new AssertionError("no redirect to the app (" + redirect.status() + "): " + redirect.body());
        }
        return OidcLogin.query(URI.create(location).getRawQuery()).get("code");
    }

    /** Exchanges the code (PKCE). */
    JsonNode exchange(String code) {
        Http.Response token = browser.postForm(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "code", code,
                "redirect_uri", TelegramBotTenant.REDIRECT_URI, "code_verifier", verifier));
        AdminApi.expect(token, 200, "code exchange");
        return token.json();
    }

    private String attribute(String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no " + name + " on the Telegram page:\n" + page);
        }
        return OidcLogin.unescape(m.group(1));
    }
}
