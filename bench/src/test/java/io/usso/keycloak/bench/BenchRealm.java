package io.usso.keycloak.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.UssoServer;

import java.util.List;
import java.util.Map;

/** A tenant made from the template for a benchmark, with confidential clients sharing one generated secret. */
final class BenchRealm {

    /** The app key owners sign in to, and its registered redirect URI (nothing listens there). */
    private static final String KEY_OWNER_APP = "key-owner-app";
    private static final String KEY_OWNER_REDIRECT = "http://localhost:3000/callback";

    final String name;
    final String secret = UssoServer.randomSecret();
    private final AdminApi admin;

    BenchRealm(AdminApi admin, String name) {
        this.admin = admin;
        this.name = name;
        admin.createRealm(RealmTemplates.tenant(name, "Benchmark tenant " + name));
    }

    /** A confidential client; {@code usso} in {@code extraScopes} adds the USSO claims. */
    void createClient(String clientId, boolean serviceAccount, boolean directGrant, List<String> extraScopes) {
        ObjectNode c = AdminApi.confidentialClient(clientId, secret, serviceAccount);
        c.put("directAccessGrantsEnabled", directGrant);
        var scopes = c.putArray("defaultClientScopes");
        for (String s : List.of("web-origins", "acr", "profile", "roles", "basic", "email")) {
            scopes.add(s);
        }
        extraScopes.forEach(scopes::add);
        admin.createClient(name, c);
    }

    /** Adds {@code audienceClientId} to the audience of tokens issued to {@code clientId}. */
    void addAudience(String clientId, String audienceClientId) {
        ObjectNode audience = Http.JSON.createObjectNode();
        audience.put("name", "audience-" + audienceClientId);
        audience.put("protocol", "openid-connect");
        audience.put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", audienceClientId)
                .put("access.token.claim", "true").put("introspection.token.claim", "true");
        AdminApi.expect(admin.post("/" + name + "/clients/" + admin.clientUuid(name, clientId)
                + "/protocol-mappers/models", audience), 201, "audience mapper");
    }

    /** The token request body of the client_credentials grant for {@code clientId}. */
    String clientCredentialsBody(String clientId) {
        return Http.form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A bearer token of the client_credentials grant for {@code clientId}, from the node at {@code baseUrl}. */
    String clientToken(String baseUrl, String clientId) {
        return OidcLogin.clientCredentials(baseUrl + "/realms/" + name, clientId, secret);
    }

    /**
     * Sets up API-key verification: a user holding {@code read:media/files} with one key, and a client whose
     * service account has the {@code verify-api-keys} role. Returns the key.
     */
    String apiKeyWithVerifier(String baseUrl, String verifierClientId) {
        admin.createRealmRole(name, "media-reader", Map.of("usso.scopes", List.of("read:media/files")));
        createClient(verifierClientId, true, false, List.of());
        admin.grantRealmRoles(name, admin.serviceAccountUserId(name, verifierClientId), "verify-api-keys");
        String password = "Key-Owner-2026!";
        String owner = admin.createUser(name, "key-owner", password, Map.of());
        admin.grantRealmRoles(name, owner, "media-reader");
        createKeyOwnerApp();
        Http.Response created = Http.plain().postJson(baseUrl + "/realms/" + name + "/api-keys",
                Map.of("name", "bench", "scopes", List.of("read:media/files")),
                "Authorization", "Bearer " + keyOwnerToken(baseUrl, "key-owner", password));
        AdminApi.expect(created, 201, "API key");
        return created.json().get("api_key").asText();
    }

    /**
     * Like {@link #apiKeyWithVerifier}, but {@code count} keys (made through the REST API, as users do), spread over
     * as many owners as the limit of 100 keys per owner needs. Returns the keys.
     */
    List<String> apiKeysWithVerifier(String baseUrl, String verifierClientId, int count) {
        List<String> keys = new java.util.ArrayList<>();
        keys.add(apiKeyWithVerifier(baseUrl, verifierClientId));
        String password = "Key-Owner-2026!";
        String bearer = null;
        for (int i = 1; i < count; i++) {
            if (i % 90 == 1) { // a new owner every 90 keys (below the 100-key limit), with a fresh token
                String username = "key-owner-" + i;
                String owner = admin.createUser(name, username, password, Map.of());
                admin.grantRealmRoles(name, owner, "media-reader");
                bearer = "Bearer " + keyOwnerToken(baseUrl, username, password);
            }
            Http.Response created = Http.plain().postJson(baseUrl + "/realms/" + name + "/api-keys",
                    Map.of("name", "bench " + i, "scopes", List.of("read:media/files")), "Authorization", bearer);
            AdminApi.expect(created, 201, "API key " + i);
            keys.add(created.json().get("api_key").asText());
        }
        return keys;
    }

    /**
     * The app key owners sign in to: browser code flow (minting keys needs an interactive sign-in), its tokens carry
     * the USSO claims and the scope {@value ApiScopes#API_KEYS} (default client scopes).
     */
    private void createKeyOwnerApp() {
        ObjectNode c = AdminApi.confidentialClient(KEY_OWNER_APP, secret, false);
        c.put("standardFlowEnabled", true);
        c.putArray("redirectUris").add(KEY_OWNER_REDIRECT);
        var scopes = c.putArray("defaultClientScopes");
        for (String s : List.of("web-origins", "acr", "profile", "roles", "basic", "email", "usso", ApiScopes.API_KEYS)) {
            scopes.add(s);
        }
        admin.createClient(name, c);
    }

    /** An access token of a key owner from a browser sign-in to {@link #KEY_OWNER_APP} on the node at {@code baseUrl}. */
    private String keyOwnerToken(String baseUrl, String username, String password) {
        return new OidcLogin(baseUrl + "/realms/" + name, KEY_OWNER_APP, KEY_OWNER_REDIRECT).withSecret(secret)
                .login(username, password, "openid").get("access_token").asText();
    }

    void delete() {
        admin.deleteRealm(name);
    }
}
