package io.usso.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authorization code flow with PKCE (S256) as a public client, driven over plain HTTP the way a browser
 * would (GET the login page, POST the form, follow to the redirect URI), then the code exchange.
 */
public final class OidcLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;

    public OidcLogin(String realmUrl, String clientId, String redirectUri) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /** Logs in and returns the token endpoint's JSON answer. */
    public JsonNode login(String username, String password, String scope) {
        Http browser = Http.withCookies();
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        String state = UssoServer.randomSecret();
        String authUrl = realmUrl + "/protocol/openid-connect/auth?" + Http.form(ordered(
                "client_id", clientId, "redirect_uri", redirectUri, "response_type", "code",
                "scope", scope, "state", state, "code_challenge", s256(verifier), "code_challenge_method", "S256"));
        Http.Response page = browser.get(authUrl);
        AdminApi.expect(page, 200, "login page");
        Matcher m = FORM_ACTION.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no login form on " + authUrl + ":\n" + page.body());
        }
        String action = m.group(1).replace("&amp;", "&");
        Http.Response afterLogin = browser.postForm(action, Map.of("username", username, "password", password,
                "credentialId", ""));
        if (afterLogin.status() != 302) {
            throw new AssertionError("login did not redirect (" + afterLogin.status() + "):\n" + afterLogin.body());
        }
        URI location = URI.create(afterLogin.header("Location"));
        Map<String, String> params = query(location.getRawQuery());
        if (!state.equals(params.get("state"))) {
            throw new AssertionError("state mismatch in " + location);
        }
        String code = params.get("code");
        if (code == null) {
            throw new AssertionError("no code in " + location);
        }
        Http.Response token = browser.postForm(realmUrl + "/protocol/openid-connect/token", ordered(
                "grant_type", "authorization_code", "client_id", clientId, "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier));
        AdminApi.expect(token, 200, "code exchange");
        return token.json();
    }

    /** PKCE S256 challenge of a verifier. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
