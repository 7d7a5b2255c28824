package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The magic link across two nodes: the first window asks for the link on node A, the link is confirmed on node B
 * (another device), node A sees the confirmation and finishes the login; the link is then used up on both nodes.
 * Runs in the PostgreSQL run of the suite (two nodes on one database); the H2 run skips it.
 */
class MagicLinkClusterIT extends TenantIT {

    private static final String PASSWORD = "Magic-Cluster-2026!";
    private static final String NIMA = "nima@example.test";

    private UssoServer b;
    private Mailbox mail;
    private String nimaId;

    @BeforeAll
    void joinSecondNode() {
        assumeTrue(server.clusterCapable(), "the cluster needs the shared PostgreSQL database (USSO_TEST_DB=postgres)");
        b = server.startPeer("ml-b");
        server.awaitClusterSize(2, Duration.ofMinutes(2));
        b.awaitClusterSize(2, Duration.ofMinutes(2));
    }

    @Override
    protected void setUpTenant() {
        if (!server.clusterCapable()) {
            return;
        }
        mail = Mailbox.start();
        mail.configure(admin, realm);
        nimaId = admin.createUser(realm, "nima", PASSWORD, Map.of());
        MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "1000", "links-per-address", "1000"));
    }

    @AfterAll
    void stopSecondNode() {
        if (b != null) {
            b.stop();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void linkAskedForOnNodeAConfirmedOnNodeBFinishesOnNodeA() {
        LinkLogin first = new LinkLogin(realmUrl()).start();
        Http.Response waiting = first.request(NIMA);
        assertEquals(200, waiting.status(), waiting.body());
        String link = mail.awaitLink(NIMA, 1);
        String statusOnA = first.statusUrl();
        String statusOnB = OidcLogin.rebase(statusOnA, b.baseUrl());
        assertEquals("pending", Http.plain().get(statusOnB).json().get("status").asText(), "B knows A's link");

        // another device, served by node B
        Http phone = Http.withCookies();
        Http.Response page = phone.get(OidcLogin.rebase(link, b.baseUrl()));
        assertEquals(200, page.status(), page.body());
        Http.Response confirmed = phone.postForm(
                OidcLogin.rebase(LinkLogin.formAction(page.body(), "usso-ml-confirm-form"), b.baseUrl()),
                Map.of("token", LinkLogin.field(page.body(), "token"),
                        "confirm_id", LinkLogin.field(page.body(), "confirm_id")));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertTrue(confirmed.body().contains("data-state=\"return-to-first-window\""), confirmed.body());
        assertEquals("confirmed", Http.plain().get(statusOnA).json().get("status").asText(),
                "node A sees node B's confirmation");

        String code = first.followToCode(first.check());
        assertEquals(nimaId, LinkLogin.claims(first.exchange(code).get("access_token").asText()).get("sub").asText());

        // single use across the cluster: the link is gone on both nodes
        assertEquals(410, Http.plain().get(link).status(), "used: node A");
        assertEquals(410, Http.plain().get(OidcLogin.rebase(link, b.baseUrl())).status(), "used: node B");
    }
}
