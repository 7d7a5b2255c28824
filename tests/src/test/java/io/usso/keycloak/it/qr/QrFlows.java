package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;

import java.util.List;
import java.util.Map;

/**
 * Builds QR-login browser flows in a test realm through the admin REST API, the way a tenant admin would in the
 * console: "Cookie" or a sub-flow in which "QR code login" and "Username Password Form" are alternatives (the QR page
 * comes first, "Try another way" leads to the password).
 */
final class QrFlows {

    static final String AUTHENTICATOR = "usso-qr-login";

    private final AdminApi admin;
    private final String realm;

    QrFlows(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /**
     * Creates {@code alias} (cookie | {@code alias}-forms [QR code login | username/password]) and returns its id.
     *
     * @param config the QR authenticator's settings (may be empty)
     */
    String createQrFlow(String alias, Map<String, String> config) {
        ObjectNode flow = Http.JSON.createObjectNode();
        flow.put("alias", alias);
        flow.put("description", "QR code login test flow");
        flow.put("providerId", "basic-flow");
        flow.put("topLevel", true);
        flow.put("builtIn", false);
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows", flow), 201, "create flow " + alias);
        addExecution(alias, "auth-cookie");
        String forms = alias + "-forms";
        ObjectNode sub = Http.JSON.createObjectNode();
        sub.put("alias", forms);
        sub.put("type", "basic-flow");
        sub.put("description", "QR code or password");
        sub.put("provider", "registration-page-form");
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions/flow", sub),
                201, "create sub-flow " + forms);
        addExecution(forms, AUTHENTICATOR);
        addExecution(forms, "auth-username-password-form");
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions")) {
            ObjectNode update = (ObjectNode) execution.deepCopy();
            update.put("requirement", "ALTERNATIVE");
            AdminApi.expect(admin.put("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions", update),
                    204, "requirement of " + execution.path("displayName").asText());
        }
        if (!config.isEmpty()) {
            String qrExecution = executionId(alias, AUTHENTICATOR);
            ObjectNode cfg = Http.JSON.createObjectNode();
            cfg.put("alias", alias + "-qr-config");
            cfg.set("config", Http.JSON.valueToTree(config));
            AdminApi.expect(admin.post("/" + realm + "/authentication/executions/" + qrExecution + "/config", cfg), 201,
                    "QR config of " + alias);
        }
        return flowId(alias);
    }

    /** Creates an empty top-level flow. */
    String createTopFlow(String alias) {
        ObjectNode flow = Http.JSON.createObjectNode();
        flow.put("alias", alias);
        flow.put("description", "QR code login test flow");
        flow.put("providerId", "basic-flow");
        flow.put("topLevel", true);
        flow.put("builtIn", false);
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows", flow), 201, "create flow " + alias);
        return flowId(alias);
    }

    /** Adds sub-flow {@code alias} at the end of flow {@code parent} and sets its requirement. */
    void addSubFlow(String top, String parent, String alias, String requirement) {
        ObjectNode sub = Http.JSON.createObjectNode();
        sub.put("alias", alias);
        sub.put("type", "basic-flow");
        sub.put("description", alias);
        sub.put("provider", "registration-page-form");
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + Http.enc(parent) + "/executions/flow", sub),
                201, "create sub-flow " + alias);
        require(top, alias, requirement);
    }

    /** Adds an execution of {@code provider} to {@code parent}, sets its requirement and (if given) its config. */
    String addStep(String top, String parent, String provider, String requirement, Map<String, String> config) {
        addExecution(parent, provider);
        String id = null;
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/" + Http.enc(parent) + "/executions")) {
            if (provider.equals(execution.path("providerId").asText()) && execution.path("level").asInt() == 0) {
                id = execution.get("id").asText();
            }
        }
        if (id == null) {
            throw new AssertionError(provider + " not added to " + parent);
        }
        require(top, id, requirement);
        if (config != null) {
            ObjectNode cfg = Http.JSON.createObjectNode();
            cfg.put("alias", parent + "-" + provider + "-config");
            cfg.set("config", Http.JSON.valueToTree(config));
            AdminApi.expect(admin.post("/" + realm + "/authentication/executions/" + id + "/config", cfg), 201,
                    "config of " + provider + " in " + parent);
        }
        return id;
    }

    /** Sets the requirement of the execution with id {@code idOrSubFlowAlias} (or of the sub-flow of that name). */
    private void require(String top, String idOrSubFlowAlias, String requirement) {
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/" + Http.enc(top) + "/executions")) {
            boolean match = idOrSubFlowAlias.equals(execution.path("id").asText())
                    || execution.path("authenticationFlow").asBoolean()
                    && idOrSubFlowAlias.equals(execution.path("displayName").asText());
            if (match) {
                ObjectNode update = (ObjectNode) execution.deepCopy();
                update.put("requirement", requirement);
                AdminApi.expect(admin.put("/" + realm + "/authentication/flows/" + Http.enc(top) + "/executions",
                        update), 204, "requirement of " + idOrSubFlowAlias);
                return;
            }
        }
        throw new AssertionError(idOrSubFlowAlias + " not in flow " + top);
    }

    /** Adds an execution of {@code provider} at the end of flow {@code alias} (requirement set afterwards). */
    void addExecution(String alias, String provider) {
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions/execution",
                Map.of("provider", provider)), 201, "add " + provider + " to " + alias);
    }

    /** The id of the first execution of {@code provider} anywhere in flow {@code alias}. */
    String executionId(String alias, String provider) {
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions")) {
            if (provider.equals(execution.path("providerId").asText())) {
                return execution.get("id").asText();
            }
        }
        throw new AssertionError(provider + " not in flow " + alias);
    }

    String flowId(String alias) {
        for (JsonNode flow : admin.getJson("/" + realm + "/authentication/flows")) {
            if (alias.equals(flow.path("alias").asText())) {
                return flow.get("id").asText();
            }
        }
        throw new AssertionError("flow " + alias + " not found");
    }

    /** Makes {@code flowId} the browser flow of an existing client. */
    void bindBrowserFlow(String clientId, String flowId) {
        String uuid = admin.clientUuid(realm, clientId);
        ObjectNode client = (ObjectNode) admin.getJson("/" + realm + "/clients/" + uuid);
        client.set("authenticationFlowBindingOverrides", Http.JSON.valueToTree(Map.of("browser", flowId)));
        AdminApi.expect(admin.put("/" + realm + "/clients/" + uuid, client), 204, "bind flow to " + clientId);
    }

    /**
     * A public client with PKCE S256 whose browser flow is {@code flowId}; nothing listens on its redirect URI
     * ({@code http://localhost:3000/qr-callback}), so a browser stays there with the code.
     */
    void createAppClient(String clientId, String name, String flowId) {
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", clientId);
        client.put("name", name);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.set("redirectUris", Http.JSON.valueToTree(List.of(QrDesktop.REDIRECT_URI)));
        client.set("attributes", Http.JSON.valueToTree(Map.of("pkce.code.challenge.method", "S256")));
        client.set("authenticationFlowBindingOverrides", Http.JSON.valueToTree(Map.of("browser", flowId)));
        admin.createClient(realm, client);
    }
}
