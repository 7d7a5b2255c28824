package io.usso.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Keycloak's admin REST API as the bootstrap admin, for setting up test realms. */
public final class AdminApi {

    private final UssoServer server;
    private final Http http = Http.plain();
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public AdminApi(UssoServer server) {
        this.server = server;
    }

    public synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenExpiry)) {
            Http.Response r = http.postForm(server.realmUrl("master") + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", server.adminUsername(), "password", server.adminPassword()));
            if (r.status() != 200) {
                throw new AssertionError("admin login failed: " + r.status() + " " + r.body());
            }
            token = r.json().get("access_token").asText();
            tokenExpiry = Instant.now().plusSeconds(Math.max(5, r.json().get("expires_in").asLong() - 10));
        }
        return token;
    }

    public String url(String path) {
        return server.baseUrl() + "/admin/realms" + path;
    }

    public Http.Response get(String path) {
        return http.get(url(path), "Authorization", "Bearer " + token(), "Accept", "application/json");
    }

    public JsonNode getJson(String path) {
        Http.Response r = get(path);
        expect(r, 200, "GET " + path);
        return r.json();
    }

    public Http.Response post(String path, Object body) {
        return http.postJson(url(path), body, "Authorization", "Bearer " + token());
    }

    public Http.Response put(String path, Object body) {
        return http.putJson(url(path), body, "Authorization", "Bearer " + token());
    }

    public Http.Response delete(String path) {
        return http.delete(url(path), "Authorization", "Bearer " + token());
    }

    public Http.Response delete(String path, Object body) {
        return http.deleteJson(url(path), body, "Authorization", "Bearer " + token());
    }

    /** Server info ({@code GET /admin/serverinfo}). */
    public JsonNode serverInfo() {
        Http.Response r = http.get(server.baseUrl() + "/admin/serverinfo", "Authorization", "Bearer " + token());
        expect(r, 200, "serverinfo");
        return r.json();
    }

    /** Creates a realm from a representation (e.g. the tenant template with a new name). */
    public void createRealm(ObjectNode realm) {
        Http.Response r = http.postJson(server.baseUrl() + "/admin/realms", realm, "Authorization", "Bearer " + token());
        expect(r, 201, "create realm " + realm.path("realm").asText());
    }

    public void deleteRealm(String realm) {
        delete("/" + realm);
    }

    /** Creates a user with a password and returns its id. */
    public String createUser(String realm, String username, String password, Map<String, Object> extra) {
        ObjectNode user = Http.JSON.createObjectNode();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.test");
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", username);
        extra.forEach((k, v) -> user.set(k, Http.JSON.valueToTree(v)));
        ArrayNode creds = user.putArray("credentials");
        creds.addObject().put("type", "password").put("value", password).put("temporary", false);
        Http.Response r = post("/" + realm + "/users", user);
        expect(r, 201, "create user " + username);
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public JsonNode role(String realm, String name) {
        return getJson("/" + realm + "/roles/" + name);
    }

    public void createRealmRole(String realm, String name, Map<String, List<String>> attributes) {
        ObjectNode role = Http.JSON.createObjectNode();
        role.put("name", name);
        role.set("attributes", Http.JSON.valueToTree(attributes));
        expect(post("/" + realm + "/roles", role), 201, "create role " + name);
    }

    public void grantRealmRoles(String realm, String userId, String... roles) {
        ArrayNode list = Http.JSON.createArrayNode();
        for (String role : roles) {
            list.add(role(realm, role));
        }
        expect(post("/" + realm + "/users/" + userId + "/role-mappings/realm", list), 204, "grant realm roles");
    }

    /** Replaces one attribute of a user (admin-only attributes included). */
    public void setUserAttribute(String realm, String userId, String name, List<String> values) {
        ObjectNode user = (ObjectNode) getJson("/" + realm + "/users/" + userId);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.set(name, Http.JSON.valueToTree(values));
        expect(put("/" + realm + "/users/" + userId, user), 204, "set attribute " + name);
    }

    /**
     * A confidential client (client secret, no browser flow), optionally with a service account: adjust the
     * representation, then {@link #createClient}.
     */
    public static ObjectNode confidentialClient(String clientId, String secret, boolean serviceAccount) {
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", false);
        client.put("secret", secret);
        client.put("standardFlowEnabled", false);
        client.put("serviceAccountsEnabled", serviceAccount);
        return client;
    }

    public void createClient(String realm, ObjectNode client) {
        expect(post("/" + realm + "/clients", client), 201, "create client " + client.path("clientId").asText());
    }

    /** The user id of a client's service account. */
    public String serviceAccountUserId(String realm, String clientId) {
        return getJson("/" + realm + "/clients/" + clientUuid(realm, clientId) + "/service-account-user").get("id").asText();
    }

    /** Sets realm attributes (e.g. the tenant's usso.* settings), keeping the others. */
    public void setRealmAttributes(String realm, Map<String, String> values) {
        ObjectNode rep = (ObjectNode) getJson("/" + realm);
        ObjectNode attributes = rep.has("attributes") ? (ObjectNode) rep.get("attributes") : rep.putObject("attributes");
        values.forEach(attributes::put);
        expect(put("/" + realm, rep), 204, "realm attributes");
    }

    /** Internal id of a client scope by name. */
    public String clientScopeId(String realm, String name) {
        for (JsonNode scope : getJson("/" + realm + "/client-scopes")) {
            if (name.equals(scope.path("name").asText())) {
                return scope.get("id").asText();
            }
        }
        throw new AssertionError("client scope " + name + " not found in " + realm);
    }

    /**
     * Assigns a client scope of the realm to a client, as the admin console's Client scopes tab does: default (in
     * every token of the client) or optional (when the token request asks for it).
     */
    public void assignClientScope(String realm, String clientId, String scopeName, boolean asDefault) {
        String path = "/" + realm + "/clients/" + clientUuid(realm, clientId)
                + (asDefault ? "/default-client-scopes/" : "/optional-client-scopes/") + clientScopeId(realm, scopeName);
        expect(put(path, Http.JSON.createObjectNode()), 204, "assign client scope " + scopeName + " to " + clientId);
    }

    /** Internal id of a client by clientId. */
    public String clientUuid(String realm, String clientId) {
        JsonNode list = getJson("/" + realm + "/clients?clientId=" + Http.enc(clientId));
        if (list.size() != 1) {
            throw new AssertionError("client " + clientId + " not found in " + realm);
        }
        return list.get(0).get("id").asText();
    }

    public static void expect(Http.Response r, int status, String what) {
        if (r.status() != status) {
            throw new AssertionError(what + ": expected " + status + " got " + r.status() + " " + r.body());
        }
    }
}
