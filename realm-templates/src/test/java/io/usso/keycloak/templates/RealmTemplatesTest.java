package io.usso.keycloak.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant template carries USSO's safe defaults, and the demo tenant is that template plus demo data:
 * nothing the template sets may drift in the demo.
 */
class RealmTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the demo adds on top of the template (and may therefore differ). */
    /** Realm attribute of the workspaces module: who may create workspaces (the demo: every signed-in user). */
    private static final String DEMO_WORKSPACES_CREATE = "usso.workspaces.create";
    /** Realm attribute of the workspaces module: the tenant's workspace templates, a JSON document as a string. */
    private static final String WORKSPACE_TEMPLATES = "usso.workspaces.templates";
    private static final Set<String> DEMO_ONLY = Set.of("realm", "displayName", "displayNameHtml", "roles", "clients", "users",
            "browserFlow");

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = RealmTemplatesTest.class.getResourceAsStream("/realm-templates/" + name)) {
            assertNotNull(in, name);
            return JSON.readTree(in);
        }
    }

    private static JsonNode template() throws IOException {
        return load("tenant-template.json");
    }

    /** The demo, renamed back to the template's placeholder realm name. */
    private static JsonNode demoAsTemplate() throws IOException {
        String text = JSON.writeValueAsString(load("demo-tenant.json"))
                .replace("default-roles-demo", "default-roles-usso-tenant")
                .replace("/realms/demo/", "/realms/usso-tenant/")
                .replace("/admin/demo/", "/admin/usso-tenant/");
        return JSON.readTree(text);
    }

    @Test
    void templateHasUssoSecurityAndTokenDefaults() throws IOException {
        JsonNode t = template();
        assertEquals("usso-tenant", t.get("realm").asText());
        assertEquals(600, t.get("accessTokenLifespan").asInt(), "USSO access token: 600 s");
        assertEquals(2592000, t.get("ssoSessionMaxLifespan").asInt(), "USSO refresh: 30 days");
        assertEquals(604800, t.get("ssoSessionIdleTimeout").asInt(), "USSO refresh sliding: 7 days");
        assertTrue(t.get("revokeRefreshToken").asBoolean(), "refresh-token rotation: a stolen refresh token is "
                + "good for one use, and its reuse ends the session");
        assertEquals(0, t.get("refreshTokenMaxReuse").asInt());
        assertFalse(client(t, "admin-cli").get("directAccessGrantsEnabled").asBoolean(),
                "no password grant in tenants: a stolen password alone must not skip the browser flow's factors");
        assertTrue(t.get("bruteForceProtected").asBoolean());
        assertEquals("external", t.get("sslRequired").asText());
        assertTrue(t.get("eventsEnabled").asBoolean());
        assertTrue(t.get("adminEventsEnabled").asBoolean());
        String policy = t.get("passwordPolicy").asText();
        for (String rule : List.of("length(8)", "upperCase(1)", "lowerCase(1)", "digits(1)", "specialChars(1)")) {
            assertTrue(policy.contains(rule), "USSO password rule " + rule + " missing: " + policy);
        }
        for (String theme : List.of("loginTheme", "accountTheme", "emailTheme")) {
            assertEquals("usso", t.get(theme).asText(), theme);
        }
        assertTrue(t.get("internationalizationEnabled").asBoolean());
        assertTrue(t.get("supportedLocales").toString().contains("\"fa\""), "Persian supported");
    }

    @Test
    void ussoClientScopeIsDefinedAndDefault() throws IOException {
        JsonNode t = template();
        JsonNode usso = null;
        for (JsonNode scope : t.get("clientScopes")) {
            if ("usso".equals(scope.get("name").asText())) {
                usso = scope;
            }
        }
        assertNotNull(usso, "usso client scope");
        List<String> mapperTypes = new ArrayList<>();
        usso.get("protocolMappers").forEach(m -> mapperTypes.add(m.get("protocolMapper").asText()));
        assertEquals(List.of("usso-tenant-id-mapper", "usso-token-type-mapper", "usso-session-id-mapper",
                "usso-roles-mapper", "usso-scopes-mapper", "usso-amr-mapper", "usso-user-id-mapper",
                "usso-workspace-id-mapper", "usso-workspace-mapper", "usso-actor-mapper",
                "usso-role-expiry-mapper"), mapperTypes);
        usso.get("protocolMappers").forEach(m -> {
            if (m.get("protocolMapper").asText().equals("usso-token-type-mapper")) {
                assertTrue(m.get("config").path("id.token.claim").asBoolean(false),
                        "ID tokens carry token_type=id, so USSO's SDKs refuse them as access tokens");
            }
        });
        assertTrue(t.get("defaultDefaultClientScopes").toString().contains("\"usso\""));
        // every client's tokens say what kind they are, built-in clients included (an ID token of the account
        // console without token_type would pass an SDK-based API as an access token)
        t.get("clients").forEach(c -> assertTrue(c.get("defaultClientScopes").toString().contains("\"usso\""),
                c.get("clientId").asText() + " lacks the usso scope"));
    }

    @Test
    void templateDefinesEveryDefaultScopeItReferences() throws IOException {
        // a realm import with clientScopes given creates only those: a missing one silently breaks tokens
        JsonNode t = template();
        Set<String> defined = new java.util.HashSet<>();
        t.get("clientScopes").forEach(s -> defined.add(s.get("name").asText()));
        for (String list : List.of("defaultDefaultClientScopes", "defaultOptionalClientScopes")) {
            t.get(list).forEach(s -> assertTrue(defined.contains(s.asText()), list + " references undefined " + s));
        }
        for (JsonNode client : t.get("clients")) {
            for (String list : List.of("defaultClientScopes", "optionalClientScopes")) {
                client.path(list).forEach(s -> assertTrue(defined.contains(s.asText()),
                        client.get("clientId").asText() + " references undefined scope " + s));
            }
        }
    }

    @Test
    void onlyAdminsMaySeeOrSetUssoScopesOnAUser() throws IOException {
        JsonNode up = JSON.readTree(template().get("components").get("org.keycloak.userprofile.UserProfileProvider")
                .get(0).get("config").get("kc.user.profile.config").get(0).asText());
        JsonNode attribute = null;
        for (JsonNode a : up.get("attributes")) {
            if (a.get("name").asText().equals("usso.scopes")) {
                attribute = a;
            }
        }
        assertNotNull(attribute, "usso.scopes must be declared, or admins could not set it at all");
        assertEquals("[\"admin\"]", attribute.get("permissions").get("edit").toString(), "users must not grant themselves scopes");
        assertEquals("[\"admin\"]", attribute.get("permissions").get("view").toString());
        assertFalse(up.has("unmanagedAttributePolicy"), "unmanaged attributes stay disabled");
        // the verified phone (OTP, Telegram contact, KYC) is declared, visible to its user, set only by the server
        for (String name : List.of("phone_number", "phone_number_verified")) {
            JsonNode phone = null;
            for (JsonNode a : up.get("attributes")) {
                if (a.get("name").asText().equals(name)) {
                    phone = a;
                }
            }
            assertNotNull(phone, name + " must be declared");
            assertEquals("[\"admin\"]", phone.get("permissions").get("edit").toString(),
                    "users must not mark a number of their own choosing as theirs");
        }
    }

    @Test
    void theRememberedDefaultWorkspaceIsAdminOnly() throws IOException {
        JsonNode up = JSON.readTree(template().get("components").get("org.keycloak.userprofile.UserProfileProvider")
                .get(0).get("config").get("kc.user.profile.config").get(0).asText());
        JsonNode attribute = null;
        for (JsonNode a : up.get("attributes")) {
            if (a.get("name").asText().equals("usso.workspace.default")) {
                attribute = a;
            }
        }
        assertNotNull(attribute, "usso.workspace.default is declared (admins see it)");
        assertEquals("[\"admin\"]", attribute.get("permissions").get("edit").toString(),
                "only the choose-workspace page (and admins) set it");
        assertEquals("[\"admin\"]", attribute.get("permissions").get("view").toString());
    }

    /**
     * An imported realm with a {@code requiredActions} list gets only those (Keycloak adds nothing but
     * {@code delete_account}): the templates list Keycloak 26.7's defaults with their settings, plus
     * {@code usso-choose-workspace}. ChooseWorkspaceBrowserIT compares them with a realm Keycloak set up itself.
     */
    @Test
    void requiredActionsAreKeycloaksDefaultsPlusChooseWorkspace() throws IOException {
        Map<String, Boolean> enabled = new HashMap<>();
        for (JsonNode a : template().get("requiredActions")) {
            assertEquals(a.get("alias").asText(), a.get("providerId").asText());
            assertFalse(a.get("defaultAction").asBoolean(), a.get("alias").asText() + " is not set on new users");
            enabled.put(a.get("alias").asText(), a.get("enabled").asBoolean());
        }
        for (String on : List.of("VERIFY_EMAIL", "UPDATE_PROFILE", "CONFIGURE_TOTP", "UPDATE_PASSWORD",
                "delete_credential", "update_user_locale", "CONFIGURE_RECOVERY_AUTHN_CODES", "webauthn-register",
                "webauthn-register-passwordless", "VERIFY_PROFILE", "idp_link", "usso-choose-workspace")) {
            assertEquals(Boolean.TRUE, enabled.get(on), on + " enabled");
        }
        for (String off : List.of("TERMS_AND_CONDITIONS", "delete_account", "UPDATE_EMAIL")) {
            assertEquals(Boolean.FALSE, enabled.get(off), off + " listed, disabled as in Keycloak");
        }
    }

    @Test
    void accountConsoleKeepsItsRoleScopeMappings() throws IOException {
        // without these the account console's token lacks manage-account and the console fails with 401
        JsonNode mappings = template().path("clientScopeMappings").path("account");
        boolean found = false;
        for (JsonNode m : mappings) {
            found |= m.get("client").asText().equals("account-console")
                    && m.get("roles").toString().contains("manage-account");
        }
        assertTrue(found, "clientScopeMappings account -> account-console manage-account missing");
    }

    @Test
    void ussoServiceRolesShipUnassignedAndTheAccountPageMaySignIn() throws IOException {
        JsonNode template = template();
        Map<String, JsonNode> roles = byName(template.get("roles").get("realm"), "name");
        for (String role : List.of("verify-api-keys", "issue-magic-links")) {
            assertTrue(roles.containsKey(role), "role " + role + " missing");
            assertFalse(roles.get(role).path("composite").asBoolean(), role + " must not be composite");
        }
        JsonNode accountConsole = byName(template.get("clients"), "clientId").get("account-console");
        assertTrue(accountConsole.get("redirectUris").toString().contains("/realms/usso-tenant/api-keys/account"),
                "the API-key account page signs in through account-console");
    }

    @Test
    void spaExampleIsPublicWithPkceS256() throws IOException {
        JsonNode spa = client(template(), "spa");
        assertTrue(spa.get("publicClient").asBoolean());
        assertEquals("S256", spa.get("attributes").get("pkce.code.challenge.method").asText());
        assertFalse(spa.get("implicitFlowEnabled").asBoolean());
        assertFalse(spa.get("directAccessGrantsEnabled").asBoolean(), "no password grant for a browser app");
        assertTrue(spa.get("defaultClientScopes").toString().contains("\"usso\""));
        for (JsonNode uri : spa.get("redirectUris")) {
            assertFalse(uri.asText().equals("*") || uri.asText().equals("/*"), "wildcard redirect URI");
        }
    }

    @Test
    void everyUssoEndpointScopeCarriesTheUssoApiAudienceAndIsOptIn() throws IOException {
        JsonNode t = template();
        Map<String, JsonNode> scopes = byName(t.get("clientScopes"), "name");
        for (String name : List.of("usso:api-keys", "usso:agents", "usso:qr-approve", "usso:magic-link",
                "usso:workspaces")) {
            JsonNode scope = scopes.get(name);
            assertTrue(scope != null, name + " missing");
            assertEquals("true", scope.get("attributes").get("include.in.token.scope").asText(), name);
            JsonNode mapper = scope.get("protocolMappers").get(0);
            assertEquals("oidc-audience-mapper", mapper.get("protocolMapper").asText(), name);
            assertEquals("usso-api", mapper.get("config").get("included.custom.audience").asText(), name);
            assertFalse(t.get("defaultDefaultClientScopes").toString().contains(name), name + " must be opt-in");
            assertFalse(t.get("defaultOptionalClientScopes").toString().contains(name), name + " must be opt-in");
        }
        assertTrue(scopes.containsKey("usso:api-key-grant"), "the API-key grant's opt-in scope");
        for (JsonNode c : t.get("clients")) {
            assertFalse(c.get("defaultClientScopes").toString().contains("usso:api-key-grant"),
                    c.get("clientId") + " opted into the API-key grant");
        }
        String spa = client(t, "spa").get("optionalClientScopes").toString();
        for (String name : List.of("usso:api-keys", "usso:agents", "usso:qr-approve", "usso:workspaces")) {
            assertTrue(spa.contains(name), "the example app may ask for " + name);
        }
    }

    @Test
    void workspacesNeedOrganizationsAndTheScopeCatalogRole() throws IOException {
        for (JsonNode realm : List.of(template(), load("demo-tenant.json"))) {
            assertTrue(realm.path("organizationsEnabled").asBoolean(false), "workspaces are Keycloak organizations");
            assertNotNull(byName(realm.get("roles").get("realm"), "name").get("manage-scope-catalog"),
                    "the scope catalog's caller role");
        }
        assertFalse(template().path("attributes").has(DEMO_WORKSPACES_CREATE),
                "a new tenant decides itself whether users may create workspaces (off by default)");
    }

    @Test
    void workspaceTemplatesAreAJsonDocumentOfRolesWithWellFormedScopes() throws IOException {
        for (JsonNode realm : List.of(template(), load("demo-tenant.json"))) {
            JsonNode templates = readJson(realm.path("attributes").path(WORKSPACE_TEMPLATES).asText());
            assertTrue(templates.isObject() && templates.has("team"), "the example template 'team'");
            templates.fields().forEachRemaining(e -> {
                assertTrue(e.getKey().matches("[a-z0-9][a-z0-9_.-]{0,63}"), e.getKey());
                for (JsonNode role : e.getValue().get("roles")) {
                    assertTrue(role.get("name").asText().matches("[a-z0-9][a-z0-9_.-]{0,63}"), role.toString());
                    for (JsonNode scope : role.path("scopes")) {
                        assertTrue(scope.asText().matches("(read|create|update|delete|manage):[a-z0-9_./*-]+"),
                                scope.asText());
                    }
                }
            });
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void templateCarriesNoIdsOrSecrets() throws IOException {
        String text = JSON.writeValueAsString(template());
        assertFalse(text.contains("\"id\":"), "ids would collide between tenants created from the template");
        assertFalse(text.contains("\"secret\":"), "client secrets are generated per tenant");
        assertFalse(text.contains("\"credentials\":"), "no user credentials in the template");
        assertFalse(text.contains("exp2"), "leftover name from the export the template was derived from");
    }

    @Test
    void ussoBrowserFlowOffersEveryMethodBehindItsConditionAndIsTheDemosBrowserFlow() throws IOException {
        assertEquals("usso browser", load("demo-tenant.json").path("browserFlow").asText());
        // the template ships the flow unbound for now: tests and apps expect Keycloak's one-page username + password
        // form of the stock flow there (docs/LOGIN.md); binding it is one line, "browserFlow": "usso browser"
        assertFalse(template().has("browserFlow"), "the template keeps Keycloak's browser flow bound");
        for (JsonNode realm : List.of(template(), load("demo-tenant.json"))) {
            Map<String, JsonNode> flows = byName(realm.get("authenticationFlows"), "alias");
            Map<String, JsonNode> configs = byName(realm.get("authenticatorConfig"), "alias");
            // a realm import with authenticationFlows gets only the flows given: Keycloak's own must be there
            for (String builtIn : List.of("browser", "direct grant", "registration", "registration form", "saml ecp")) {
                assertNotNull(flows.get(builtIn), "Keycloak's flow " + builtIn);
            }
            List<String> top = steps(flows.get("usso browser"));
            assertEquals(List.of("auth-cookie:ALTERNATIVE", "identity-provider-redirector:ALTERNATIVE",
                    "flow usso organization:ALTERNATIVE", "flow usso forms:ALTERNATIVE"), top);
            assertEquals(List.of("auth-username-form:REQUIRED", "flow usso methods:REQUIRED",
                    "flow usso second factor - optional:CONDITIONAL", "flow usso second factor - required:CONDITIONAL"),
                    steps(flows.get("usso forms")));
            Map<String, String> methods = new java.util.LinkedHashMap<>();
            methods.put("password", "auth-password-form");
            methods.put("passkey", "webauthn-authenticator-passwordless");
            methods.put("magic-link", "usso-magic-link");
            methods.put("email-otp", "usso-email-otp");
            methods.put("sms-otp", "usso-sms-otp");
            methods.put("qr-login", "usso-qr-login");
            List<String> alternatives = new ArrayList<>();
            methods.keySet().forEach(m -> alternatives.add("flow usso method " + m + ":ALTERNATIVE"));
            assertEquals(alternatives, steps(flows.get("usso methods")));
            methods.forEach((method, authenticator) -> {
                // the condition only counts inside a CONDITIONAL sub-flow: ALTERNATIVE wrapper, CONDITIONAL inside
                assertEquals(List.of("flow usso method " + method + " - enabled:CONDITIONAL"),
                        steps(flows.get("usso method " + method)));
                JsonNode enabled = flows.get("usso method " + method + " - enabled");
                // the authenticator first: Keycloak's "try another way" list only looks past the sub-flow for the
                // first REQUIRED execution of a sub-flow (conditions count wherever they sit)
                assertEquals(List.of(authenticator + ":REQUIRED", "usso-condition-login-method:REQUIRED"), steps(enabled));
                String config = enabled.get("authenticationExecutions").get(1).path("authenticatorConfig").asText();
                assertEquals(method, configs.get(config).path("config").path("usso.login.method").asText(), method);
            });
            JsonNode optional = flows.get("usso second factor - optional");
            assertEquals(List.of("usso-condition-second-factor:REQUIRED", "conditional-user-configured:REQUIRED",
                    "auth-otp-form:ALTERNATIVE", "webauthn-authenticator:ALTERNATIVE"), steps(optional));
            JsonNode required = flows.get("usso second factor - required");
            assertEquals(List.of("usso-condition-second-factor:REQUIRED", "auth-otp-form:REQUIRED"), steps(required));
            for (JsonNode[] pair : List.of(new JsonNode[] {optional, null}, new JsonNode[] {required, null})) {
                String config = pair[0].get("authenticationExecutions").get(0).path("authenticatorConfig").asText();
                assertTrue(pair[0].get("alias").asText().endsWith(
                        configs.get(config).path("config").path("usso.login.second-factor").asText()));
            }
            // every sub-flow an execution names exists
            for (JsonNode flow : realm.get("authenticationFlows")) {
                for (JsonNode e : flow.get("authenticationExecutions")) {
                    if (e.path("authenticatorFlow").asBoolean()) {
                        assertNotNull(flows.get(e.path("flowAlias").asText()), "sub-flow " + e.path("flowAlias"));
                    }
                    if (e.has("authenticatorConfig")) {
                        assertNotNull(configs.get(e.path("authenticatorConfig").asText()), "config of " + e);
                    }
                }
            }
        }
    }

    /** @return a flow's executions as "authenticator:REQUIREMENT" or "flow alias:REQUIREMENT", in priority order */
    private static List<String> steps(JsonNode flow) {
        assertNotNull(flow);
        List<JsonNode> executions = new ArrayList<>();
        flow.get("authenticationExecutions").forEach(executions::add);
        executions.sort(java.util.Comparator.comparingInt(e -> e.path("priority").asInt()));
        List<String> steps = new ArrayList<>();
        for (JsonNode e : executions) {
            String what = e.path("authenticatorFlow").asBoolean() ? "flow " + e.path("flowAlias").asText()
                    : e.path("authenticator").asText();
            steps.add(what + ":" + e.path("requirement").asText());
        }
        return steps;
    }

    @Test
    void demoIsTheTemplatePlusDemoData() throws IOException {
        JsonNode t = template();
        JsonNode demo = demoAsTemplate();
        assertEquals("demo", load("demo-tenant.json").get("realm").asText());
        t.fieldNames().forEachRemaining(field -> {
            if (field.equals("attributes")) {
                // the demo lets every signed-in user create workspaces and has one more workspace template;
                // otherwise the same tenant attributes
                ObjectNode demoAttributes = demo.get(field).deepCopy();
                ObjectNode templateAttributes = t.get(field).deepCopy();
                assertEquals("anyone", demoAttributes.path(DEMO_WORKSPACES_CREATE).asText());
                demoAttributes.remove(DEMO_WORKSPACES_CREATE);
                JsonNode demoTemplates = readJson(demoAttributes.remove(WORKSPACE_TEMPLATES).asText());
                JsonNode tenantTemplates = readJson(templateAttributes.remove(WORKSPACE_TEMPLATES).asText());
                tenantTemplates.fieldNames().forEachRemaining(name -> assertEquals(tenantTemplates.get(name),
                        demoTemplates.get(name), "demo drifted from the template's workspace template " + name));
                assertEquals(templateAttributes, demoAttributes, "demo drifted from the template in " + field);
            } else if (!DEMO_ONLY.contains(field)) {
                assertEquals(t.get(field), demo.get(field), "demo drifted from the template in " + field);
            }
        });
        Map<String, JsonNode> demoRoles = byName(demo.get("roles").get("realm"), "name");
        for (JsonNode role : t.get("roles").get("realm")) {
            assertEquals(role, demoRoles.get(role.get("name").asText()), "realm role " + role.get("name"));
        }
        Map<String, JsonNode> demoClients = byName(demo.get("clients"), "clientId");
        for (JsonNode c : t.get("clients")) {
            String id = c.get("clientId").asText();
            assertNotNull(demoClients.get(id), "demo lacks client " + id);
            if (!id.equals("spa")) {
                assertEquals(c, demoClients.get(id), "client " + id);
            } else {
                ObjectNode a = c.deepCopy();
                ObjectNode b = demoClients.get(id).deepCopy();
                for (ObjectNode n : List.of(a, b)) {
                    n.remove("redirectUris");
                    ((ObjectNode) n.get("attributes")).remove("post.logout.redirect.uris");
                }
                assertEquals(a, b, "spa differs beyond its redirect URIs");
            }
        }
    }

    @Test
    void demoUsersCanSignInAtOnce() throws IOException {
        JsonNode demo = load("demo-tenant.json");
        Map<String, JsonNode> users = byName(demo.get("users"), "username");
        assertTrue(users.containsKey("alice"));
        assertFalse(users.get("alice").get("credentials").get(0).get("temporary").asBoolean());
        assertTrue(users.get("alice").get("realmRoles").toString().contains("editor"));
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        JsonNode c = byName(realm.get("clients"), "clientId").get(clientId);
        assertNotNull(c, clientId);
        return c;
    }

    private static Map<String, JsonNode> byName(JsonNode array, String key) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.get(key).asText(), n));
        return out;
    }
}
