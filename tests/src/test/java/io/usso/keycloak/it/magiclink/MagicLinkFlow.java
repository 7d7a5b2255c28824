package io.usso.keycloak.it.magiclink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the tenant's browser flow through the admin REST API, as a tenant admin would in the console: a new
 * top-level flow "magic link browser" = cookie (ALTERNATIVE) + usso-magic-link (ALTERNATIVE, with settings), bound as
 * the realm's browser flow. The settings can be changed afterwards.
 */
final class MagicLinkFlow {

    static final String ALIAS = "magic-link-browser";

    private final AdminApi admin;
    private final String realm;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private String configId;

    private MagicLinkFlow(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    static MagicLinkFlow install(AdminApi admin, String realm, Map<String, String> settings) {
        MagicLinkFlow flow = new MagicLinkFlow(admin, realm);
        flow.settings.putAll(settings);
        flow.create();
        return flow;
    }

    private void create() {
        ObjectNode flow = Http.JSON.createObjectNode();
        flow.put("alias", ALIAS);
        flow.put("description", "Passwordless: e-mail link");
        flow.put("providerId", "basic-flow");
        flow.put("topLevel", true);
        flow.put("builtIn", false);
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows", flow), 201, "create flow");
        for (String provider : new String[] {"auth-cookie", "usso-magic-link"}) {
            AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + ALIAS + "/executions/execution",
                    Map.of("provider", provider)), 201, "add " + provider);
        }
        JsonNode executions = admin.getJson("/" + realm + "/authentication/flows/" + ALIAS + "/executions");
        String magicLinkExecution = null;
        for (JsonNode execution : executions) {
            ObjectNode update = (ObjectNode) execution;
            update.put("requirement", "ALTERNATIVE");
            Http.Response updated = admin.put("/" + realm + "/authentication/flows/" + ALIAS + "/executions", update);
            if (updated.status() != 202 && updated.status() != 204) {
                throw new AssertionError("requirement of " + execution.path("providerId").asText() + ": "
                        + updated.status() + " " + updated.body());
            }
            if ("usso-magic-link".equals(execution.path("providerId").asText())) {
                magicLinkExecution = execution.get("id").asText();
            }
        }
        if (magicLinkExecution == null) {
            throw new AssertionError("usso-magic-link execution not created: " + executions);
        }
        ObjectNode config = Http.JSON.createObjectNode();
        config.put("alias", "magic-link-settings");
        config.set("config", Http.JSON.valueToTree(settings));
        Http.Response created = admin.post("/" + realm + "/authentication/executions/" + magicLinkExecution + "/config",
                config);
        AdminApi.expect(created, 201, "execution config");
        String location = created.header("Location");
        configId = location.substring(location.lastIndexOf('/') + 1);

        ObjectNode rep = (ObjectNode) admin.getJson("/" + realm);
        rep.put("browserFlow", ALIAS);
        AdminApi.expect(admin.put("/" + realm, rep), 204, "bind browser flow");
    }

    /** Changes some settings (the others stay). */
    void set(Map<String, String> changes) {
        settings.putAll(changes);
        ObjectNode config = Http.JSON.createObjectNode();
        config.put("id", configId);
        config.put("alias", "magic-link-settings");
        config.set("config", Http.JSON.valueToTree(settings));
        AdminApi.expect(admin.put("/" + realm + "/authentication/config/" + configId, config), 204, "update config");
    }
}
