package io.usso.keycloak.it.otp;

import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.ClusterTenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The e-mail code across two nodes, over plain HTTP: node A sends the code, node B counts a wrong guess and accepts
 * the right code once, node A then refuses it (single use cluster-wide). Runs in the PostgreSQL run of the suite
 * (two nodes on one database); the H2 run skips it.
 */
class EmailOtpClusterIT extends ClusterTenantIT {

    private static final String PASSWORD = "Otp-Cluster-2026!";
    private static final String OLGA = "olga@example.test";

    private Mailbox mailbox;
    private String olgaId;

    @Override
    protected String peerName() {
        return "otp-b";
    }

    @Override
    protected void setUpTenant() {
        if (!server.clusterCapable()) {
            return;
        }
        mailbox = Mailbox.start();
        mailbox.configure(admin, realm);
        OtpTenant tenant = new OtpTenant(admin, realm);
        tenant.client("email-1f", tenant.flow("email-1f", OtpTenant.Step.required("usso-email-otp")));
        olgaId = admin.createUser(realm, "olga", PASSWORD, Map.of());
    }

    @AfterAll
    void stopMail() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    void codeSentByNodeAWorksOnceOnNodeB() {
        Http browser = Http.withCookies();
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        String auth = realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of("client_id", "email-1f",
                "redirect_uri", OtpTenant.REDIRECT, "response_type", "code", "scope", "openid",
                "state", UssoServer.randomSecret(), "code_challenge", OidcLogin.s256(verifier),
                "code_challenge_method", "S256"));
        Http.Response page = browser.get(auth);
        assertEquals(200, page.status(), page.body());
        page = browser.postForm(OidcLogin.formAction(page.body(), "usso-otp-identifier-form"),
                Map.of("identifier", OLGA, "usso-otp-action", "send"));
        assertEquals(200, page.status(), page.body());
        String code = Mailbox.code(mailbox.await(OLGA, 1, Duration.ofSeconds(20)));

        // a wrong guess on node B: refused there, the code page again
        String wrong = code.equals("000000") ? "111111" : "000000";
        page = browser.postForm(OidcLogin.rebase(OidcLogin.formAction(page.body(), "usso-otp-form"), b.baseUrl()),
                Map.of("otp", wrong, "usso-otp-action", "verify"));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("id=\"usso-otp-form\""), "still the code page:\n" + page.body());

        // the right code on node B signs in
        String codeAction = OidcLogin.rebase(OidcLogin.formAction(page.body(), "usso-otp-form"), b.baseUrl());
        Http.Response done = browser.postForm(codeAction, Map.of("otp", code, "usso-otp-action", "verify"));
        assertEquals(302, done.status(), done.body());
        String location = done.header("Location");
        assertTrue(location.startsWith(OtpTenant.REDIRECT), location);
        String authCode = OidcLogin.query(URI.create(location).getRawQuery()).get("code");
        assertNotNull(authCode, location);
        Map<String, String> exchange = new LinkedHashMap<>(Map.of("grant_type", "authorization_code",
                "client_id", "email-1f", "code", authCode, "redirect_uri", OtpTenant.REDIRECT,
                "code_verifier", verifier));
        Http.Response token = Http.plain().postForm(realmUrl() + "/protocol/openid-connect/token", exchange);
        assertEquals(200, token.status(), token.body());
        assertEquals(olgaId, OidcLogin.claims(token.json().get("access_token").asText()).get("sub").asText());

        // the same code again, now on node A: no second login from it
        Http.Response replay = browser.postForm(OidcLogin.rebase(codeAction, server.baseUrl()),
                Map.of("otp", code, "usso-otp-action", "verify"));
        String again = replay.header("Location");
        assertFalse(replay.status() == 302 && again != null && again.startsWith(OtpTenant.REDIRECT)
                && OidcLogin.query(URI.create(again).getRawQuery()).get("code") != null,
                "a used code must not sign in again: " + again);
        assertNotEquals(500, replay.status());
    }
}
