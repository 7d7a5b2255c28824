package io.usso.keycloak.it.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Telegram identity provider's broker endpoint over plain HTTP (a cookie-keeping client plays the browser):
 * Keycloak's login page links to the provider, the provider sends the browser to Telegram's authorisation page
 * with the bot id, this server's origin and a {@code return_to} carrying Keycloak's broker state; data signed with
 * the tenant's bot token continues Keycloak's first-broker-login, once. Tampered hashes and fields, another bot's
 * data, missing fields, old and future {@code auth_date}, replays, malformed data, missing, foreign and other
 * tenants' state are refused with a 400 page (never a 5xx) and an {@code IDENTITY_PROVIDER_LOGIN_ERROR} event
 * whose {@code reason} names the refusal.
 */
class TelegramIdpHttpIT extends TenantIT {

    private static final String ALIAS = "telegram";
    private static final Pattern LEAK = Pattern.compile("Exception|\\bat (?:org|io|java)\\.");
    private static final AtomicLong IDS = new AtomicLong(800_000_000L + (System.nanoTime() % 1_000_000));

    private LoginWidgetFake telegram;
    private String otherRealm;
    private String otherBotToken;

    @Override
    protected void setUpTenant() {
        telegram = new LoginWidgetFake();
        LoginWidgetFake.addProvider(admin, realm, ALIAS, telegram.botToken, telegram.baseUrl(), Map.of());
        otherRealm = realm + "-b";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        otherBotToken = LoginWidgetFake.newBotToken();
        LoginWidgetFake.addProvider(admin, otherRealm, ALIAS, otherBotToken, telegram.baseUrl(), Map.of());
    }

    @AfterAll
    void tearDown() {
        if (telegram != null) {
            telegram.close();
        }
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    /** One sign-in on the suite's server. */
    private final class Attempt {
        private final LoginWidgetAttempt a;
        final Http browser;
        final URI authorisation;
        final Map<String, String> telegramQuery;
        final String endpoint;
        final String state;

        Attempt(String realmUrl) {
            a = new LoginWidgetAttempt(server.baseUrl(), realmUrl, ALIAS);
            browser = a.browser;
            authorisation = a.authorisation;
            telegramQuery = a.telegramQuery;
            endpoint = a.endpoint;
            state = a.state;
        }

        Http.Response post(String tgAuthResult) {
            return a.post(tgAuthResult);
        }

        Http.Response post(Http client, String withState, String tgAuthResult) {
            return LoginWidgetAttempt.post(client, endpoint, withState, tgAuthResult);
        }
    }

    private static LoginWidgetFake.Person person() {
        long id = IDS.incrementAndGet();
        return new LoginWidgetFake.Person(id, "Tara", "Tester", "tara" + id, "https://t.me/i/userpic/320/t.jpg");
    }

    private Map<String, String> signed(LoginWidgetFake.Person p) {
        return LoginWidgetFake.signed(p.fields(), LoginWidgetFake.now(), telegram.botToken);
    }

    private static void continues(Http.Response r) {
        assertEquals(302, r.status(), "continues the broker flow: " + r.body());
        assertTrue(r.header("Location").contains("/login-actions/first-broker-login"), r.header("Location"));
    }

    private long events(String reason) {
        return events(realm, reason);
    }

    private long events(String inRealm, String reason) {
        long n = 0;
        for (JsonNode e : admin.getJson("/" + inRealm + "/events?type=IDENTITY_PROVIDER_LOGIN_ERROR&max=500")) {
            if (reason.equals(e.path("details").path("reason").asText())
                    && ALIAS.equals(e.path("details").path("identity_provider").asText())) {
                n++;
            }
        }
        return n;
    }

    private void refused(String what, Http.Response r, String reason, long eventsBefore) {
        refused(what, realm, r, reason, eventsBefore);
    }

    private void refused(String what, String inRealm, Http.Response r, String reason, long eventsBefore) {
        assertEquals(400, r.status(), what + ": " + r.body());
        String type = r.header("Content-Type") == null ? "" : r.header("Content-Type").toLowerCase(Locale.ROOT);
        assertTrue(type.startsWith("text/html"), what + ": " + type);
        assertFalse(LEAK.matcher(r.body()).find(), what + " leaks: " + r.body());
        assertNull(r.header("Location"), what);
        assertEquals(eventsBefore + 1, events(inRealm, reason), what + ": one event with reason " + reason);
    }

    @Test
    void theProviderSendsTheBrowserToTelegramWithTheBotOriginAndState() throws Exception {
        Attempt a = new Attempt(realmUrl());
        assertEquals(telegram.baseUrl() + "/auth", a.authorisation.getScheme() + "://"
                + a.authorisation.getRawAuthority() + a.authorisation.getRawPath());
        assertEquals(telegram.botToken.substring(0, telegram.botToken.indexOf(':')), a.telegramQuery.get("bot_id"));
        assertEquals(server.baseUrl(), a.telegramQuery.get("origin"));
        assertEquals(realmUrl() + "/broker/" + ALIAS + "/endpoint", a.endpoint);
        assertTrue(a.state != null && !a.state.isBlank(), "return_to carries Keycloak's broker state");
        assertFalse(a.telegramQuery.containsKey("request_access"), "write access only when configured");
        assertFalse(a.authorisation.toString().contains(telegram.botToken.substring(telegram.botToken.indexOf(':') + 1)),
                "the bot token's secret never leaves the server");

        ObjectNode idp = (ObjectNode) admin.getJson("/" + realm + "/identity-provider/instances/" + ALIAS);
        ((ObjectNode) idp.get("config")).put("requestWriteAccess", "true");
        AdminApi.expect(admin.put("/" + realm + "/identity-provider/instances/" + ALIAS, idp), 204, "update idp");
        try {
            assertEquals("write", new Attempt(realmUrl()).telegramQuery.get("request_access"));
        } finally {
            ((ObjectNode) idp.get("config")).put("requestWriteAccess", "false");
            AdminApi.expect(admin.put("/" + realm + "/identity-provider/instances/" + ALIAS, idp), 204, "reset idp");
        }
    }

    @Test
    void theCallbackPageCarriesTheStateAndPostsBackHere() {
        Attempt a = new Attempt(realmUrl());
        Http.Response page = a.browser.get(a.endpoint + "?state=" + Http.enc(a.state));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("id=\"usso-tg-form\""), page.body());
        assertTrue(page.body().contains("js/usso-telegram-callback.js"), page.body());
        assertEquals(a.endpoint, OidcLogin.formAction(page.body(), "usso-tg-form"));
        assertTrue(page.body().contains("value=\"" + a.state + "\""), "the state goes back in the form");
        assertEquals("no-store, must-revalidate, max-age=0", page.header("Cache-Control"));
    }

    @Test
    void signedDataContinuesKeycloaksFirstBrokerLoginOnce() {
        Map<String, String> data = signed(person());
        continues(new Attempt(realmUrl()).post(LoginWidgetFake.authResult(data)));

        long before = events("replayed");
        refused("replay in another sign-in", new Attempt(realmUrl()).post(LoginWidgetFake.authResult(data)),
                "replayed", before);
    }

    @Test
    void theQueryStringFormOfDataAuthUrlIsAcceptedToo() {
        Attempt a = new Attempt(realmUrl());
        Map<String, String> query = new LinkedHashMap<>(signed(person()));
        query.put("state", a.state);
        continues(a.browser.get(a.endpoint + "?" + Http.form(query)));

        Attempt b = new Attempt(realmUrl());
        long before = events("malformed");
        refused("a field twice", b.browser.get(b.endpoint + "?" + Http.form(query) + "&id=1"), "malformed", before);
    }

    /**
     * Keycloak's broker state is single use (its session code): each refused post ends that sign-in, so each case
     * starts its own; the valid data posted on a spent state does not continue, and is still good for a new sign-in
     * (the state is checked before the data claims its hash).
     */
    @Test
    void badDataIsRefusedWithItsReason() {
        LoginWidgetFake.Person p = person();

        Map<String, String> tamperedHash = signed(p);
        char first = tamperedHash.get("hash").charAt(0);
        tamperedHash.put("hash", (first == 'a' ? 'b' : 'a') + tamperedHash.get("hash").substring(1));
        Map<String, String> tamperedField = signed(p);
        tamperedField.put("id", Long.toString(p.id() + 1));
        Map<String, String> otherBot = LoginWidgetFake.signed(p.fields(), LoginWidgetFake.now(),
                LoginWidgetFake.newBotToken());
        Map<String, String> extraField = signed(p);
        extraField.put("is_bot_admin", "true");
        Map<String, String> old = LoginWidgetFake.signed(p.fields(), LoginWidgetFake.now() - 301, telegram.botToken);
        Map<String, String> future = LoginWidgetFake.signed(p.fields(), LoginWidgetFake.now() + 120,
                telegram.botToken);

        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("bad_hash tampered hash", tamperedHash);
        cases.put("bad_hash tampered id", tamperedField);
        cases.put("bad_hash another bot's data", otherBot);
        cases.put("bad_hash unsigned extra field", extraField);
        cases.put("expired auth_date 301 s old", old);
        cases.put("future auth_date 2 min ahead", future);
        for (String field : new String[] {"hash", "id", "auth_date"}) {
            Map<String, String> missing = signed(p);
            missing.remove(field);
            cases.put("missing_field " + field, missing);
        }
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            String reason = c.getKey().substring(0, c.getKey().indexOf(' '));
            long before = events(reason);
            refused(c.getKey(), new Attempt(realmUrl()).post(LoginWidgetFake.authResult(c.getValue())), reason,
                    before);
        }

        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("not base64", "%%%");
        malformed.put("a JSON array", java.util.Base64.getUrlEncoder().encodeToString("[1,2]".getBytes()));
        malformed.put("an object field", java.util.Base64.getUrlEncoder()
                .encodeToString("{\"id\":{\"x\":1},\"auth_date\":1,\"hash\":\"00\"}".getBytes()));
        malformed.put("huge", "A".repeat(10_000));
        for (Map.Entry<String, String> c : malformed.entrySet()) {
            long before = events("malformed");
            refused(c.getKey(), new Attempt(realmUrl()).post(c.getValue()), "malformed", before);
        }
        Attempt spent = new Attempt(realmUrl());
        long before = events("missing_field");
        refused("no tgAuthResult", spent.post(null), "missing_field", before);

        String valid = LoginWidgetFake.authResult(signed(p));
        Http.Response again = spent.post(valid);
        assertTrue(again.status() < 500, "spent state: " + again.status() + " " + again.body());
        assertFalse(String.valueOf(again.header("Location")).contains("first-broker-login"),
                "a refused sign-in does not continue");
        continues(new Attempt(realmUrl()).post(valid));
    }

    @Test
    void theStateIsRequiredAndBelongsToThisBrowserAndTenant() {
        Attempt a = new Attempt(realmUrl());
        Map<String, String> data = signed(person());
        String result = LoginWidgetFake.authResult(data);

        long before = events("missing_state");
        refused("no state", a.post(a.browser, null, result), "missing_state", before);

        Http.Response garbage = a.post(a.browser, "not-a-broker-state", result);
        assertTrue(garbage.status() < 500, "garbage state: " + garbage.status() + " " + garbage.body());
        assertFalse(String.valueOf(garbage.header("Location")).contains("first-broker-login"));

        Http.Response stranger = a.post(Http.withCookies(), a.state, result);
        assertTrue(stranger.status() < 500, "another browser: " + stranger.status() + " " + stranger.body());
        assertFalse(String.valueOf(stranger.header("Location")).contains("first-broker-login"),
                "another browser cannot use this sign-in's state");

        Attempt b = new Attempt(server.realmUrl(otherRealm));
        Http.Response foreignState = b.browser.postForm(b.endpoint, Map.of("state", a.state, "tgAuthResult", result));
        assertTrue(foreignState.status() < 500, "another tenant's state: " + foreignState.status());
        assertFalse(String.valueOf(foreignState.header("Location")).contains("first-broker-login"),
                "a state of one tenant does not continue a sign-in of another");
        long otherBefore = events(otherRealm, "bad_hash");
        refused("data of tenant A's bot at tenant B", otherRealm, b.post(result), "bad_hash", otherBefore);

        continues(a.post(result));
    }
}
