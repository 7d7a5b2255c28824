package io.usso.keycloak.it.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the workspace ITs do over HTTP: sign in at the template's {@code spa} client (authorization code + PKCE, with
 * extra authorization parameters such as {@code workspace_id}), refresh, call {@code /realms/{r}/workspaces}, and
 * the admin steps the tests need (tenant-admin role, organization members).
 */
final class WorkspaceClient {

    static final String SPA = "spa";
    static final String REDIRECT = "http://localhost:3000/callback";
    static final String SCOPE = "openid usso:workspaces";

    private final String realmUrl;

    WorkspaceClient(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /**
     * @param username user
     * @param password password
     * @param scope requested scope
     * @param extra more authorization request parameters, e.g. {@code workspace_id}
     * @return the code exchange's answer as it is (200 with tokens, or the error)
     */
    Http.Response signIn(String username, String password, String scope, Map<String, String> extra) {
        Http browser = Http.withCookies();
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        String state = UssoServer.randomSecret();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", SPA);
        params.put("redirect_uri", REDIRECT);
        params.put("response_type", "code");
        params.put("scope", scope);
        params.put("state", state);
        params.put("code_challenge", OidcLogin.s256(verifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        Http.Response page = browser.get(realmUrl + "/protocol/openid-connect/auth?" + Http.form(params));
        AdminApi.expect(page, 200, "login page");
        Http.Response afterLogin = browser.postForm(OidcLogin.formAction(page.body(), "kc-form-login"),
                Map.of("username", username, "password", password, "credentialId", ""));
        afterLogin = OidcLogin.passwordStep(browser, afterLogin, password, null);
        afterLogin = OidcLogin.chooseWorkspaceStep(browser, afterLogin, null);
        if (afterLogin.status() != 302) {
            throw new AssertionError("login did not redirect (" + afterLogin.status() + "): " + afterLogin.body());
        }
        Map<String, String> query = OidcLogin.query(URI.create(afterLogin.header("Location")).getRawQuery());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", SPA);
        form.put("code", query.get("code"));
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", verifier);
        return browser.postForm(realmUrl + "/protocol/openid-connect/token", form);
    }

    /** @return the token answer of a plain sign-in with {@link #SCOPE} */
    JsonNode tokens(String username, String password) {
        Http.Response r = signIn(username, password, SCOPE, Map.of());
        AdminApi.expect(r, 200, "sign-in of " + username);
        return r.json();
    }

    /** @return the access token of a plain sign-in with {@link #SCOPE} */
    String token(String username, String password) {
        return tokens(username, password).get("access_token").asText();
    }

    /**
     * @param refreshToken a refresh token
     * @param workspaceId the workspace to switch to, or null
     * @return the token endpoint's answer as it is
     */
    Http.Response refresh(String refreshToken, String workspaceId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", SPA);
        form.put("refresh_token", refreshToken);
        if (workspaceId != null) {
            form.put("workspace_id", workspaceId);
        }
        return Http.plain().postForm(realmUrl + "/protocol/openid-connect/token", form);
    }

    Http.Response get(String token, String path) {
        return Http.plain().get(realmUrl + path, "Authorization", "Bearer " + token);
    }

    Http.Response post(String token, String path, Object body) {
        return Http.plain().postJson(realmUrl + path, body, "Authorization", "Bearer " + token);
    }

    Http.Response put(String token, String path, Object body) {
        return Http.plain().putJson(realmUrl + path, body, "Authorization", "Bearer " + token);
    }

    Http.Response delete(String token, String path) {
        return Http.plain().delete(realmUrl + path, "Authorization", "Bearer " + token);
    }

    /** @return the new workspace's JSON (201 expected) */
    JsonNode create(String token, String name) {
        Http.Response r = post(token, "/workspaces", Map.of("name", name));
        AdminApi.expect(r, 201, "create workspace " + name);
        return r.json();
    }

    /** Makes a user a tenant admin of workspaces: client role realm-management manage-users. */
    static void makeTenantAdmin(AdminApi admin, String realm, String userId) {
        String management = admin.clientUuid(realm, "realm-management");
        JsonNode role = admin.getJson("/" + realm + "/clients/" + management + "/roles/manage-users");
        ArrayNode list = Http.JSON.createArrayNode().add(role);
        AdminApi.expect(admin.post("/" + realm + "/users/" + userId + "/role-mappings/clients/" + management, list),
                204, "grant manage-users");
    }

    /** Adds a user to an organization the way the admin console does. */
    static void addMember(AdminApi admin, String realm, String orgId, String userId) {
        AdminApi.expect(admin.post("/" + realm + "/organizations/" + orgId + "/members", userId), 201,
                "add organization member");
    }

    /** @return the first action-token link in an e-mail text (Keycloak's invitation mail) */
    static String actionLink(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+/login-actions/action-token\\?key=\\S+")
                .matcher(text.replace("&#61;", "=").replace("&amp;", "&"));
        if (!m.find()) {
            throw new AssertionError("no invitation link in:\n" + text);
        }
        return m.group();
    }

    /** @return the first registration link with an invitation token in an e-mail text */
    static String registrationLink(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+/registrations\\?\\S+")
                .matcher(text.replace("&#61;", "=").replace("&amp;", "&"));
        if (!m.find()) {
            throw new AssertionError("no registration link in:\n" + text);
        }
        return m.group();
    }

    /** @return the claims of a JWT */
    static JsonNode claims(String jwt) {
        return OidcLogin.claims(jwt);
    }
}
