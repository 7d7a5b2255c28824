package io.usso.keycloak.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.UssoServer;

import java.util.List;
import java.util.Map;

/** A tenant made from the template for a benchmark, with confidential clients sharing one generated secret. */
final class BenchRealm {

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
        ObjectNode c = Http.JSON.createObjectNode();
        c.put("clientId", clientId);
        c.put("enabled", true);
        c.put("publicClient", false);
        c.put("secret", secret);
        c.put("standardFlowEnabled", false);
        c.put("serviceAccountsEnabled", serviceAccount);
        c.put("directAccessGrantsEnabled", directGrant);
        var scopes = c.putArray("defaultClientScopes");
        for (String s : List.of("web-origins", "acr", "profile", "roles", "basic", "email")) {
            scopes.add(s);
        }
        extraScopes.forEach(scopes::add);
        AdminApi.expect(admin.post("/" + name + "/clients", c), 201, "client " + clientId);
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

    void delete() {
        admin.deleteRealm(name);
    }
}
