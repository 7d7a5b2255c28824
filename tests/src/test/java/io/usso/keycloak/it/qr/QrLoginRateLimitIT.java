package io.usso.keycloak.it.qr;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything guessable is rate limited, with the tenant's own limits (authenticator config): scans, status checks,
 * approvals, QR pages, and typed short codes (per IP and per user).
 */
class QrLoginRateLimitIT extends TenantIT {

    private static final String PASSWORD = "Qr-Rate-Limit-7!";

    @Override
    protected void setUpTenant() {
        admin.createUser(realm, "alice", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        flows.createAppClient("qr-app", "QR Test App", flows.createQrFlow("qr-limited", Map.of(
                "rate.scan.per.minute", "3", "rate.status.per.minute", "10", "rate.approve.per.minute", "2",
                "rate.create.per.minute", "3", "rate.enter.per.window", "2")));
    }

    /** Limits count in fixed windows (aligned to epoch seconds): start a burst well inside one. */
    private static void awaitFreshWindow(long windowSeconds, long burstSeconds) {
        long into = (System.currentTimeMillis() / 1000) % windowSeconds;
        if (into > windowSeconds - burstSeconds) {
            try {
                Thread.sleep((windowSeconds - into + 1) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void everyGuessableEndpointIsRateLimited() {
        awaitFreshWindow(60, 25);
        // status: per waiting page
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        for (int i = 0; i < 10; i++) {
            AdminApi.expect(desktop.status(0, 0), 200, "status " + i);
        }
        Http.Response limited = desktop.status(0, 0);
        assertEquals(429, limited.status(), limited.body());
        assertNotNull(limited.header("Retry-After"));
        assertEquals("too_many_requests", limited.json().get("error").asText());

        // scans: per IP
        for (int i = 0; i < 3; i++) {
            assertEquals(404, Http.plain().get(realmUrl() + "/qr-login/scan/" + "B".repeat(27)).status());
        }
        Http.Response scan = Http.plain().get(realmUrl() + "/qr-login/scan/" + desktop.code());
        assertEquals(429, scan.status(), "even a valid code once the IP used up its scans");
        assertNotNull(scan.header("Retry-After"));

        // approvals: per IP
        String token = new OidcLogin(realmUrl(), "spa", "http://localhost:3000/callback")
                .login("alice", PASSWORD, ApiScopes.openid(ApiScopes.QR_APPROVE)).get("access_token").asText();
        for (int i = 0; i < 2; i++) {
            assertEquals(404, Http.plain().postJson(realmUrl() + "/qr-login/" + "C".repeat(27) + "/approve",
                    Map.of("number", 42), "Authorization", "Bearer " + token).status());
        }
        Http.Response approve = Http.plain().postJson(realmUrl() + "/qr-login/" + desktop.code() + "/approve",
                Map.of("number", desktop.number()), "Authorization", "Bearer " + token);
        assertEquals(429, approve.status(), approve.body());

        // QR pages: per IP (one was opened above)
        new QrDesktop(realmUrl(), "qr-app").open();
        new QrDesktop(realmUrl(), "qr-app").open();
        Http.Response page = Http.withCookies().get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(Map.of(
                "client_id", "qr-app", "redirect_uri", QrDesktop.REDIRECT_URI, "response_type", "code",
                "scope", "openid", "code_challenge", OidcLogin.s256("x".repeat(50)), "code_challenge_method", "S256")));
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Too many requests") && !page.body().contains("usso-qr-image"),
                "no new QR code beyond the limit:\n" + page.body());
    }

    @Test
    void typedShortCodesAreLimitedHard() {
        Http phone = Http.withCookies();
        Http.Response toLogin = phone.get(realmUrl() + "/qr-login/enter");
        assertEquals(303, toLogin.status(), "a phone without session signs in first");
        String location = toLogin.header("Location");
        assertTrue(location.contains("client_id=usso-qr-login") && location.contains("code_challenge_method=S256"),
                location);
        Http.Response login = phone.get(location);
        AdminApi.expect(login, 200, "phone login page");
        Http.Response back = phone.postForm(OidcLogin.formAction(login.body(), "kc-form-login"),
                Map.of("username", "alice", "password", PASSWORD, "credentialId", ""));
        assertEquals(302, back.status(), back.body());
        Http.Response enter = phone.get(back.header("Location"));
        AdminApi.expect(enter, 200, "short-code form");
        String csrf = hidden(enter.body(), "csrf");
        awaitFreshWindow(600, 20);
        for (int i = 0; i < 2; i++) {
            Http.Response wrong = phone.postForm(realmUrl() + "/qr-login/enter", Map.of("csrf", csrf,
                    "short_code", "ZZZZ-ZZZZ"));
            assertEquals(400, wrong.status());
            assertTrue(wrong.body().contains("not valid or has expired"), wrong.body());
            csrf = hidden(wrong.body(), "csrf");
        }
        Http.Response limited = phone.postForm(realmUrl() + "/qr-login/enter", Map.of("csrf", csrf,
                "short_code", "ZZZZ-ZZZZ"));
        assertEquals(429, limited.status());
        assertNotNull(limited.header("Retry-After"));

        Http.Response forged = Http.withCookies().postForm(realmUrl() + "/qr-login/enter", Map.of("csrf", csrf,
                "short_code", "ZZZZ-ZZZZ"));
        assertTrue(forged.status() == 303 || forged.status() == 429, "no session: sign in (or limited), status "
                + forged.status());
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no hidden " + name + ":\n" + html);
        }
        return m.group(1);
    }
}
