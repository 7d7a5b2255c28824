package io.usso.keycloak.it.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.ClusterTenantIT;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Telegram identity provider on two nodes (shared PostgreSQL, Infinispan cluster): a sign-in started on node A
 * finishes when Telegram's data is posted to node B (the broker state and the authentication session are
 * cluster-wide), and data accepted on one node is a replay on the other (the hash is claimed in the replicated
 * single-use store, not in a node's memory).
 */
class TelegramIdpClusterIT extends ClusterTenantIT {

    private static final String ALIAS = "telegram";

    private LoginWidgetFake telegram;

    @Override
    protected String peerName() {
        return "node-tg-idp-b";
    }

    @Override
    protected void setUpTenant() {
        telegram = new LoginWidgetFake();
        LoginWidgetFake.addProvider(admin, realm, ALIAS, telegram.botToken, telegram.baseUrl(), Map.of());
    }

    @AfterAll
    void stopTelegram() {
        if (telegram != null) {
            telegram.close();
        }
    }

    private String signed(long id) {
        return LoginWidgetFake.authResult(LoginWidgetFake.signed(new LoginWidgetFake.Person(id, "Cleo", null,
                "cleo" + id, null).fields(), LoginWidgetFake.now(), telegram.botToken));
    }

    private static void continues(Http.Response r) {
        assertEquals(302, r.status(), "continues the broker flow: " + r.body());
        assertTrue(r.header("Location").contains("/login-actions/first-broker-login"), r.header("Location"));
    }

    @Test
    void aSignInStartedOnOneNodeFinishesOnTheOther() {
        LoginWidgetAttempt a = new LoginWidgetAttempt(server.baseUrl(), realmUrl(), ALIAS);
        continues(LoginWidgetAttempt.post(a.browser, OidcLogin.rebase(a.endpoint, b.baseUrl()), a.state,
                signed(700_000_001L + System.nanoTime() % 100_000)));
    }

    @Test
    void dataAcceptedOnOneNodeIsAReplayOnTheOther() {
        String data = signed(700_200_001L + System.nanoTime() % 100_000);
        continues(new LoginWidgetAttempt(server.baseUrl(), realmUrl(), ALIAS).post(data));

        LoginWidgetAttempt onB = new LoginWidgetAttempt(b.baseUrl(), b.realmUrl(realm), ALIAS);
        Http.Response replay = onB.post(data);
        assertEquals(400, replay.status(), replay.body());
        boolean event = false;
        for (JsonNode e : admin.getJson("/" + realm + "/events?type=IDENTITY_PROVIDER_LOGIN_ERROR&max=100")) {
            event |= "replayed".equals(e.path("details").path("reason").asText());
        }
        assertTrue(event, "the replay on node B is an event with reason replayed");
    }
}
