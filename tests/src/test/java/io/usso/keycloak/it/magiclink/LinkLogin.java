package io.usso.keycloak.it.magiclink;

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
 * One browser driven over plain HTTP (cookies kept, redirects followed by hand): the magic-link login of the tenant's
 * {@code spa} client with PKCE, step by step, so tests can stop, replay or tamper at any point.
 */
final class LinkLogin {

    static final String SPA = "spa";
    static final String REDIRECT = "http://localhost:3000/callback";

    final Http browser = Http.withCookies();
    final String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
    final String state = UssoServer.randomSecret();
    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;
    private final boolean pkce;
    private String page;
    private String locale;

    LinkLogin(String realmUrl) {
        this(realmUrl, SPA, REDIRECT, true);
    }

    /** A login of another client ({@code pkce} false: no PKCE parameters). */
    LinkLogin(String realmUrl, String clientId, String redirectUri, boolean pkce) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.pkce = pkce;
    }

    /** Asks for the login pages in a language (OIDC {@code ui_locales}). */
    LinkLogin inLanguage(String language) {
        this.locale = language;
        return this;
    }

    String authUrl() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("client_id", clientId, "redirect_uri", redirectUri,
                "response_type", "code", "scope", "openid", "state", state));
        if (pkce) {
            params.put("code_challenge", OidcLogin.s256(verifier));
            params.put("code_challenge_method", "S256");
        }
        if (locale != null) {
            params.put("ui_locales", locale);
        }
        return realmUrl + "/protocol/openid-connect/auth?" + Http.form(params);
    }

    /** GET the authorization endpoint: the address form. */
    LinkLogin start() {
        Http.Response r = browser.get(authUrl());
        AdminApi.expect(r, 200, "login page");
        page = r.body();
        if (!page.contains("usso-ml-request-form")) {
            throw new AssertionError("not the magic-link form:\n" + page);
        }
        return this;
    }

    /** GET the authorization endpoint of a flow that asks for a password first, and sign in with it. */
    Http.Response startWithPassword(String username, String password) {
        Http.Response r = browser.get(authUrl());
        AdminApi.expect(r, 200, "login page");
        r = browser.postForm(OidcLogin.formAction(r.body(), "kc-form-login"), Map.of("username", username, "password", password,
                "credentialId", ""));
        page = r.body();
        return r;
    }

    /** Submits an address; returns the answer (the waiting page, or the form with an error). */
    Http.Response request(String address) {
        Http.Response r = browser.postForm(action("usso-ml-request-form"), Map.of("username", address));
        page = r.body();
        return r;
    }

    /** Presses "send a new link" on the waiting page. */
    Http.Response resend() {
        Http.Response r = browser.postForm(action("usso-ml-resend-form"), Map.of("resend", "true"));
        page = r.body();
        return r;
    }

    /** Presses "I have opened the link" on the waiting page (what its script does after a confirmation). */
    Http.Response check() {
        Http.Response r = browser.postForm(action("usso-ml-check-form"), Map.of("check", "true"));
        page = r.body();
        return r;
    }

    String page() {
        return page;
    }

    /** The waiting page's status URL. */
    String statusUrl() {
        Matcher m = Pattern.compile("data-status-url=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no status URL on:\n" + page);
        }
        return m.group(1).replace("&amp;", "&");
    }

    /** The waiting page's status request, from this browser (the status belongs to the browser that asked). */
    Http.Response status() {
        return browser.get(statusUrl());
    }

    /** GET the link and POST its confirm form (in this browser); returns the POST's answer. */
    Http.Response openAndConfirm(String link) {
        Http.Response shown = browser.get(link);
        AdminApi.expect(shown, 200, "confirm page");
        return confirmForm(shown.body());
    }

    /** POSTs a confirm page's form as it is. */
    Http.Response confirmForm(String confirmPage) {
        return confirmForm(confirmPage, null);
    }

    /** GET the link and POST its confirm form with a cross-device code typed (another browser). */
    Http.Response openAndConfirm(String link, String code) {
        Http.Response shown = browser.get(link);
        AdminApi.expect(shown, 200, "confirm page");
        if (!shown.body().contains("id=\"usso-ml-code-input\"")) {
            throw new AssertionError("the confirm page asks for no code:\n" + shown.body());
        }
        return confirmForm(shown.body(), code);
    }

    /** POSTs a confirm page's form with a cross-device code ({@code null}: none typed). */
    Http.Response confirmForm(String confirmPage, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", field(confirmPage, "token"));
        form.put("confirm_id", field(confirmPage, "confirm_id"));
        if (code != null) {
            form.put("code", code);
        }
        return browser.postForm(OidcLogin.formAction(confirmPage, "usso-ml-confirm-form"), form);
    }

    /** The two-digit number the waiting page shows for a confirmation on another device. */
    String crossDeviceCode() {
        Matcher m = Pattern.compile("id=\"usso-ml-code\"[^>]*>\\s*(\\d{2})\\s*<").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no cross-device code on:\n" + page);
        }
        return m.group(1);
    }

    /** A two-digit number that is not {@code code}. */
    static String otherCode(String code) {
        return code.equals("42") ? "43" : "42";
    }

    /** Follows redirects until the app's redirect URI and returns its code (fails on any other end). */
    String followToCode(Http.Response response) {
        Http.Response r = response;
        for (int hop = 0; hop < 10; hop++) {
            String location = r.header("Location");
            if (r.status() < 300 || r.status() >= 400 || location == null) {
                throw new AssertionError("no redirect to the app (" + r.status() + "):\n" + r.body());
            }
            if (location.startsWith(redirectUri)) {
                Map<String, String> query = OidcLogin.query(URI.create(location).getRawQuery());
                if (query.get("code") == null) {
                    throw new AssertionError("no code: " + location);
                }
                lastRedirect = location;
                return query.get("code");
            }
            r = browser.get(location.startsWith("http") ? location : base() + location);
        }
        throw new AssertionError("too many redirects");
    }

    /** The app URL of the last {@link #followToCode}. */
    String lastRedirect;

    /** Follows redirects as long as they stay on the server; returns the first non-redirect answer. */
    Http.Response follow(Http.Response response) {
        Http.Response r = response;
        for (int hop = 0; hop < 10 && r.status() >= 300 && r.status() < 400; hop++) {
            String location = r.header("Location");
            if (location.startsWith(redirectUri)) {
                return r;
            }
            r = browser.get(location.startsWith("http") ? location : base() + location);
        }
        return r;
    }

    /** Code exchange at the token endpoint with this login's PKCE verifier. */
    JsonNode exchange(String code) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code",
                "client_id", clientId, "code", code, "redirect_uri", redirectUri));
        if (pkce) {
            form.put("code_verifier", verifier);
        }
        Http.Response token = Http.plain().postForm(realmUrl + "/protocol/openid-connect/token", form);
        AdminApi.expect(token, 200, "code exchange");
        return token.json();
    }

    private String base() {
        URI u = URI.create(realmUrl);
        return u.getScheme() + "://" + u.getAuthority();
    }

    private String action(String formId) {
        return OidcLogin.formAction(page, formId);
    }

    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " on:\n" + html);
        }
        return m.group(1);
    }
}
