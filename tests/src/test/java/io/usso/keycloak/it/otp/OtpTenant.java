package io.usso.keycloak.it.otp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets up one-time-code sign-in in a test tenant through the admin REST API, the way a tenant admin would in the
 * console: browser flows with usso-email-otp / usso-sms-otp executions and their config, public clients bound to
 * those flows, the phone attributes in the user profile, the usso-verify-phone required action.
 */
final class OtpTenant {

    /** The redirect URI of every test client; nothing listens there, the browser just stops on it. */
    static final String REDIRECT = "http://localhost:3000/callback";

    private final AdminApi admin;
    private final String realm;

    OtpTenant(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /** One execution of a flow. */
    record Step(String provider, String requirement, Map<String, String> config) {
        static Step required(String provider) {
            return new Step(provider, "REQUIRED", Map.of());
        }

        static Step required(String provider, Map<String, String> config) {
            return new Step(provider, "REQUIRED", config);
        }
    }

    /** Creates a top-level browser flow with the steps in order and returns its id. */
    String flow(String alias, Step... steps) {
        ObjectNode flow = Http.JSON.createObjectNode();
        flow.put("alias", alias);
        flow.put("description", "one-time code test flow");
        flow.put("providerId", "basic-flow");
        flow.put("topLevel", true);
        flow.put("builtIn", false);
        Http.Response created = admin.post("/" + realm + "/authentication/flows", flow);
        ok(created, "create flow " + alias);
        String location = created.header("Location");
        String flowId = location.substring(location.lastIndexOf('/') + 1);
        for (Step step : steps) {
            ok(admin.post("/" + realm + "/authentication/flows/" + alias + "/executions/execution",
                    Map.of("provider", step.provider())), "add " + step.provider());
        }
        JsonNode executions = admin.getJson("/" + realm + "/authentication/flows/" + alias + "/executions");
        for (int i = 0; i < steps.length; i++) {
            ObjectNode execution = (ObjectNode) executions.get(i);
            if (!steps[i].provider().equals(execution.path("providerId").asText())) {
                throw new AssertionError("unexpected execution order: " + executions);
            }
            execution.put("requirement", steps[i].requirement());
            ok(admin.put("/" + realm + "/authentication/flows/" + alias + "/executions", execution),
                    "requirement of " + steps[i].provider());
            if (!steps[i].config().isEmpty()) {
                ObjectNode config = Http.JSON.createObjectNode();
                config.put("alias", alias + "-" + i);
                config.set("config", Http.JSON.valueToTree(steps[i].config()));
                ok(admin.post("/" + realm + "/authentication/executions/" + execution.path("id").asText()
                        + "/config", config), "config of " + steps[i].provider());
            }
        }
        return flowId;
    }

    /** A public PKCE client whose browser flow is {@code flowId}. */
    void client(String clientId, String flowId) {
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add("http://localhost:3000/*");
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        client.putObject("authenticationFlowBindingOverrides").put("browser", flowId);
        admin.createClient(realm, client);
    }

    /**
     * Declares phone_number (user-visible, admin-editable) and phone_number_verified (admin-only) in the declarative
     * user profile, as the realm template should.
     */
    void declarePhoneAttributes() {
        ObjectNode profile = (ObjectNode) admin.getJson("/" + realm + "/users/profile");
        ArrayNode attributes = (ArrayNode) profile.get("attributes");
        List<String> names = new ArrayList<>();
        attributes.forEach(a -> names.add(a.path("name").asText()));
        if (!names.contains("phone_number")) {
            ObjectNode phone = attributes.addObject();
            phone.put("name", "phone_number");
            phone.put("displayName", "Mobile number");
            phone.put("multivalued", false);
            phone.putObject("permissions").putArray("view").add("admin").add("user");
            ((ObjectNode) phone.get("permissions")).putArray("edit").add("admin");
            phone.putObject("validations").putObject("length").put("max", 20);
        }
        if (!names.contains("phone_number_verified")) {
            ObjectNode verified = attributes.addObject();
            verified.put("name", "phone_number_verified");
            verified.put("displayName", "Mobile number verified");
            verified.put("multivalued", false);
            verified.putObject("permissions").putArray("view").add("admin");
            ((ObjectNode) verified.get("permissions")).putArray("edit").add("admin");
        }
        ok(admin.put("/" + realm + "/users/profile", profile), "user profile");
    }

    /** Registers (if needed), enables and configures the usso-verify-phone required action. */
    void verifyPhoneAction(Map<String, String> config) {
        JsonNode unregistered = admin.getJson("/" + realm + "/authentication/unregistered-required-actions");
        for (JsonNode action : unregistered) {
            if ("usso-verify-phone".equals(action.path("providerId").asText())) {
                ok(admin.post("/" + realm + "/authentication/register-required-action",
                        Map.of("providerId", "usso-verify-phone", "name", action.path("name").asText())),
                        "register usso-verify-phone");
            }
        }
        ObjectNode action = (ObjectNode) admin.getJson("/" + realm + "/authentication/required-actions/usso-verify-phone");
        action.put("enabled", true);
        ok(admin.put("/" + realm + "/authentication/required-actions/usso-verify-phone", action),
                "enable usso-verify-phone");
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("config", Http.JSON.valueToTree(config));
        ok(admin.put("/" + realm + "/authentication/required-actions/usso-verify-phone/config", body),
                "configure usso-verify-phone");
    }

    /** The admin API answers 200, 201 or 204 depending on the endpoint (and version): any 2xx is fine here. */
    private static void ok(Http.Response r, String what) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError(what + ": expected 2xx got " + r.status() + " " + r.body());
        }
    }

    /** Stored user events of one type, newest first. */
    JsonNode events(String type) {
        return admin.getJson("/" + realm + "/events?type=" + type + "&max=200");
    }

    /** The brute-force status of a user. */
    JsonNode bruteForce(String userId) {
        return admin.getJson("/" + realm + "/attack-detection/brute-force/users/" + userId);
    }

    JsonNode user(String userId) {
        return admin.getJson("/" + realm + "/users/" + userId);
    }
}
