package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant that lets only its own mobile app approve QR sign-ins ({@code approver.clients}): tokens of other clients
 * and the phone's web confirm page are refused with a clear error and an event; the app's token still approves.
 */
class QrLoginAppOnlyIT extends TenantIT {

    private static final String PASSWORD = "Qr-App-Only-7!";
    private static final String OTHER_REDIRECT = "http://localhost:3000/callback";

    @Override
    protected void setUpTenant() {
        admin.createUser(realm, "alice", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        flows.createAppClient("qr-app", "QR Test App", flows.createQrFlow("qr-app-only", Map.of(
                "approver.clients", "spa", "rate.approve.per.minute", "1000", "rate.scan.per.minute", "1000")));
        ObjectNode other = Http.JSON.createObjectNode();
        other.put("clientId", "other-app");
        other.put("publicClient", true);
        other.put("standardFlowEnabled", true);
        other.set("redirectUris", Http.JSON.valueToTree(List.of(OTHER_REDIRECT)));
        other.set("attributes", Http.JSON.valueToTree(Map.of("pkce.code.challenge.method", "S256")));
        admin.createClient(realm, other);
        admin.assignClientScope(realm, "other-app", ApiScopes.QR_APPROVE, false);
    }

    private String tokenOf(String clientId) {
        return new OidcLogin(realmUrl(), clientId, OTHER_REDIRECT)
                .login("alice", PASSWORD, ApiScopes.openid(ApiScopes.QR_APPROVE)).get("access_token").asText();
    }

    private Http.Response approve(QrDesktop desktop, String token) {
        return Http.plain().postJson(realmUrl() + "/qr-login/" + desktop.code() + "/approve",
                Map.of("number", desktop.number()), "Authorization", "Bearer " + token);
    }

    @Test
    void anotherClientsTokenIsRefusedAndTheTenantsAppApproves() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String foreign = tokenOf("other-app");
        Http.Response details = Http.plain().get(realmUrl() + "/qr-login/" + desktop.code(),
                "Authorization", "Bearer " + foreign);
        assertEquals(403, details.status(), details.body());
        assertEquals("unauthorized_client", details.json().get("error").asText());
        Http.Response refused = approve(desktop, foreign);
        assertEquals(403, refused.status(), refused.body());
        assertEquals("unauthorized_client", refused.json().get("error").asText());
        assertTrue(refused.json().get("error_description").asText().contains("own mobile app"), refused.body());
        assertEquals("pending", desktop.status(0, 0).json().get("status").asText(), "nothing decided");

        Http.Response approved = approve(desktop, tokenOf("spa"));
        AdminApi.expect(approved, 200, "the tenant's app approves");
        String events = admin.getJson("/" + realm + "/events?max=100").toString();
        assertTrue(events.contains("client_not_allowed"), events);
    }

    @Test
    void theWebConfirmPageIsRefused() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        Http.Response page = Http.withCookies().get(desktop.scanUrl());
        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("only from its own mobile app"), page.body());
        assertEquals("pending", desktop.status(0, 0).json().get("status").asText());
    }
}
