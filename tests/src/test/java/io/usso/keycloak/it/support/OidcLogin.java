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

    private static final Pattern FORM_TAG = Pattern.compile("<form[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;

    public OidcLogin(String realmUrl, String clientId, String redirectUri) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    private String clientSecret;

    /** Makes this a confidential client (client_secret_post at the token endpoint). */
    public OidcLogin withSecret(String secret) {
        this.clientSecret = secret;
        return this;
    }

    /** Logs in and returns the token endpoint's JSON answer. */
    public JsonNode login(String username, String password, String scope) {
        Pending pending = start(scope);
        return pending.exchange(pending.submit(username, password, null), null);
    }

    /**
     * First step only: the login page is fetched (from this login's realm URL) and an authentication session
     * exists; the rest is up to {@link Pending}, possibly on another node.
     */
    public Pending start(String scope) {
        Http browser = Http.withCookies();
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        String state = UssoServer.randomSecret();
        String authUrl = realmUrl + "/protocol/openid-connect/auth?" + Http.form(ordered(
                "client_id", clientId, "redirect_uri", redirectUri, "response_type", "code",
                "scope", scope, "state", state, "code_challenge", s256(verifier), "code_challenge_method", "S256"));
        Http.Response page = browser.get(authUrl);
        AdminApi.expect(page, 200, "login page");
        return new Pending(browser, formAction(page.body(), "kc-form-login"), verifier, state);
    }

    /** A login between its steps: the browser (cookies), the form to post, the PKCE verifier and state. */
    public final class Pending {
        private final Http browser;
        private final String action;
        private final String verifier;
        private final String state;

        Pending(Http browser, String action, String verifier, String state) {
            this.browser = browser;
            this.action = action;
            this.verifier = verifier;
            this.state = state;
        }

        /**
         * Posts the credentials and returns the authorization code.
         *
         * @param baseUrl another node's base URL ({@code http://localhost:port}) to post to, or null for the same
         */
        public String submit(String username, String password, String baseUrl) {
            Http.Response afterLogin = browser.postForm(rebase(action, baseUrl), Map.of("username", username,
                    "password", password, "credentialId", ""));
            afterLogin = passwordStep(browser, afterLogin, password, baseUrl);
            afterLogin = chooseWorkspaceStep(browser, afterLogin, baseUrl);
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
            return code;
        }

        /** Posts the credentials and returns the answer as it is (a failed login answers the form again). */
        public Http.Response submitRaw(String username, String password) {
            return browser.postForm(action, Map.of("username", username, "password", password, "credentialId", ""));
        }

        /** Exchanges the code at the token endpoint (of another node when {@code baseUrl} is given). */
        public JsonNode exchange(String code, String baseUrl) {
            Map<String, String> form = ordered("grant_type", "authorization_code", "client_id", clientId,
                    "code", code, "redirect_uri", redirectUri, "code_verifier", verifier);
            if (clientSecret != null) {
                form.put("client_secret", clientSecret);
            }
            Http.Response token = browser.postForm(rebase(realmUrl, baseUrl) + "/protocol/openid-connect/token", form);
            AdminApi.expect(token, 200, "code exchange");
            return token.json();
        }
    }

    /**
     * Keycloak's identity-first login: in a realm with organizations (USSO workspaces) the first form only takes the
     * username and answers with a password form; this posts the password there.
     *
     * @param browser the browser that posted the first form
     * @param answer the answer to it
     * @param password the password
     * @param baseUrl another node's base URL, or null
     * @return the answer to the password form, or {@code answer} when it was not one
     */
    public static Http.Response passwordStep(Http browser, Http.Response answer, String password, String baseUrl) {
        if (answer.status() != 200 || !answer.body().contains("id=\"kc-form-login\"")
                || !answer.body().contains("name=\"password\"")) {
            return answer;
        }
        return browser.postForm(rebase(formAction(answer.body(), "kc-form-login"), baseUrl),
                Map.of("password", password, "credentialId", ""));
    }

    private static final Pattern FIRST_WORKSPACE = Pattern.compile("name=\"workspace_id\"[^>]*value=\"([^\"]+)\"");

    /**
     * The choose-workspace page (required action {@code usso-choose-workspace}, enabled by the tenant template, shown
     * to members of several workspaces): follows the redirect to it and submits the first workspace listed, without
     * remembering it as the default.
     *
     * @param browser the browser of the sign-in
     * @param answer the answer to the password form
     * @param baseUrl another node's base URL, or null
     * @return the answer to the choice, or {@code answer} when it was not that page
     */
    public static Http.Response chooseWorkspaceStep(Http browser, Http.Response answer, String baseUrl) {
        // after authentication Keycloak redirects to the required action's page
        String location = answer.status() == 302 ? answer.header("Location") : null;
        if (location != null && location.contains("/login-actions/required-action")
                && location.contains("execution=usso-choose-workspace")) {
            answer = browser.get(rebase(location, baseUrl));
        }
        if (answer.status() != 200 || !answer.body().contains("id=\"usso-choose-workspace-form\"")) {
            return answer;
        }
        Matcher first = FIRST_WORKSPACE.matcher(answer.body());
        if (!first.find()) {
            throw new AssertionError("no workspace on the choose-workspace page:\n" + answer.body());
        }
        return browser.postForm(rebase(formAction(answer.body(), "usso-choose-workspace-form"), baseUrl),
                Map.of("workspace_id", unescape(first.group(1))));
    }

    /** The same URL on another node: scheme, host and port replaced by {@code baseUrl}. */
    public static String rebase(String url, String baseUrl) {
        if (baseUrl == null) {
            return url;
        }
        URI u = URI.create(url);
        return baseUrl + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** An access token of the client_credentials grant. */
    public static String clientCredentials(String realmUrl, String clientId, String secret) {
        Http.Response r = Http.plain().postForm(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        AdminApi.expect(r, 200, "client_credentials token of " + clientId);
        return r.json().get("access_token").asText();
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

    /** The action URL of the form with id {@code formId} on a page (attributes in any order, entities undone). */
    public static String formAction(String html, String formId) {
        Matcher tag = FORM_TAG.matcher(html);
        while (tag.find()) {
            if (tag.group().contains("id=\"" + formId + "\"")) {
                Matcher action = ACTION.matcher(tag.group());
                if (action.find()) {
                    return unescape(action.group(1));
                }
            }
        }
        throw new AssertionError("no form " + formId + " on:\n" + html);
    }

    /** Undoes the HTML entities FreeMarker's escaping writes into attribute values. */
    public static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    /** The payload of a JWT (not verified: tests read claims of a token they just got from the token endpoint). */
    public static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The parameters of a raw query string, decoded, in order. */
    public static Map<String, String> query(String rawQuery) {
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
