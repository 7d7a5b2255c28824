package io.usso.keycloak.it.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Jwks;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mini App sign-in: the token grant {@code urn:usso:params:oauth:grant-type:telegram-init-data} against the real
 * distribution, with initData signed in the test by the tenant's (test) bot token, and Ed25519-signed by a key pair
 * the tenant takes for Telegram's.
 */
class TelegramMiniAppIT extends TenantIT {

    static final String GRANT = "urn:usso:params:oauth:grant-type:telegram-init-data";
    private static final String ALIAS = "telegram";
    private static final String BOT_ID = "6100000001";
    private static final String LISTED_BOT = "7100000001";
    private static final String UNLISTED_BOT = "7100000002";
    private static final AtomicLong TELEGRAM_IDS = new AtomicLong(500_000_000L + (System.nanoTime() % 1_000_000));

    private final String botToken = MiniAppInitData.botToken(BOT_ID);
    private final KeyPair telegram = MiniAppInitData.ed25519();
    private final String backendSecret = UssoServer.randomSecret();

    @Override
    protected void setUpTenant() {
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", provider(Map.of())), 201,
                "create Telegram identity provider");
        ObjectNode miniApp = Http.JSON.createObjectNode();
        miniApp.put("clientId", "miniapp");
        miniApp.put("enabled", true);
        miniApp.put("publicClient", true);
        miniApp.put("standardFlowEnabled", false);
        miniApp.putObject("attributes").put("usso.telegram-mini-app", "true");
        admin.createClient(realm, miniApp);
        admin.assignClientScope(realm, "miniapp", ApiScopes.API_KEYS, false);
        admin.assignClientScope(realm, "miniapp", ApiScopes.QR_APPROVE, false);
        admin.createClient(realm, AdminApi.confidentialClient("backend", backendSecret, false));
    }

    private ObjectNode provider(Map<String, String> extra) {
        ObjectNode idp = Http.JSON.createObjectNode();
        idp.put("alias", ALIAS);
        idp.put("providerId", "telegram");
        idp.put("enabled", true);
        ObjectNode config = idp.putObject("config");
        config.put("botUsername", "usso_test_bot");
        config.put("botToken", botToken);
        config.put("miniAppThirdPartyBotIds", LISTED_BOT);
        config.put("miniAppTelegramPublicKey", MiniAppInitData.rawHex(telegram));
        extra.forEach(config::put);
        return idp;
    }

    private void reconfigure(Map<String, String> extra, boolean linkOnly) {
        ObjectNode idp = provider(extra);
        idp.put("linkOnly", linkOnly);
        AdminApi.expect(admin.put("/" + realm + "/identity-provider/instances/" + ALIAS, idp), 204, "update idp");
    }

    private Http.Response grant(String clientId, String secret, String initData, String botId, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        if (initData != null) {
            form.put("init_data", initData);
        }
        if (botId != null) {
            form.put("bot_id", botId);
        }
        if (scope != null) {
            form.put("scope", scope);
        }
        return Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", form);
    }

    private Http.Response grant(String initData) {
        return grant("miniapp", null, initData, null, null);
    }

    private String signed(long telegramId, long authDate) {
        return MiniAppInitData.encode(MiniAppInitData.withHash(
                MiniAppInitData.fields(telegramId, "Mina", "mina" + telegramId, authDate), botToken));
    }

    private static void refused(Http.Response r, String error, String descriptionPart) {
        assertEquals(400, r.status(), r.body());
        assertEquals(error, r.json().path("error").asText(), r.body());
        assertTrue(r.json().path("error_description").asText().contains(descriptionPart), r.body());
    }

    private JsonNode claims(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        return Jwks.fetch(realmUrl()).verify(r.json().get("access_token").asText());
    }

    private JsonNode federatedIdentities(String userId) {
        return admin.getJson("/" + realm + "/users/" + userId + "/federated-identity");
    }

    @Test
    void aNewTelegramUserGetsOneLinkedAccountAndKeepsIt() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        Http.Response first = grant(signed(tg, MiniAppInitData.now()));
        JsonNode claims = claims(first);
        String userId = claims.get("sub").asText();
        assertEquals(List.of("telegram"), strings(claims.get("amr")));
        assertEquals("miniapp", claims.get("azp").asText());
        assertTrue(claims.hasNonNull("sid"), "a stored user session: " + claims);
        assertTrue(first.json().hasNonNull("refresh_token"), "the Mini App can stay signed in");

        JsonNode user = admin.getJson("/" + realm + "/users/" + userId);
        assertEquals("telegram-" + tg, user.get("username").asText());
        assertEquals("Mina", user.get("firstName").asText());
        JsonNode links = federatedIdentities(userId);
        assertEquals(1, links.size(), links.toString());
        assertEquals(ALIAS, links.get(0).get("identityProvider").asText());
        assertEquals(Long.toString(tg), links.get(0).get("userId").asText());

        // a later launch of the Mini App: fresh initData, same person, same account
        JsonNode again = claims(grant(signed(tg, MiniAppInitData.now() - 5)));
        assertEquals(userId, again.get("sub").asText());
        assertNotEquals(claims.get("sid").asText(), again.get("sid").asText());

        // refresh works like any stored session
        Http.Response refreshed = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", "miniapp",
                "refresh_token", first.json().get("refresh_token").asText()));
        assertEquals(userId, claims(refreshed).get("sub").asText());

        String events = admin.getJson("/" + realm + "/events?type=REGISTER&max=50").toString();
        assertTrue(events.contains("TELEGRAM_MINI_APP_REGISTER") && events.contains(userId), events);
        String logins = admin.getJson("/" + realm + "/events?type=LOGIN&user=" + userId + "&max=50").toString();
        assertTrue(logins.contains("TELEGRAM_MINI_APP_LOGIN") && logins.contains("telegram-mini-app"), logins);
        assertFalse(logins.contains("hash"), "no initData in events");
    }

    @Test
    void anAccountLinkedByTheWidgetLoginIsTheOneSignedIn() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        String existing = admin.createUser(realm, "widget-" + tg, "Widget-Login-2026!", Map.of());
        ObjectNode link = Http.JSON.createObjectNode();
        link.put("identityProvider", ALIAS);
        link.put("userId", Long.toString(tg));
        link.put("userName", "mina" + tg);
        AdminApi.expect(admin.post("/" + realm + "/users/" + existing + "/federated-identity/" + ALIAS, link), 204,
                "link widget identity");
        assertEquals(existing, claims(grant(signed(tg, MiniAppInitData.now()))).get("sub").asText());
        assertEquals(1, federatedIdentities(existing).size());
        JsonNode byName = admin.getJson("/" + realm + "/users?username=telegram-" + tg + "&exact=true");
        assertEquals(0, byName.size(), "no second account: " + byName);
    }

    @Test
    void tamperedIncompleteOldAndReplayedDataIsRefused() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        Map<String, String> good = MiniAppInitData.withHash(
                MiniAppInitData.fields(tg, "Mina", "mina", MiniAppInitData.now()), botToken);

        Map<String, String> otherUser = new LinkedHashMap<>(good);
        otherUser.put("user", good.get("user").replace(Long.toString(tg), Long.toString(tg + 1)));
        refused(grant(MiniAppInitData.encode(otherUser)), "invalid_grant", "not signed for this tenant's bot");

        Map<String, String> noHash = new LinkedHashMap<>(good);
        noHash.remove("hash");
        refused(grant(MiniAppInitData.encode(noHash)), "invalid_grant", "no hash");

        Map<String, String> noUser = MiniAppInitData.fields(tg, "Mina", "mina", MiniAppInitData.now());
        noUser.remove("user");
        refused(grant(MiniAppInitData.encode(MiniAppInitData.withHash(noUser, botToken))), "invalid_grant",
                "no user");

        refused(grant(signed(tg, MiniAppInitData.now() - 3600)), "invalid_grant", "too old");
        refused(grant(signed(tg, MiniAppInitData.now() + 3600)), "invalid_grant", "future");

        String once = MiniAppInitData.encode(good);
        assertEquals(200, grant(once).status());
        refused(grant(once), "invalid_grant", "already used");

        String events = admin.getJson("/" + realm + "/events?type=LOGIN_ERROR&max=100").toString();
        for (String reason : List.of("bad_hash", "missing_hash", "missing_user", "expired", "future_auth_date",
                "replayed")) {
            assertTrue(events.contains("\"" + reason + "\""), reason + " in " + events);
        }
        assertFalse(events.contains(good.get("hash")), "hashes never in events");
    }

    @Test
    void dataOfAnotherBotNeedsTelegramsSignatureAndAListedBot() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        Map<String, String> fields = MiniAppInitData.fields(tg, "Omid", "omid", MiniAppInitData.now());
        // another bot's HMAC: the tenant does not have that token
        refused(grant(MiniAppInitData.encode(MiniAppInitData.withHash(fields,
                MiniAppInitData.botToken(LISTED_BOT)))), "invalid_grant", "not signed for this tenant's bot");

        Map<String, String> signedByTelegram = MiniAppInitData.withHash(
                MiniAppInitData.withSignature(fields, LISTED_BOT, telegram), MiniAppInitData.botToken(LISTED_BOT));
        String data = MiniAppInitData.encode(signedByTelegram);
        refused(grant("miniapp", null, data, UNLISTED_BOT, null), "invalid_grant", "not accepted by this tenant");
        Map<String, String> forged = MiniAppInitData.withSignature(fields, LISTED_BOT, MiniAppInitData.ed25519());
        refused(grant("miniapp", null, MiniAppInitData.encode(forged), LISTED_BOT, null), "invalid_grant",
                "signature is not valid");

        JsonNode claims = claims(grant("miniapp", null, data, LISTED_BOT, null));
        String userId = claims.get("sub").asText();
        assertEquals(Long.toString(tg), federatedIdentities(userId).get(0).get("userId").asText(),
                "the same Telegram identity, whichever bot's Mini App it came through");
        refused(grant("miniapp", null, data, LISTED_BOT, null), "invalid_grant", "already used");
        String logins = admin.getJson("/" + realm + "/events?type=LOGIN&user=" + userId + "&max=10").toString();
        assertTrue(logins.contains(LISTED_BOT), logins);
    }

    @Test
    void onlyOptedInClientsMayUseTheGrant() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        Http.Response notOptedIn = grant("backend", backendSecret, signed(tg, MiniAppInitData.now()), null, null);
        assertEquals(400, notOptedIn.status(), notOptedIn.body());
        assertEquals("unauthorized_client", notOptedIn.json().get("error").asText());
        Http.Response spa = grant("spa", null, signed(tg, MiniAppInitData.now()), null, null);
        assertEquals("unauthorized_client", spa.json().path("error").asText(), spa.body());

        // opting in with the client scope instead of the attribute
        Http.Response scopes = admin.get("/" + realm + "/client-scopes");
        if (scopes.body().contains("\"usso:telegram-mini-app\"")) {
            admin.assignClientScope(realm, "backend", "usso:telegram-mini-app", false);
        } else {
            ObjectNode scope = Http.JSON.createObjectNode();
            scope.put("name", "usso:telegram-mini-app");
            scope.put("protocol", "openid-connect");
            AdminApi.expect(admin.post("/" + realm + "/client-scopes", scope), 201, "create scope");
            admin.assignClientScope(realm, "backend", "usso:telegram-mini-app", false);
        }
        assertEquals(200, grant("backend", backendSecret, signed(tg, MiniAppInitData.now()), null, null).status());
        Http.Response wrongSecret = grant("backend", "nope", signed(tg, MiniAppInitData.now()), null, null);
        assertEquals(401, wrongSecret.status(), wrongSecret.body());
    }

    @Test
    void miniAppTokensAreNotInteractiveSignIns() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        Http.Response r = grant("miniapp", null, signed(tg, MiniAppInitData.now()), null,
                ApiScopes.openid(ApiScopes.API_KEYS, ApiScopes.QR_APPROVE));
        assertEquals(200, r.status(), r.body());
        String token = r.json().get("access_token").asText();

        Http.Response mint = Http.plain().postJson(realmUrl() + "/api-keys",
                Map.of("name", "from mini app", "scopes", List.of()), "Authorization", "Bearer " + token);
        assertEquals(401, mint.status(), mint.body());
        assertEquals("insufficient_user_authentication", mint.json().get("error").asText());

        Http.Response approve = Http.plain().postJson(realmUrl() + "/qr-login/AAAAAAAAAAAAAAAAAAAAAA/approve",
                Map.of(), "Authorization", "Bearer " + token);
        assertEquals(401, approve.status(), approve.body());
        assertEquals("insufficient_user_authentication", approve.json().get("error").asText());

        // a stored session: endpoints that only need a person's session accept it
        Http.Response list = Http.plain().get(realmUrl() + "/api-keys", "Authorization", "Bearer " + token);
        assertNotEquals(401, list.status(), list.body());
        // (the refusals' PERMISSION_TOKEN_ERROR events are TokenPolicyIT's subject)
    }

    @Test
    void linkOnlyProvidersAndDisabledAccountCreationSignInLinkedUsersOnly() {
        long linked = TELEGRAM_IDS.incrementAndGet();
        String linkedUser = claims(grant(signed(linked, MiniAppInitData.now()))).get("sub").asText();
        try {
            reconfigure(Map.of("miniAppCreateUsers", "false"), false);
            refused(grant(signed(TELEGRAM_IDS.incrementAndGet(), MiniAppInitData.now())), "invalid_grant",
                    "No account is linked");
            reconfigure(Map.of(), true);
            refused(grant(signed(TELEGRAM_IDS.incrementAndGet(), MiniAppInitData.now())), "invalid_grant",
                    "No account is linked");
            assertEquals(linkedUser, claims(grant(signed(linked, MiniAppInitData.now()))).get("sub").asText());
        } finally {
            reconfigure(Map.of(), false);
        }

        ObjectNode user = (ObjectNode) admin.getJson("/" + realm + "/users/" + linkedUser);
        user.put("enabled", false);
        AdminApi.expect(admin.put("/" + realm + "/users/" + linkedUser, user), 204, "disable");
        refused(grant(signed(linked, MiniAppInitData.now())), "invalid_grant", "disabled");
        user.put("enabled", true);
        user.putArray("requiredActions").add("UPDATE_PASSWORD");
        AdminApi.expect(admin.put("/" + realm + "/users/" + linkedUser, user), 204, "required action");
        refused(grant(signed(linked, MiniAppInitData.now())), "invalid_grant", "not fully set up");
    }

    @Test
    void aTenantWithoutTelegramOrInAnotherTenantIsRefused() {
        long tg = TELEGRAM_IDS.incrementAndGet();
        String data = signed(tg, MiniAppInitData.now());
        String other = realm + "-x";
        admin.createRealm(io.usso.keycloak.it.support.RealmTemplates.tenant(other, "Other"));
        try {
            ObjectNode miniApp = Http.JSON.createObjectNode();
            miniApp.put("clientId", "miniapp");
            miniApp.put("publicClient", true);
            miniApp.putObject("attributes").put("usso.telegram-mini-app", "true");
            admin.createClient(other, miniApp);
            Http.Response none = Http.plain().postForm(server.realmUrl(other) + "/protocol/openid-connect/token",
                    Map.of("grant_type", GRANT, "client_id", "miniapp", "init_data", data));
            refused(none, "invalid_grant", "no enabled Telegram identity provider");

            // the other tenant has its own bot: our bot's data is not for it
            ObjectNode idp = provider(Map.of());
            ((ObjectNode) idp.get("config")).put("botToken", MiniAppInitData.botToken("6100000009"));
            AdminApi.expect(admin.post("/" + other + "/identity-provider/instances", idp), 201, "idp");
            Http.Response wrongTenant = Http.plain().postForm(server.realmUrl(other)
                    + "/protocol/openid-connect/token", Map.of("grant_type", GRANT, "client_id", "miniapp",
                    "init_data", data));
            refused(wrongTenant, "invalid_grant", "not signed for this tenant's bot");
        } finally {
            admin.deleteRealm(other);
        }
        assertEquals(200, grant(data).status(), "still good for its own tenant");
    }

    @Test
    void badInputIsA4xxJsonAnswerNeverA5xx() {
        List<String> bad = new ArrayList<>(List.of("", "x", "=", "&&&", "user=%zz", "hash=" + "0".repeat(64),
                "a=1&a=2", "user=%7B%22id%22%3A1%7D&auth_date=1&hash=" + "f".repeat(64), "\u0000\u0001",
                "user=" + "%F0%9F%98%80".repeat(300), "a".repeat(9000), "%0A=1&hash=00"));
        for (String initData : bad) {
            for (String botId : new String[] {null, "", LISTED_BOT, "x".repeat(40), "-1", "\u0000"}) {
                Http.Response r = grant("miniapp", null, initData, botId, null);
                assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " for " + initData + ": " + r.body());
                assertTrue(r.json().hasNonNull("error"), r.body());
            }
        }
        Http.Response missing = grant("miniapp", null, null, null, null);
        refused(missing, "invalid_request", "init_data");
        Http.Response tooLong = grant("a=" + "b".repeat(9000));
        refused(tooLong, "invalid_request", "too long");
    }

    @Test
    void discoveryAdvertisesTheGrant() {
        JsonNode discovery = Http.plain().get(realmUrl() + "/.well-known/openid-configuration").json();
        assertTrue(strings(discovery.get("grant_types_supported")).contains(GRANT), discovery.toString());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
