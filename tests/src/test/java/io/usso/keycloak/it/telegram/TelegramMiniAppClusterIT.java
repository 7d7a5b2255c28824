package io.usso.keycloak.it.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ClusterTenantIT;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;

/**
 * The Mini App grant on two nodes (shared PostgreSQL, Infinispan cluster): initData accepted on node A is a replay on
 * node B (the proof is claimed in the replicated single-use store), and the account it created on A is the one node
 * B signs in for the next launch — one person, one user, whichever node answers.
 */
class TelegramMiniAppClusterIT extends ClusterTenantIT {

    private static final String ALIAS = "telegram";
    private static final String BOT_ID = "6200000001";

    private final String botToken = MiniAppInitData.botToken(BOT_ID);

    @Override
    protected String peerName() {
        return "node-tg-miniapp-b";
    }

    @Override
    protected void setUpTenant() {
        ObjectNode idp = Http.JSON.createObjectNode();
        idp.put("alias", ALIAS);
        idp.put("providerId", "telegram");
        idp.put("enabled", true);
        idp.putObject("config").put("botUsername", "usso_cluster_bot").put("botToken", botToken);
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", idp), 201, "Telegram provider");
        ObjectNode miniApp = Http.JSON.createObjectNode();
        miniApp.put("clientId", "miniapp");
        miniApp.put("enabled", true);
        miniApp.put("publicClient", true);
        miniApp.put("standardFlowEnabled", false);
        miniApp.putObject("attributes").put("usso.telegram-mini-app", "true");
        admin.createClient(realm, miniApp);
    }

    private Http.Response grant(String realmUrl, String initData) {
        return Http.plain().postForm(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", TelegramMiniAppIT.GRANT, "client_id", "miniapp", "init_data", initData));
    }

    private String signed(long telegramId, long authDate) {
        return MiniAppInitData.encode(MiniAppInitData.withHash(
                MiniAppInitData.fields(telegramId, "Nima", "nima" + telegramId, authDate), botToken));
    }

    @Test
    void initDataAcceptedOnOneNodeIsAReplayOnTheOtherAndTheAccountIsShared() {
        long tg = 610_000_000L + System.nanoTime() % 1_000_000;
        String data = signed(tg, MiniAppInitData.now());
        Http.Response onA = grant(realmUrl(), data);
        assertEquals(200, onA.status(), onA.body());
        String userOnA = OidcLogin.claims(onA.json().get("access_token").asText()).get("sub").asText();

        Http.Response replay = grant(b.realmUrl(realm), data);
        assertEquals(400, replay.status(), "replayed on node B: " + replay.body());
        assertEquals("invalid_grant", replay.json().path("error").asText(), replay.body());

        // the next launch: new initData (another auth_date, so another hash)
        Http.Response nextLaunch = grant(b.realmUrl(realm), signed(tg, MiniAppInitData.now() - 2));
        assertEquals(200, nextLaunch.status(), nextLaunch.body());
        assertEquals(userOnA, OidcLogin.claims(nextLaunch.json().get("access_token").asText()).get("sub").asText(),
                "node B signs in the account node A created");
    }
}
