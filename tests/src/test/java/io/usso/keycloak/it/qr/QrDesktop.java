package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waiting side over plain HTTP, as the page's script would drive it: opens the authorization endpoint of an app
 * client whose browser flow shows the QR page, reads the page, polls the status URL, submits the form, and exchanges
 * the code (PKCE S256).
 */
final class QrDesktop {

    /** Redirect URI of the test app clients. */
    static final String REDIRECT_URI = "http://localhost:3000/qr-callback";

    private final Http browser = Http.withCookies();
    private final String realmUrl;
    private final String clientId;
    private final String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
    private String page;

    QrDesktop(String realmUrl, String clientId) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
    }

    /** Opens the sign-in (extra query parameters such as {@code acr_values} allowed) and returns the QR page. */
    QrDesktop open(String... extra) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("client_id", clientId, "redirect_uri", REDIRECT_URI,
                "response_type", "code", "scope", "openid", "state", "st-qr", "code_challenge", OidcLogin.s256(verifier),
                "code_challenge_method", "S256", "kc_locale", "en"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            query.put(extra[i], extra[i + 1]);
        }
        Http.Response r = browser.get(realmUrl + "/protocol/openid-connect/auth?" + Http.form(query),
                "User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36");
        AdminApi.expect(r, 200, "QR page");
        page = r.body();
        if (!page.contains("id=\"usso-qr\"")) {
            throw new AssertionError("not the QR page:\n" + page);
        }
        return this;
    }

    String page() {
        return page;
    }

    String scanUrl() {
        return attribute("data-scan-url");
    }

    String statusUrl() {
        return attribute("data-status-url");
    }

    /** The QR code: last path segment of the scan URL. */
    String code() {
        String scan = scanUrl();
        return scan.substring(scan.lastIndexOf('/') + 1);
    }

    int number() {
        return Integer.parseInt(text("usso-qr-number"));
    }

    String shortCode() {
        return text("usso-qr-short-code");
    }

    String formAction() {
        return OidcLogin.formAction(page, "usso-qr-form");
    }

    /** A GET from this desktop's browser (e.g. its status URL on another node). */
    Http.Response get(String url) {
        return browser.get(url);
    }

    /** @return the Cookie header this desktop's browser sends to its status URL */
    String cookieHeader() {
        return browser.cookieHeader(statusUrl());
    }

    /** One status request, from this desktop's browser (its cookies: the status belongs to this browser only). */
    Http.Response status(long generation, int waitSeconds) {
        return browser.get(statusUrl() + "?generation=" + generation + "&wait=" + waitSeconds);
    }

    /** Posts the page's form as the script does once approved; returns the answer (302 to the app on success). */
    Http.Response complete() {
        return browser.postForm(formAction(), Map.of("qr_action", "complete"));
    }

    /** Posts a form of a later page (e.g. the OTP step) in this browser. */
    Http.Response post(String url, Map<String, String> form) {
        return browser.postForm(url, form);
    }

    /** Posts the page's form from another browser (no cookies): a stolen page/handle must not sign in. */
    Http.Response completeFromAnotherBrowser() {
        return Http.withCookies().postForm(formAction(), Map.of("qr_action", "complete"));
    }

    /** The code of the final redirect to the app, or an AssertionError with the page. */
    static String codeOf(Http.Response redirect) {
        if (redirect.status() != 302 || redirect.header("Location") == null
                || !redirect.header("Location").startsWith(REDIRECT_URI)) {
            throw new AssertionError("no redirect to the app (" + redirect.status() + "): " + redirect.body());
        }
        String query = URI.create(redirect.header("Location")).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                return java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + redirect.header("Location"));
    }

    /** Exchanges the app's code (PKCE) and returns the token response. */
    JsonNode exchange(String code) {
        Http.Response token = browser.postForm(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
        AdminApi.expect(token, 200, "code exchange");
        return token.json();
    }

    private String attribute(String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no " + name + " on the QR page:\n" + page);
        }
        return OidcLogin.unescape(m.group(1));
    }

    private String text(String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no #" + id + " on the QR page");
        }
        return OidcLogin.unescape(m.group(1)).strip();
    }
}
