package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.ClusterTenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The magic link across two nodes: the first window asks for the link on node A, the link is confirmed on node B
 * (another device), node A sees the confirmation and finishes the login; the link is then used up on both nodes.
 * Runs in the PostgreSQL run of the suite (two nodes on one database); the H2 run skips it.
 */
class MagicLinkClusterIT extends ClusterTenantIT {

    private static final String PASSWORD = "Magic-Cluster-2026!";
    private static final String NIMA = "nima@example.test";

    private Mailbox mail;
    private String nimaId;

    @Override
    protected String peerName() {
        return "ml-b";
    }

    @Override
    protected void setUpTenant() {
        if (!server.clusterCapable()) {
            return;
        }
        mail = Mailbox.start();
        mail.configure(admin, realm);
        nimaId = admin.createUser(realm, "nima", PASSWORD, Map.of());
        // the point here is a confirmation on another device (node B): the tenant allows it, with the number
        MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "1000", "links-per-address", "1000",
                "cross-device", "return-to-first-window"));
    }

    @AfterAll
    void stopMail() {
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
        assertEquals("pending", first.browser.get(statusOnB).json().get("status").asText(), "B knows A's link");

        // another device, served by node B
        Http phone = Http.withCookies();
        Http.Response page = phone.get(OidcLogin.rebase(link, b.baseUrl()));
        assertEquals(200, page.status(), page.body());
        Http.Response confirmed = phone.postForm(
                OidcLogin.rebase(OidcLogin.formAction(page.body(), "usso-ml-confirm-form"), b.baseUrl()),
                Map.of("token", LinkLogin.field(page.body(), "token"),
                        "confirm_id", LinkLogin.field(page.body(), "confirm_id"), "code", first.crossDeviceCode()));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertTrue(confirmed.body().contains("data-state=\"return-to-first-window\""), confirmed.body());
        assertEquals("confirmed", first.browser.get(statusOnA).json().get("status").asText(),
                "node A sees node B's confirmation");

        String code = first.followToCode(first.check());
        assertEquals(nimaId, OidcLogin.claims(first.exchange(code).get("access_token").asText()).get("sub").asText());

        // single use across the cluster: the link is gone on both nodes
        assertEquals(410, Http.plain().get(link).status(), "used: node A");
        assertEquals(410, Http.plain().get(OidcLogin.rebase(link, b.baseUrl())).status(), "used: node B");
    }
}
