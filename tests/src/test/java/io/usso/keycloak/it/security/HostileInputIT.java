package io.usso.keycloak.it.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RawHttp;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoEndpoints;
import io.usso.keycloak.it.support.UssoEndpoints.Answer;
import io.usso.keycloak.it.support.UssoEndpoints.Auth;
import io.usso.keycloak.it.support.UssoEndpoints.Endpoint;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input against every endpoint and form in {@link UssoEndpoints}: generated bodies ({@link HostileInputs}),
 * wrong methods and content types, unknown, malformed and other tenants' ids in paths, malformed credentials,
 * hostile query parameters. Each request carries a valid credential where the endpoint needs one, so that the input
 * reaches the parser. Every answer must be below 500 and free of stack traces and class names; refused input must
 * get a 4xx, JSON endpoints answer {@code {"error", "error_description"}}, pages an HTML page. One dynamic test per
 * endpoint and kind of attack, each listing all its bad answers.
 */
class HostileInputIT extends TenantIT {

    /**
     * The scopes a user's token asks for (the dedicated scopes of {@code common.auth.UssoEndpoints}, optional
     * client scopes of the template's SPA client): with {@link #BACKEND_SCOPES} the one place to change when an
     * endpoint's token policy changes.
     */
    static final String USER_SCOPES = "openid usso:api-keys usso:agents usso:qr-approve usso:workspaces";
    /** The scopes the back end's client-credentials token asks for. */
    static final String BACKEND_SCOPES = "usso:magic-link usso:workspaces";
    /** Optional client scopes the back end client gets (so that it may ask for them). */
    static final List<String> BACKEND_OPTIONAL_SCOPES = List.of("usso:magic-link", "usso:workspaces");

    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Hostile-Input-2026!";
    private static final String USER = "mallory";
    private static final String BACKEND = "hostile-backend";

    /** Stack frames, exception class names, framework internals: none may reach a client. */
    private static final Pattern LEAK = Pattern.compile("\\bat (?:io\\.usso|org\\.keycloak|java\\.|jakarta\\."
            + "|org\\.jboss|io\\.quarkus|io\\.vertx|com\\.fasterxml)"
            + "|(?:\\b[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*(?:Exception|Error)\\b"
            + "|\\b\\w+(?:Exception|Error)\\s*:|Caused by|\\bStackTrace\\b|NullPointer|ClassCast");
    /**
     * Defects this test found that are open, with their owner: answered, printed, not failed. Key: endpoint (as
     * {@link Endpoint#toString()}) + " " + the input's description prefix. Fix the cause, then remove the entry.
     */
    private static final Map<String, String> KNOWN_OPEN = Map.of();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\"\\s+value=\"([^\"]+)\"");

    private final String backendSecret = UssoServer.randomSecret();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<Auth, Cached> tokens = new java.util.EnumMap<>(Auth.class);
    private final List<String> otherTenantIds = new ArrayList<>();
    private String otherRealm;
    private String otherRealmToken;
    private String otherRealmKey;
    private RawHttp browser;
    private int logStart;

    @Override
    protected void setUpTenant() {
        logStart = server.logText().length();
        admin.createRealmRole(realm, "key-user", Map.of("usso.scopes", List.of("read:media/files")));
        String userId = admin.createUser(realm, USER, PASSWORD, Map.of());
        admin.grantRealmRoles(realm, userId, "key-user");
        // manage-users: a tenant admin of workspaces, so that template changes reach the parser
        // manage-events: a tenant admin of webhooks
        grantRealmManagement(realm, userId, "manage-clients", "view-clients", "manage-users", "manage-events");
        admin.createClient(realm, AdminApi.confidentialClient(BACKEND, backendSecret, true));
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, BACKEND), "verify-api-keys",
                "issue-magic-links", "manage-scope-catalog");
        admin.setRealmAttributes(realm, Map.of("usso.workspaces.create", "anyone"));
        offerOptionalScopes(realm, BACKEND, BACKEND_OPTIONAL_SCOPES);
        raiseQrLimits();

        String token = token(Auth.USER);
        ids.put("realm", realm);
        ids.put("userId", userId);
        ids.put("keyId", newKey(realmUrl(), token).get("id").asText());
        ids.put("clientId", newAgent(realmUrl(), token, "hostile-bot"));
        ids.put("code", random(27));
        ids.put("handle", random(43));
        ids.put("workspaceId", newWorkspace(realmUrl(), token));
        ids.put("roleId", admin.role(realm, "key-user").get("id").asText());
        ids.put("webhookId", newWebhook(realmUrl(), token));
        ids.put("deliveryId", "msg_" + random(32));

        otherRealm = realm + "-other";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.createRealmRole(otherRealm, "key-user", Map.of("usso.scopes", List.of("read:media/files")));
        String otherUser = admin.createUser(otherRealm, USER, PASSWORD, Map.of());
        admin.grantRealmRoles(otherRealm, otherUser, "key-user");
        grantRealmManagement(otherRealm, otherUser, "manage-clients", "view-clients", "manage-events");
        otherRealmToken = new OidcLogin(server.realmUrl(otherRealm), SPA, REDIRECT)
                .login(USER, PASSWORD, USER_SCOPES).get("access_token").asText();
        JsonNode otherKey = newKey(server.realmUrl(otherRealm), otherRealmToken);
        otherRealmKey = otherKey.get("api_key").asText();
        otherTenantIds.add(otherUser);
        otherTenantIds.add(otherKey.get("id").asText());
        otherTenantIds.add(newAgent(server.realmUrl(otherRealm), otherRealmToken, "other-bot"));
        admin.setRealmAttributes(otherRealm, Map.of("usso.workspaces.create", "anyone"));
        otherTenantIds.add(newWorkspace(server.realmUrl(otherRealm), otherRealmToken));
        otherTenantIds.add(admin.role(otherRealm, "key-user").get("id").asText());
        otherTenantIds.add(newWebhook(server.realmUrl(otherRealm), otherRealmToken));

        browser = signedInBrowser();
        // the Telegram identity provider's broker endpoint (UssoEndpoints rows "telegram"), added after the browser
        // signed in so that the tenant's login page is the same as without it
        io.usso.keycloak.it.telegram.LoginWidgetFake.addProvider(admin, realm, "telegram",
                io.usso.keycloak.it.telegram.LoginWidgetFake.newBotToken(), "https://oauth.telegram.org", Map.of());
    }

    @AfterAll
    void deleteOtherRealm() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    // ------------------------------------------------------------------ the attacks

    @TestFactory
    Stream<DynamicTest> hostileBodies() {
        return UssoEndpoints.ALL.stream().filter(e -> e.body() != UssoEndpoints.Body.NONE)
                .map(e -> DynamicTest.dynamicTest(e + ": hostile bodies", () -> {
                    Map<String, String> values = new LinkedHashMap<>(ids);
                    if (e.changesState()) {
                        values.put("keyId", "00000000-0000-0000-0000-000000000000");
                        values.put("clientId", "agent-no-such-agent");
                        values.put("workspaceId", "00000000-0000-0000-0000-000000000000");
                        values.put("webhookId", "00000000-0000-0000-0000-000000000000");
                    }
                    List<HostileInputs.Body> bodies = e.body() == UssoEndpoints.Body.JSON
                            ? HostileInputs.jsonBodies(e.fields())
                            : HostileInputs.formBodies(e.fields(), validForm(e));
                    Failures failures = new Failures(e);
                    for (HostileInputs.Body body : bodies) {
                        // with another content type the HTTP layer may refuse it first (415), in its own words
                        boolean reachesUs = benignType(e).equals(body.contentType());
                        failures.check(body.name(), send(e, e.method(), url(e, values), body.contentType(),
                                body.bytes(), credentials(e.auth())), body.mustFail(), reachesUs,
                                () -> send(RawHttp.plain(), e, "POST", realmUrl() + "/protocol/openid-connect/token",
                                        body.contentType(), body.bytes()));
                    }
                    failures.assertNone();
                }));
    }

    @TestFactory
    Stream<DynamicTest> malformedCredentials() {
        List<String> authorizations = HostileInputs.authorizations(otherRealmToken, tampered(token(Auth.USER)),
                realmUrl());
        return UssoEndpoints.ALL.stream().map(e -> DynamicTest.dynamicTest(e + ": malformed credentials", () -> {
            Failures failures = new Failures(e);
            boolean mustFail = e.auth() != Auth.NONE;
            for (String authorization : authorizations) {
                // Keycloak's admin REST API refuses a bad token before our resource, in its own words
                failures.check("Authorization: " + shorten(authorization), send(RawHttp.plain(), e, e.method(),
                        url(e, ids), benignType(e), benignBody(e), "Authorization", authorization), mustFail,
                        e.auth() != Auth.ADMIN);
            }
            if (e.auth() == Auth.BROWSER) {
                for (String cookie : List.of("KEYCLOAK_IDENTITY=x", "KEYCLOAK_IDENTITY=a.b.c; KEYCLOAK_SESSION=x",
                        "KEYCLOAK_IDENTITY=" + tampered(token(Auth.USER)), "AUTH_SESSION_ID=%00; KC_RESTART=x",
                        "KEYCLOAK_IDENTITY=" + "A".repeat(4_000))) {
                    failures.check("Cookie: " + shorten(cookie), send(RawHttp.plain(), e, e.method(), url(e, ids),
                            benignType(e), benignBody(e), "Cookie", cookie, "Origin", server.baseUrl()), mustFail,
                            true);
                }
            }
            failures.assertNone();
        }));
    }

    @TestFactory
    Stream<DynamicTest> unknownMalformedAndOtherTenantsIds() {
        return UssoEndpoints.ALL.stream().filter(e -> placeholders(e.path()).stream().anyMatch(p -> !"realm".equals(p)))
                .map(e -> DynamicTest.dynamicTest(e + ": hostile ids", () -> {
                    Failures failures = new Failures(e);
                    for (String placeholder : placeholders(e.path())) {
                        if ("realm".equals(placeholder)) {
                            continue;
                        }
                        for (String id : HostileInputs.pathIds(otherTenantIds)) {
                            Map<String, String> values = new LinkedHashMap<>(ids);
                            values.put(placeholder, id);
                            // "..": Keycloak's path normalisation answers before any resource, in its own words
                            // a NUL: Keycloak's query filter, likewise
                            boolean reachesUs = !id.equals("..") && !id.equalsIgnoreCase("%2e%2e")
                                    && !id.contains("%00");
                            failures.check(placeholder + " = " + shorten(id), send(e, e.method(), url(e, values),
                                    benignType(e), benignBody(e), credentials(e.auth())),
                                    e.answer() == Answer.JSON, reachesUs, () -> keycloakLoginPage(id));
                        }
                    }
                    failures.assertNone();
                }));
    }

    @TestFactory
    Stream<DynamicTest> wrongMethods() {
        return UssoEndpoints.ALL.stream().map(e -> UssoEndpoints.pathOnly(e.path())).distinct()
                .map(path -> DynamicTest.dynamicTest(path + ": wrong methods", () -> {
                    Endpoint e = UssoEndpoints.ALL.stream().filter(x -> UssoEndpoints.pathOnly(x.path()).equals(path))
                            .findFirst().orElseThrow();
                    Failures failures = new Failures(e);
                    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                        if (!UssoEndpoints.methodsOn(path).contains(method)) {
                            failures.check(method, send(e, method, url(e, ids), HostileInputs.JSON,
                                    "{}".getBytes(StandardCharsets.UTF_8), credentials(e.auth())), true, false);
                        }
                    }
                    failures.check("TRACE", send(e, "TRACE", url(e, ids), null, null, credentials(e.auth())), true,
                            false);
                    failures.assertNone();
                }));
    }

    @TestFactory
    Stream<DynamicTest> hostileQueryParameters() {
        List<String> values = List.of("-1", "abc", "1e9", "99999999999999999999", "%00", "", "%E2%80%AE%F0%9F%98%80",
                "A".repeat(2_000), "1&wait=2&wait=3");
        return UssoEndpoints.ALL.stream().filter(e -> e.body() == UssoEndpoints.Body.NONE && !e.changesState())
                .map(e -> DynamicTest.dynamicTest(e + ": hostile query", () -> {
                    Failures failures = new Failures(e);
                    for (String value : values) {
                        String query = String.join("&", List.of("wait", "generation", "first", "max", "kc_locale",
                                "error", "code", "state", "session_state", "ticket", "token", "handle").stream()
                                .map(name -> name + "=" + value).toList());
                        String url = url(e, ids);
                        // a NUL: Keycloak's query filter answers before any resource, in its own words
                        failures.check("every parameter = " + shorten(value), send(e, e.method(),
                                url + (url.contains("?") ? "&" : "?") + query, null, null, credentials(e.auth())),
                                false, !value.contains("%00"), () -> keycloakLoginPage(value));
                    }
                    failures.assertNone();
                }));
    }

    /** Other tenants' keys do not verify here, and everything above left no server error in the log. */
    @Test
    void anotherTenantsKeyIsInvalidHere() throws IOException {
        Endpoint verify = UssoEndpoints.ALL.stream().filter(e -> e.path().endsWith("/verify")).findFirst().orElseThrow();
        Http.Response r = send(verify, "POST", url(verify, ids), HostileInputs.JSON,
                HostileInputs.json(Map.of("api_key", otherRealmKey)).getBytes(StandardCharsets.UTF_8),
                credentials(Auth.SERVICE));
        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_api_key", r.json().path("error").asText(), r.body());
    }

    @AfterAll
    void noServerErrorsLogged() {
        if (server == null) {
            return;
        }
        // Keycloak's own "Uncaught server error" lines are the 5xx answers judged above; our code logs none
        String log = server.logText();
        String during = log.length() > logStart ? log.substring(logStart) : "";
        List<String> errors = during.lines().filter(l -> l.contains(" ERROR [io.usso")).limit(20).toList();
        assertTrue(errors.isEmpty(), "server errors while under hostile input:\n" + String.join("\n", errors));
    }

    // ------------------------------------------------------------------ judging answers

    /** The bad answers of one dynamic test. */
    private final class Failures {
        private final Endpoint endpoint;
        private final List<String> found = new ArrayList<>();

        Failures(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * @param what the input
         * @param r the answer, null when the connection broke without one
         * @param mustFail whether a 4xx is required
         * @param reachesUs whether the request gets to our code (not refused by the HTTP layer first), so that
         *        our error format is required
         */
        void check(String what, Http.Response r, boolean mustFail, boolean reachesUs) {
            check(what, r, mustFail, reachesUs, null);
        }

        /**
         * As {@link #check(String, Http.Response, boolean, boolean)}; a 5xx is tolerated only when Keycloak's own
         * endpoint ({@code keycloakOwn}) answers the same input with a 5xx too: then Keycloak's HTTP layer fails
         * before any code of ours runs (multipart and form bodies are parsed before the resource method, media types
         * while routing). Such answers are listed on standard output, never hidden.
         */
        void check(String what, Http.Response r, boolean mustFail, boolean reachesUs,
                java.util.function.Supplier<Http.Response> keycloakOwn) {
            if (r == null) {
                found.add(what + ": no answer (connection closed)");
                return;
            }
            String body = r.body() == null ? "" : r.body();
            if (r.status() >= 500) {
                Http.Response own = keycloakOwn == null ? null : keycloakOwn.get();
                if (own != null && own.status() >= 500) {
                    System.out.println("[hostile-input] Keycloak's HTTP layer: " + endpoint + " " + what + ": "
                            + r.status() + " (Keycloak's own endpoint: " + own.status() + ")");
                    mustFail = false;
                    reachesUs = false;
                } else {
                    found.add(what + ": " + r.status() + " " + shorten(body)
                            + (own == null ? "" : " (Keycloak's own endpoint: " + own.status() + ")"));
                }
            }
            Matcher leak = LEAK.matcher(body);
            if (leak.find()) {
                found.add(what + ": leaks \"" + leak.group() + "\" in " + shorten(body));
            }
            if (mustFail && r.status() < 300) {
                found.add(what + ": accepted (" + r.status() + ") " + shorten(body));
            }
            if (mustFail && endpoint.answer() == Answer.JSON && r.status() < 400) {
                found.add(what + ": expected a 4xx, got " + r.status());
            }
            if (r.status() >= 400 && r.status() < 500 && reachesUs && !body.isEmpty()) {
                String type = r.header("Content-Type") == null ? "" : r.header("Content-Type").toLowerCase(Locale.ROOT);
                if (endpoint.answer() == Answer.JSON) {
                    JsonNode json = parse(body);
                    if (json == null || !json.path("error").isTextual() || !json.path("error_description").isTextual()) {
                        found.add(what + ": " + r.status() + " without {\"error\", \"error_description\"}: "
                                + shorten(body));
                    }
                } else if (!type.startsWith("text/html")) {
                    found.add(what + ": " + r.status() + " page is " + type + ": " + shorten(body));
                }
            }
        }

        void assertNone() {
            List<String> open = found.stream().filter(f -> KNOWN_OPEN.keySet().stream()
                    .anyMatch(k -> (endpoint + " " + f).startsWith(k))).toList();
            open.forEach(f -> System.out.println("[hostile-input] KNOWN OPEN: " + endpoint + " " + f));
            List<String> bad = found.stream().filter(f -> !open.contains(f)).toList();
            assertTrue(bad.isEmpty(), endpoint + ": " + bad.size() + " bad answers:\n" + String.join("\n", bad));
        }
    }

    /** Keycloak's own login page with {@code value} in its query: the parity probe for hostile URLs. */
    private Http.Response keycloakLoginPage(String value) {
        return send(RawHttp.plain(), UssoEndpoints.ALL.stream().filter(e -> e.answer() == Answer.HTML).findFirst()
                .orElseThrow(), "GET", realmUrl()
                + "/protocol/openid-connect/auth?client_id=" + SPA + "&response_type=code&redirect_uri="
                + Http.enc(REDIRECT) + "&state=" + value + "&nonce=" + value, null, null);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Http.JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ requests

    private Http.Response send(Endpoint e, String method, String url, String contentType, byte[] body,
            String... headers) {
        return send(e.auth() == Auth.BROWSER ? browser : RawHttp.plain(), e, method, url, contentType, body, headers);
    }

    private Http.Response send(RawHttp client, Endpoint e, String method, String url, String contentType,
            byte[] body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Accept");
        all.add(e.answer() == Answer.JSON ? "application/json" : "text/html");
        // once more when the connection broke: a server may answer a large body early (a 4xx before reading it all)
        // and close, which the client, still writing, sees as a reset; a server that really fails does so twice
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send(method, url, contentType, body, all.toArray(String[]::new));
            } catch (IOException ex) {
                if (attempt == 2) {
                    return null;
                }
            }
        }
    }

    /** The headers that make a request come from the endpoint's legitimate caller. */
    private String[] credentials(Auth auth) {
        return switch (auth) {
            case NONE -> new String[0];
            case BROWSER -> new String[] {"Origin", server.baseUrl()};
            default -> new String[] {"Authorization", "Bearer " + token(auth)};
        };
    }

    /**
     * The one way this test gets tokens: a user's (password login through the SPA client), a back end's (client
     * credentials) or the server admin's, asking for {@link #USER_SCOPES}.
     */
    private String token(Auth auth) {
        // cached for a minute: a password login per request would trip the tenant's brute-force detection
        // (quick successive logins count as failures) and lock the user out
        Cached cached = tokens.get(auth);
        if (cached != null && System.currentTimeMillis() - cached.at() < 60_000) {
            return cached.token();
        }
        String token = switch (auth) {
            case USER -> new OidcLogin(realmUrl(), SPA, REDIRECT).login(USER, PASSWORD, USER_SCOPES)
                    .get("access_token").asText();
            case SERVICE -> clientCredentials(BACKEND, backendSecret);
            case ADMIN -> admin.token();
            default -> throw new IllegalArgumentException(auth.name());
        };
        tokens.put(auth, new Cached(token, System.currentTimeMillis()));
        return token;
    }

    private record Cached(String token, long at) {
    }

    /** A workspace the token's user owns, with a custom role {@code editor} (providers/workspaces). */
    private static String newWorkspace(String realmUrl, String token) {
        Http.Response ws = Http.plain().postJson(realmUrl + "/workspaces", Map.of("name", "hostile " + random(8)),
                "Authorization", "Bearer " + token);
        AdminApi.expect(ws, 201, "workspace");
        String id = ws.json().get("id").asText();
        AdminApi.expect(Http.plain().postJson(realmUrl + "/workspaces/" + id + "/roles", Map.of("name", "editor",
                "scopes", List.of("read:media/files")), "Authorization", "Bearer " + token), 201, "workspace role");
        return id;
    }

    /** A webhook that never fires (a resource type no event has), so that nothing is sent anywhere. */
    private static String newWebhook(String realmUrl, String token) {
        Http.Response hook = Http.plain().postJson(realmUrl + "/webhooks", Map.of("url",
                "https://hooks.example.com/usso", "event_types", List.of("admin:USSO_HOSTILE_NONE")),
                "Authorization", "Bearer " + token);
        AdminApi.expect(hook, 201, "webhook");
        return hook.json().get("id").asText();
    }

    private void offerOptionalScopes(String inRealm, String clientId, List<String> scopes) {
        String client = admin.clientUuid(inRealm, clientId);
        for (JsonNode scope : admin.getJson("/" + inRealm + "/client-scopes")) {
            if (scopes.contains(scope.path("name").asText())) {
                Http.Response r = admin.put("/" + inRealm + "/clients/" + client + "/optional-client-scopes/"
                        + scope.get("id").asText(), Map.of());
                if (r.status() != 204) {
                    throw new AssertionError("optional scope " + scope.path("name").asText() + ": " + r.status());
                }
            }
        }
    }

    private String clientCredentials(String clientId, String secret) {
        Http.Response r = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "scope", BACKEND_SCOPES));
        AdminApi.expect(r, 200, "client_credentials token of " + clientId);
        return r.json().get("access_token").asText();
    }

    private String url(Endpoint e, Map<String, String> values) {
        String path = e.path();
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        return server.baseUrl() + path;
    }

    private static List<String> placeholders(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A harmless body of the endpoint's kind, so that only the attacked part is wrong. */
    private byte[] benignBody(Endpoint e) {
        return switch (e.body()) {
            case NONE -> null;
            case JSON -> HostileInputs.json(e.fields().contains("number") ? Map.of("number", 42) : Map.of())
                    .getBytes(StandardCharsets.UTF_8);
            case FORM -> Http.form(validForm(e)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String benignType(Endpoint e) {
        return switch (e.body()) {
            case NONE -> null;
            case JSON -> HostileInputs.JSON;
            case FORM -> HostileInputs.FORM;
        };
    }

    /** Form fields that get a form past its CSRF check (the signed-in browser's token of that page). */
    private Map<String, String> validForm(Endpoint e) {
        if (!e.fields().contains("csrf")) {
            return Map.of();
        }
        String page = e.path().contains("/qr-login/") ? realmUrl() + "/qr-login/enter" : realmUrl() + "/api-keys/account";
        Http.Response r = send(browser, e, "GET", page, null, null);
        Matcher m = r == null ? null : CSRF.matcher(r.body());
        return m != null && m.find() ? Map.of("csrf", OidcLogin.unescape(m.group(1))) : Map.of();
    }

    // ------------------------------------------------------------------ fixtures

    private static JsonNode newKey(String realmUrl, String token) {
        Http.Response r = Http.plain().postJson(realmUrl + "/api-keys", Map.of("name", "hostile fixture",
                "scopes", List.of("read:media/files"), "expires_in_days", 30), "Authorization", "Bearer " + token);
        AdminApi.expect(r, 201, "create API key");
        return r.json();
    }

    private static String newAgent(String realmUrl, String token, String name) {
        Http.Response r = Http.plain().postJson(realmUrl + "/agents", Map.of("name", name),
                "Authorization", "Bearer " + token);
        AdminApi.expect(r, 201, "create agent");
        return r.json().path("client_id").asText("agent-" + name);
    }

    private void grantRealmManagement(String inRealm, String userId, String... roles) {
        String managementId = admin.clientUuid(inRealm, "realm-management");
        ArrayNode list = Http.JSON.createArrayNode();
        for (String role : roles) {
            list.add(admin.getJson("/" + inRealm + "/clients/" + managementId + "/roles/" + role));
        }
        AdminApi.expect(admin.post("/" + inRealm + "/users/" + userId + "/role-mappings/clients/" + managementId,
                list), 204, "grant realm-management roles");
    }

    /**
     * A (not bound) flow with a QR-login step whose limits are high: the phone-side endpoints apply the strictest
     * QR settings of the realm, and the default 20 approvals per address and minute would answer most of the
     * attack with 429 before the parser.
     */
    private void raiseQrLimits() {
        String alias = "hostile-qr";
        ObjectNode flow = Http.JSON.createObjectNode().put("alias", alias).put("providerId", "basic-flow")
                .put("topLevel", true).put("builtIn", false);
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows", flow), 201, "create flow");
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows/" + alias + "/executions/execution",
                Map.of("provider", "usso-qr-login")), 201, "add usso-qr-login");
        String execution = admin.getJson("/" + realm + "/authentication/flows/" + alias + "/executions").get(0)
                .get("id").asText();
        AdminApi.expect(admin.post("/" + realm + "/authentication/executions/" + execution + "/config",
                Map.of("alias", "hostile-qr-limits", "config", Map.of("rate.scan.per.minute", "10000",
                        "rate.approve.per.minute", "10000", "rate.enter.per.window", "1000"))), 201,
                "QR limits");
    }

    /** A browser signed in to the tenant through the API-key account page. */
    private RawHttp signedInBrowser() {
        RawHttp b = RawHttp.withCookies();
        try {
            Http.Response toLogin = b.get(realmUrl() + "/api-keys/account");
            AdminApi.expect(toLogin, 302, "account page without a session");
            Http.Response login = b.get(toLogin.header("Location"));
            AdminApi.expect(login, 200, "login page");
            Http.Response back = b.postForm(OidcLogin.formAction(login.body(), "kc-form-login"),
                    Map.of("username", USER, "password", PASSWORD, "credentialId", ""));
            if (back.status() == 200 && back.body().contains("name=\"password\"")) {
                // identity-first: the tenant has workspaces (organizations), the password comes on a second form
                back = b.postForm(OidcLogin.formAction(back.body(), "kc-form-login"),
                        Map.of("password", PASSWORD, "credentialId", ""));
            }
            AdminApi.expect(back, 302, "login");
            String next = back.header("Location");
            for (int i = 0; i < 3 && next != null; i++) {
                Http.Response r = b.get(URI.create(realmUrl()).resolve(next).toString());
                next = r.status() == 302 || r.status() == 303 ? r.header("Location") : null;
                if (r.status() == 200) {
                    assertTrue(CSRF.matcher(r.body()).find(), "account page with a CSRF token: " + r.body());
                    return b;
                }
            }
            throw new AssertionError("the account page did not open after signing in");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The token with one signature character changed (not the last: it may carry only padding bits). */
    private static String tampered(String jwt) {
        int i = jwt.lastIndexOf('.') + 10;
        char c = jwt.charAt(i);
        return jwt.substring(0, i) + (c == 'A' ? 'B' : 'A') + jwt.substring(i + 1);
    }

    private static String random(int length) {
        String s = UssoServer.randomSecret().replaceAll("[^A-Za-z0-9_-]", "x");
        while (s.length() < length) {
            s += UssoServer.randomSecret().replaceAll("[^A-Za-z0-9_-]", "x");
        }
        return s.substring(0, length);
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "…(" + one.length() + ")" : one;
    }
}
