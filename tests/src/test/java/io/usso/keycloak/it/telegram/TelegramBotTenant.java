package io.usso.keycloak.it.telegram;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoServer;

/**
 * Sets a test tenant up for bot-confirmed login through the admin REST API, as a tenant admin would in the console:
 * a Telegram identity provider (bot token generated here, Bot API base URL = the fake, a webhook secret), Telegram
 * accounts linked to users (federated identities), and a browser flow in which "Confirm in Telegram" and
 * "Username Password Form" are alternatives, bound to a public PKCE app client.
 */
final class TelegramBotTenant {

    static final String ALIAS = "telegram";
    static final String BOT = "usso_test_bot";
    static final String AUTHENTICATOR = "usso-telegram-bot";
    static final String REDIRECT_URI = "http://localhost:3000/tg-callback";

    final String token = "7000000001:" + UssoServer.randomSecret().replaceAll("[^A-Za-z0-9_-]", "a").substring(0, 30);
    final String secret = UssoServer.randomSecret().replaceAll("[^A-Za-z0-9_-]", "b");

    private final AdminApi admin;
    private final String realm;

    TelegramBotTenant(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /** Creates the Telegram identity provider pointing at the fake Bot API. */
    void createIdentityProvider(String botApiBaseUrl) {
        ObjectNode idp = Http.JSON.createObjectNode();
        idp.put("alias", ALIAS);
        idp.put("providerId", "telegram");
        idp.put("enabled", true);
        idp.set("config", Http.JSON.valueToTree(Map.of("botUsername", BOT, "botToken", token,
                "botApiBaseUrl", botApiBaseUrl, "webhookSecret", secret)));
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", idp), 201, "Telegram IdP");
    }

    /** Links Telegram account {@code telegramId} to the user (as the account console's linking would). */
    void link(String userId, long telegramId) {
        AdminApi.expect(admin.post("/" + realm + "/users/" + userId + "/federated-identity/" + ALIAS,
                Map.of("identityProvider", ALIAS, "userId", String.valueOf(telegramId), "userName", "tg" + telegramId)),
                204, "link Telegram " + telegramId);
    }

    /**
     * Creates flow {@code alias} (cookie | forms [Confirm in Telegram | password]) with the authenticator's config,
     * and a public PKCE client {@code clientId} bound to it.
     */
    void createFlowAndClient(String alias, Map<String, String> config, String clientId) {
        ObjectNode flow = Http.JSON.createObjectNode();
        flow.put("alias", alias);
        flow.put("description", "Telegram bot login test flow");
        flow.put("providerId", "basic-flow");
        flow.put("topLevel", true);
        flow.put("builtIn", false);
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows", flow), 201, "create flow " + alias);
        addExecution(alias, "auth-cookie");
        String forms = alias + "-forms";
        ObjectNode sub = Http.JSON.createObjectNode();
        sub.put("alias", forms);
        sub.put("type", "basic-flow");
        sub.put("description", "Telegram or password");
        sub.put("provider", "registration-page-form");
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions/flow", sub),
                201, "sub-flow " + forms);
        addExecution(forms, AUTHENTICATOR);
        addExecution(forms, "auth-username-password-form");
        String botExecution = null;
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions")) {
            ObjectNode update = (ObjectNode) execution.deepCopy();
            update.put("requirement", "ALTERNATIVE");
            AdminApi.expect(admin.put("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions", update),
                    204, "requirement of " + execution.path("displayName").asText());
            if (AUTHENTICATOR.equals(execution.path("providerId").asText())) {
                botExecution = execution.get("id").asText();
            }
        }
        if (botExecution == null) {
            throw new AssertionError(AUTHENTICATOR + " not in flow " + alias);
        }
        if (!config.isEmpty()) {
            ObjectNode cfg = Http.JSON.createObjectNode();
            cfg.put("alias", alias + "-tg-config");
            cfg.set("config", Http.JSON.valueToTree(config));
            AdminApi.expect(admin.post("/" + realm + "/authentication/executions/" + botExecution + "/config", cfg),
                    201, "config of " + alias);
        }
        String flowId = null;
        for (JsonNode f : admin.getJson("/" + realm + "/authentication/flows")) {
            if (alias.equals(f.path("alias").asText())) {
                flowId = f.get("id").asText();
            }
        }
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", clientId);
        client.put("name", "Telegram Test App");
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.set("redirectUris", Http.JSON.valueToTree(List.of(REDIRECT_URI)));
        client.set("attributes", Http.JSON.valueToTree(Map.of("pkce.code.challenge.method", "S256")));
        client.set("authenticationFlowBindingOverrides", Http.JSON.valueToTree(Map.of("browser", flowId)));
        admin.createClient(realm, client);
    }

    private void addExecution(String alias, String provider) {
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + Http.enc(alias) + "/executions/execution",
                Map.of("provider", provider)), 201, "add " + provider + " to " + alias);
    }
}
