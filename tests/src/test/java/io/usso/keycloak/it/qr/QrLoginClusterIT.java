package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.ClusterTenantIT;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The desktop on node A, the phone on node B: the attempt, its codes and the decision live in the cluster-wide
 * single-use store, so every step may reach either node. Runs in the PostgreSQL run of the suite (two nodes on
 * one database); the H2 run skips it.
 */
class QrLoginClusterIT extends ClusterTenantIT {

    private static final String PASSWORD = "Qr-Cluster-Login-7!";
    private String aliceId;

    @Override
    protected String peerName() {
        return "qr-b";
    }

    @Override
    protected void setUpTenant() {
        aliceId = admin.createUser(realm, "alice", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        flows.createAppClient("qr-app", "QR Test App", flows.createQrFlow("qr-browser",
                Map.of("code.rotation.seconds", "5")));
    }

    @Test
    void desktopOnNodeAPhoneOnNodeB() throws Exception {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String onB = b.baseUrl();
        String token = new OidcLogin(OidcLogin.rebase(realmUrl(), onB), "spa", "http://localhost:3000/callback")
                .login("alice", PASSWORD, ApiScopes.openid(ApiScopes.QR_APPROVE)).get("access_token").asText();

        // node B rotates the code the desktop got from node A; node A answers for the new one
        JsonNode rotated = desktop.get(OidcLogin.rebase(desktop.statusUrl(), onB) + "?generation=0&wait=10").json();
        assertEquals(1, rotated.get("generation").asInt(), rotated.toString());
        String scanUrl = rotated.get("scan_url").asText();
        String code = scanUrl.substring(scanUrl.lastIndexOf('/') + 1);
        AdminApi.expect(Http.plain().get(realmUrl() + "/qr-login/" + code, "Authorization", "Bearer " + token), 200,
                "node A knows node B's code");

        CompletableFuture<String> statusOnA = CompletableFuture.supplyAsync(
                () -> desktop.status(1, 10).json().get("status").asText());
        Thread.sleep(500);
        AdminApi.expect(Http.plain().postJson(OidcLogin.rebase(realmUrl(), onB) + "/qr-login/" + code + "/approve",
                Map.of("number", desktop.number()), "Authorization", "Bearer " + token), 200, "approve on node B");
        assertEquals("approved", statusOnA.get(5, TimeUnit.SECONDS), "node A's long-poll sees node B's decision");

        JsonNode claims = OidcLogin.claims(desktop.exchange(QrDesktop.codeOf(desktop.complete()))
                .get("access_token").asText());
        assertEquals(aliceId, claims.get("sub").asText());
        assertEquals(404, Http.plain().postJson(OidcLogin.rebase(realmUrl(), onB) + "/qr-login/" + code + "/approve",
                Map.of("number", desktop.number()), "Authorization", "Bearer " + token).status(),
                "used on node A, dead on node B");
    }
}
