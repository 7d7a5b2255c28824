package io.usso.keycloak.it.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks end to end against the real distribution: a tenant admin subscribes a local receiver
 * ({@link WebhookReceiver}, which checks signatures with its own HMAC), Keycloak registrations and admin changes
 * arrive signed with the user's profile attributes, a receiver that is down is retried until it answers (one
 * successful delivery per id), 410 disables the subscription, private targets and bad input are refused, and tenants
 * see and receive only their own.
 */
class WebhooksIT extends TenantIT {

    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String PASSWORD = "Webhooks-IT-2026!";
    private static final Duration SOON = Duration.ofSeconds(15);

    private final Http http = Http.plain();
    private WebhookReceiver receiver;
    private String adminToken;
    private String otherRealm;
    private String otherAdminToken;

    @Override
    protected void setUpTenant() {
        receiver = new WebhookReceiver();
        adminToken = tenantAdminToken(realm, "hook-admin", "manage-events");
        addProfileAttribute(realm, "company");
        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Tenant B"));
        otherAdminToken = tenantAdminToken(otherRealm, "hook-admin-b", "manage-realm");
    }

    @AfterAll
    void cleanUp() {
        if (receiver != null) {
            receiver.close();
        }
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void aRegistrationThroughKeycloaksFormArrivesSignedWithTheAttributesTheUserEntered() {
        JsonNode hook = create(realm, adminToken, receiver.url("/registered"), "REGISTER");
        String secret = hook.get("secret").asText();
        assertTrue(secret.startsWith("whsec_"), "secret format");
        assertTrue(java.util.Base64.getDecoder().decode(secret.substring(6)).length >= 24, "secret strength");
        assertFalse(get(realm, adminToken, hook.get("id").asText()).body().contains(secret),
                "the secret is shown at creation only");

        setRegistrationAllowed(realm, true);
        String username = "newcomer-" + UssoServer.randomSecret().substring(0, 6).toLowerCase();
        long started = System.nanoTime();
        register(username, "Acme Ltd");

        WebhookReceiver.Received got = receiver.await("/registered",
                r -> r.body().contains("\"" + username + "\""), SOON);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(got.signedWith(secret), "signature verifies: " + got.signature());
        assertFalse(got.signedWith("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
                "another secret does not verify");
        assertTrue(got.id().startsWith("msg_"), "webhook-id");
        assertTrue(Math.abs(Long.parseLong(got.timestamp()) - System.currentTimeMillis() / 1000) < 60, "timestamp");
        JsonNode body = got.json();
        assertEquals("REGISTER", body.get("type").asText());
        assertEquals(realm, body.get("tenant").asText());
        assertEquals(username, body.at("/user/username").asText());
        assertEquals(username + "@example.org", body.at("/user/email").asText());
        assertEquals("Acme Ltd", body.at("/user/attributes/company/0").asText(), body.toString());
        assertEquals(SPA, body.get("client").asText());
        assertNotNull(body.get("id").asText());
        assertNotNull(body.get("time").asText());
        assertTrue(body.has("ip") && body.has("details"));
        System.out.printf("[webhooks-it] registration to webhook: %d ms%n", millis);
        assertTrue(millis < 10_000, "delivered right after the commit, not on a slow schedule: " + millis + " ms");
        setRegistrationAllowed(realm, false);
    }

    @Test
    void aReceiverThatIsDownIsRetriedUntilItAnswersAndGetsTheEventOnce() {
        receiver.answer("/flaky", 503, 503, 503);
        JsonNode hook = create(realm, adminToken, receiver.url("/flaky"), "admin:USER");
        String userId = admin.createUser(realm, "flaky-" + UssoServer.randomSecret().substring(0, 5).toLowerCase(),
                PASSWORD, Map.of("attributes", Map.of("company", List.of("Down Inc"))));

        WebhookReceiver.Received ok = receiver.await("/flaky", r -> r.answered() == 200, Duration.ofSeconds(40));
        WebhookReceiver.sleep(3000);
        List<WebhookReceiver.Received> all = receiver.on("/flaky");
        assertEquals(4, all.size(), "three 503s and one 200: " + all);
        assertEquals(1, all.stream().filter(r -> r.answered() == 200).count(), "exactly one success");
        assertEquals(Set.of(ok.id()), all.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet()),
                "the same webhook-id on every attempt");
        assertTrue(all.stream().allMatch(r -> r.signedWith(hook.get("secret").asText())));
        JsonNode body = ok.json();
        assertEquals("admin:USER:CREATE", body.get("type").asText());
        assertEquals(userId, body.at("/user/id").asText());
        assertEquals("Down Inc", body.at("/user/attributes/company/0").asText(), body.toString());

        JsonNode deliveries = http.get(base(realm) + "/" + hook.get("id").asText() + "/deliveries",
                auth(adminToken)).json();
        assertEquals(1, deliveries.size(), deliveries.toString());
        JsonNode delivery = deliveries.get(0);
        assertEquals(ok.id(), delivery.get("id").asText());
        assertEquals("DELIVERED", delivery.get("status").asText());
        assertEquals(4, delivery.get("attempts").asInt());
        assertEquals(List.of(503, 503, 503, 200), statuses(delivery.get("attempt_log")));

        // manual redelivery: the same id once more
        Http.Response again = http.postJson(base(realm) + "/" + hook.get("id").asText() + "/deliveries/"
                + ok.id() + "/redeliver", "{}", auth(adminToken));
        assertEquals(202, again.status(), again.body());
        receiver.await("/flaky", r -> receiver.on("/flaky").size() == 5, SOON);
        assertEquals(ok.id(), receiver.on("/flaky").get(4).id());
        delete(realm, adminToken, hook.get("id").asText());
    }

    @Test
    void pendingDeliveriesSurviveARestart() {
        receiver.always("/restart", 503);
        JsonNode hook = create(realm, adminToken, receiver.url("/restart"), "admin:USER");
        String userId = admin.createUser(realm, "restart-" + UssoServer.randomSecret().substring(0, 5).toLowerCase(),
                PASSWORD, Map.of());
        WebhookReceiver.Received first = receiver.await("/restart", r -> r.body().contains(userId), SOON);
        server.restart();
        receiver.answer("/restart");
        WebhookReceiver.Received ok = receiver.await("/restart", r -> r.answered() == 200, Duration.ofSeconds(60));
        assertEquals(first.id(), ok.id(), "the same delivery, resumed after the restart");
        assertTrue(ok.signedWith(hook.get("secret").asText()));
        WebhookReceiver.sleep(2000);
        assertEquals(1, receiver.on("/restart").stream().filter(r -> r.answered() == 200).count());
        // fresh sign-ins for the tests that follow (sessions are persistent, but nothing here relies on it)
        adminToken = tenantAdminToken(realm, "hook-admin-after-restart", "manage-events");
        otherAdminToken = tenantAdminToken(otherRealm, "hook-admin-b-after-restart", "manage-realm");
        delete(realm, adminToken, hook.get("id").asText());
    }

    @Test
    void goneDisablesTheSubscription() {
        receiver.always("/gone", 410);
        JsonNode hook = create(realm, adminToken, receiver.url("/gone"), "admin:USER");
        String id = hook.get("id").asText();
        admin.createUser(realm, "gone-1", PASSWORD, Map.of());
        receiver.await("/gone", r -> true, SOON);
        JsonNode after = awaitJson(() -> get(realm, adminToken, id).json(), j -> !j.get("active").asBoolean());
        assertEquals("receiver_gone_410", after.get("disabled_reason").asText());
        admin.createUser(realm, "gone-2", PASSWORD, Map.of());
        WebhookReceiver.sleep(3000);
        assertEquals(1, receiver.on("/gone").size(), "nothing more after 410");
        delete(realm, adminToken, id);
    }

    @Test
    void aRotatedSecretSignsNextToThePreviousOne() {
        JsonNode hook = create(realm, adminToken, receiver.url("/rotated"), "admin:USER");
        String id = hook.get("id").asText();
        String old = hook.get("secret").asText();
        Http.Response rotated = http.postJson(base(realm) + "/" + id + "/rotate-secret",
                Map.of("grace_seconds", 600), auth(adminToken));
        assertEquals(200, rotated.status(), rotated.body());
        String fresh = rotated.json().get("secret").asText();
        assertFalse(fresh.equals(old));
        admin.createUser(realm, "rotated-1", PASSWORD, Map.of());
        WebhookReceiver.Received got = receiver.await("/rotated", r -> true, SOON);
        assertEquals(2, got.signature().split(" ").length, got.signature());
        assertTrue(got.signedWith(old) && got.signedWith(fresh), "both secrets verify during the grace window");
        delete(realm, adminToken, id);
    }

    @Test
    void ed25519SigningVerifiesWithThePublishedPublicKeyAlone() {
        Http.Response r = http.postJson(base(realm), Map.of("url", receiver.url("/ed25519"), "event_types",
                List.of("admin:USER"), "signing", "ed25519"), auth(adminToken));
        assertEquals(201, r.status(), r.body());
        JsonNode hook = r.json();
        assertFalse(hook.has("secret"), "no shared secret, no private key shown");
        String publicKey = hook.get("public_key").asText();
        assertTrue(publicKey.startsWith("whpk_"), publicKey);
        assertEquals(publicKey, get(realm, adminToken, hook.get("id").asText()).json().get("public_key").asText());
        String userId = admin.createUser(realm, "ed-" + UssoServer.randomSecret().substring(0, 5).toLowerCase(),
                PASSWORD, Map.of());
        WebhookReceiver.Received got = receiver.await("/ed25519", x -> x.body().contains(userId), SOON);
        assertTrue(got.signature().startsWith("v1a,"), got.signature());
        assertTrue(WebhookReceiver.signedWithPublicKey(got, publicKey), "v1a verifies with the public key");
        Http.Response other = http.postJson(base(realm), Map.of("url", receiver.url("/x"), "event_types",
                List.of("admin:USER"), "signing", "ed25519"), auth(adminToken));
        String otherKey = other.json().get("public_key").asText();
        assertFalse(WebhookReceiver.signedWithPublicKey(got, otherKey), "another key does not verify");
        Http.Response change = http.putJson(base(realm) + "/" + hook.get("id").asText(), Map.of("signing", "hmac"),
                auth(adminToken));
        assertEquals(400, change.status(), change.body());
        delete(realm, adminToken, hook.get("id").asText());
        delete(realm, adminToken, other.json().get("id").asText());
    }

    @Test
    void privateTargetsAndPlainHttpAreRefusedAtCreation() {
        for (String url : List.of("https://10.20.30.40/hook", "https://169.254.169.254/latest/meta-data",
                "https://[fd00::1]/hook", "http://hooks.example.com/plain", "http://127.0.0.1:1/not-listed-port",
                "https://user:pw@hooks.example.com/", "ftp://hooks.example.com/")) {
            Http.Response r = http.postJson(base(realm), Map.of("url", url, "event_types", List.of("REGISTER")),
                    auth(adminToken));
            assertEquals(400, r.status(), url + ": " + r.body());
            assertEquals("invalid_request", r.json().get("error").asText());
        }
    }

    @Test
    void badInputIsA4xxWithAJsonError() {
        String url = receiver.url("/bad");
        Object[] bodies = {"not json", "[]", Map.of("url", url), Map.of("url", url, "event_types", List.of()),
            Map.of("url", url, "event_types", List.of("CODE_TO_TOKEN")), Map.of("url", 5, "event_types", "LOGIN"),
            Map.of("url", url, "event_types", List.of("LOGIN"), "active", "yes"),
            Map.of("url", url, "event_types", List.of("LOGIN"), "secret", "whsec_mine")};
        for (Object body : bodies) {
            Http.Response r = http.postJson(base(realm), body, auth(adminToken));
            assertEquals(400, r.status(), body + ": " + r.body());
            assertNotNull(r.json().get("error_description"), r.body());
        }
        Http.Response form = http.postForm(base(realm), Map.of("url", url), auth(adminToken));
        assertEquals(400, form.status(), form.body());
        assertEquals(404, get(realm, adminToken, "00000000-0000-0000-0000-000000000000").status());
        assertEquals(404, get(realm, adminToken, "x".repeat(300)).status());
        assertEquals(401, http.get(base(realm)).status(), "no token");
        Http.Response rotate = http.postJson(base(realm) + "/00000000-0000-0000-0000-000000000000/rotate-secret",
                Map.of("grace_seconds", -1), auth(adminToken));
        assertEquals(404, rotate.status());
    }

    @Test
    void tenantsSeeAndReceiveOnlyTheirOwn() {
        JsonNode mine = create(realm, adminToken, receiver.url("/tenant-a"), "admin:USER");
        JsonNode theirs = create(otherRealm, otherAdminToken, receiver.url("/tenant-b"), "admin:USER");
        String mineId = mine.get("id").asText();

        // B's admin: A's endpoint refuses B's token, B's endpoint does not know A's webhook
        assertEquals(401, http.get(base(realm), auth(otherAdminToken)).status());
        assertEquals(404, get(otherRealm, otherAdminToken, mineId).status());
        assertEquals(404, http.delete(base(otherRealm) + "/" + mineId, auth(otherAdminToken)).status());
        assertEquals(404, http.get(base(otherRealm) + "/" + mineId + "/deliveries", auth(otherAdminToken))
                .status());
        assertFalse(http.get(base(otherRealm), auth(otherAdminToken)).body().contains(mineId));
        assertEquals(200, get(realm, adminToken, mineId).status(), "A's webhook is still there");

        // a user of A without manage-realm / manage-events
        String plainUser = admin.createUser(realm, "plain-user", PASSWORD, Map.of());
        assertNotNull(plainUser);
        String plainToken = new OidcLogin(realmUrl(), SPA, REDIRECT).login("plain-user", PASSWORD, "openid")
                .get("access_token").asText();
        Http.Response denied = http.get(base(realm), auth(plainToken));
        assertTrue(denied.status() == 401 || denied.status() == 403, denied.status() + " " + denied.body());
        assertNotNull(denied.json().get("error"));

        // an event of B reaches B's receiver only
        String bUser = admin.createUser(otherRealm, "b-user-" + UssoServer.randomSecret().substring(0, 5)
                .toLowerCase(), PASSWORD, Map.of());
        WebhookReceiver.Received atB = receiver.await("/tenant-b", r -> r.body().contains(bUser), SOON);
        assertEquals(otherRealm, atB.json().get("tenant").asText());
        assertTrue(atB.signedWith(theirs.get("secret").asText()));
        WebhookReceiver.sleep(2000);
        assertTrue(receiver.on("/tenant-a").stream().noneMatch(r -> r.body().contains(bUser)),
                "B's event never goes to A's subscription");
        assertTrue(receiver.on("/tenant-a").stream().allMatch(r -> r.json().get("tenant").asText().equals(realm)));
        delete(realm, adminToken, mineId);
        delete(otherRealm, otherAdminToken, theirs.get("id").asText());
    }

    // ------------------------------------------------------------------ helpers

    private String base(String inRealm) {
        return server.realmUrl(inRealm) + "/webhooks";
    }

    private static String[] auth(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private JsonNode create(String inRealm, String token, String url, String... types) {
        Http.Response r = http.postJson(base(inRealm), Map.of("url", url, "event_types", List.of(types)),
                auth(token));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private Http.Response get(String inRealm, String token, String id) {
        return http.get(base(inRealm) + "/" + id, auth(token));
    }

    private void delete(String inRealm, String token, String id) {
        assertEquals(204, http.delete(base(inRealm) + "/" + id, auth(token)).status());
    }

    private static List<Integer> statuses(JsonNode log) {
        List<Integer> out = new java.util.ArrayList<>();
        log.forEach(a -> out.add(a.get("http_status").asInt()));
        return out;
    }

    private static JsonNode awaitJson(java.util.function.Supplier<JsonNode> read,
            java.util.function.Predicate<JsonNode> test) {
        JsonNode last = null;
        for (int i = 0; i < 100; i++) {
            last = read.get();
            if (test.test(last)) {
                return last;
            }
            WebhookReceiver.sleep(100);
        }
        throw new AssertionError("condition not reached: " + last);
    }

    /** A user of the tenant holding one realm-management role, signed in through the SPA (browser flow). */
    private String tenantAdminToken(String inRealm, String username, String role) {
        String userId = admin.createUser(inRealm, username, PASSWORD, Map.of());
        String managementId = admin.clientUuid(inRealm, "realm-management");
        ArrayNode list = Http.JSON.createArrayNode();
        list.add(admin.getJson("/" + inRealm + "/clients/" + managementId + "/roles/" + role));
        AdminApi.expect(admin.post("/" + inRealm + "/users/" + userId + "/role-mappings/clients/" + managementId,
                list), 204, "grant " + role);
        return new OidcLogin(server.realmUrl(inRealm), SPA, REDIRECT).login(username, PASSWORD, "openid")
                .get("access_token").asText();
    }

    private void addProfileAttribute(String inRealm, String name) {
        ObjectNode config = (ObjectNode) admin.getJson("/" + inRealm + "/users/profile");
        ObjectNode attribute = ((ArrayNode) config.get("attributes")).addObject();
        attribute.put("name", name);
        attribute.put("displayName", "Company");
        ObjectNode permissions = attribute.putObject("permissions");
        permissions.putArray("view").add("admin").add("user");
        permissions.putArray("edit").add("admin").add("user");
        attribute.put("multivalued", false);
        AdminApi.expect(admin.put("/" + inRealm + "/users/profile", config), 200, "user profile");
    }

    private void setRegistrationAllowed(String inRealm, boolean allowed) {
        ObjectNode rep = (ObjectNode) admin.getJson("/" + inRealm);
        rep.put("registrationAllowed", allowed);
        AdminApi.expect(admin.put("/" + inRealm, rep), 204, "registration " + allowed);
    }

    /** Keycloak's registration form, driven over HTTP as a browser would. */
    private void register(String username, String company) {
        Http browser = Http.withCookies();
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        String url = realmUrl() + "/protocol/openid-connect/registrations?" + Http.form(Map.of(
                "client_id", SPA, "redirect_uri", REDIRECT, "response_type", "code", "scope", "openid",
                "state", "s1", "code_challenge", OidcLogin.s256(verifier), "code_challenge_method", "S256"));
        Http.Response page = browser.get(url);
        AdminApi.expect(page, 200, "registration page");
        assertTrue(page.body().contains("name=\"company\""), "the form asks for the profile attribute");
        String action = OidcLogin.formAction(page.body(), "kc-register-form");
        Http.Response done = browser.postForm(action, Map.of("firstName", "New", "lastName", "Comer",
                "email", username + "@example.org", "username", username, "password", PASSWORD,
                "password-confirm", PASSWORD, "company", company));
        // 302 back to the app, or the next required action's page (e-mail verification)
        assertTrue(done.status() == 302 || (done.status() == 200 && !done.body().contains("kc-register-form")),
                "registered: " + done.status() + " " + done.body());
    }
}
