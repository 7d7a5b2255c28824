package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QR code login over HTTP: the waiting page driven as its script would, the phone as a mobile app with a bearer
 * token (approve, deny, wrong number, replay, another tenant's token, bad input), the status long-poll, rotation and
 * expiry, binding to the waiting browser, the events.
 */
class QrLoginApiIT extends TenantIT {

    private static final String PASSWORD = "Qr-Api-Login-7!";
    private String aliceId;
    private String otherRealm;

    @Override
    protected void setUpTenant() {
        aliceId = admin.createUser(realm, "alice", PASSWORD, Map.of());
        admin.createUser(realm, "bob", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        // this class sends many requests from one address within a minute: generous limits (QrLoginRateLimitIT
        // tests the limits themselves)
        Map<String, String> generous = Map.of("rate.approve.per.minute", "1000", "rate.scan.per.minute", "1000",
                "rate.create.per.minute", "1000");
        flows.createAppClient("qr-app", "QR Test App", flows.createQrFlow("qr-browser", generous));
        Map<String, String> fast = new java.util.HashMap<>(generous);
        fast.putAll(Map.of("attempt.lifetime.seconds", "12", "code.rotation.seconds", "5"));
        flows.createAppClient("qr-fast-app", "QR Fast App", flows.createQrFlow("qr-fast", fast));
        otherRealm = realm + "-other";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other tenant"));
        admin.createUser(otherRealm, "alice", PASSWORD, Map.of());
    }

    @AfterAll
    void deleteOtherTenant() {
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    private String tokenOf(String realmName, String username) {
        return new OidcLogin(server.realmUrl(realmName), "spa", "http://localhost:3000/callback")
                .login(username, PASSWORD, ApiScopes.openid(ApiScopes.QR_APPROVE)).get("access_token").asText();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private Http.Response approve(String realmName, String code, Object body, String token) {
        String url = server.realmUrl(realmName) + "/qr-login/" + code + "/approve";
        return token == null ? Http.plain().postJson(url, body) : Http.plain().postJson(url, body, "Authorization", bearer(token));
    }

    private Http.Response deny(String code, String token) {
        return Http.plain().postJson(realmUrl() + "/qr-login/" + code + "/deny", Map.of(), "Authorization", bearer(token));
    }

    private static int wrongChoice(JsonNode details, int number) {
        for (JsonNode choice : details.get("choices")) {
            if (choice.asInt() != number) {
                return choice.asInt();
            }
        }
        throw new AssertionError("no other choice in " + details);
    }

    @Test
    void aMobileAppApprovesAndTheDesktopSignsInAsThatUserWithAmrQr() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String token = tokenOf(realm, "alice");
        Http.Response details = Http.plain().get(realmUrl() + "/qr-login/" + desktop.code(), "Authorization", bearer(token));
        AdminApi.expect(details, 200, "details");
        assertEquals("QR Test App", details.json().get("client_name").asText());
        assertEquals("Chrome", details.json().at("/device/browser").asText());
        assertEquals("Windows", details.json().at("/device/os").asText());
        List<Integer> choices = new ArrayList<>();
        details.json().get("choices").forEach(c -> choices.add(c.asInt()));
        assertEquals(3, choices.size());
        assertTrue(choices.contains(desktop.number()), choices + " must offer " + desktop.number());

        assertEquals("pending", desktop.status(0, 0).json().get("status").asText());
        Http.Response approved = approve(realm, desktop.code(), Map.of("number", desktop.number()), token);
        AdminApi.expect(approved, 200, "approve");
        assertEquals("approved", approved.json().get("status").asText());
        assertEquals("approved", desktop.status(0, 0).json().get("status").asText());

        JsonNode tokens = desktop.exchange(QrDesktop.codeOf(desktop.complete()));
        JsonNode claims = OidcLogin.claims(tokens.get("access_token").asText());
        assertEquals(aliceId, claims.get("sub").asText());
        assertTrue(claims.get("amr").toString().contains("\"qr\""), "amr of " + claims);

        // replay: the code and the approval are used up (the page's browser is now signed in by its own SSO cookie)
        assertEquals(404, approve(realm, desktop.code(), Map.of("number", desktop.number()), token).status());
        assertEquals(404, desktop.status(0, 0).status(), "the consumed attempt is gone");
    }

    @Test
    void aPhoneWithoutSessionSignsInThenConfirmsOnTheWebPage() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        Http phone = Http.withCookies();
        Http.Response toLogin = phone.get(desktop.scanUrl());
        assertEquals(303, toLogin.status(), toLogin.body());
        Http.Response login = phone.get(toLogin.header("Location"));
        AdminApi.expect(login, 200, "phone login page");
        Http.Response back = phone.postForm(OidcLogin.formAction(login.body(), "kc-form-login"),
                Map.of("username", "alice", "password", PASSWORD, "credentialId", ""));
        assertEquals(302, back.status(), back.body());
        assertTrue(back.header("Location").startsWith(realmUrl() + "/qr-login/confirm?"), back.header("Location"));
        Http.Response confirm = phone.get(back.header("Location"));
        assertEquals(200, confirm.status(), confirm.body());
        String page = confirm.body();
        assertTrue(page.contains("id=\"usso-qr-confirm-form\""), page);
        assertTrue(page.contains("QR Test App") && page.contains("Chrome") && page.contains("Windows"), page);
        String ticket = hidden(page, "ticket");
        String csrf = hidden(page, "csrf");

        Http.Response forged = phone.postForm(realmUrl() + "/qr-login/confirm", Map.of("ticket", ticket,
                "csrf", (UssoServer.randomSecret() + UssoServer.randomSecret()).substring(0, 43), "number",
                String.valueOf(desktop.number()), "decision", "approve"));
        assertEquals(403, forged.status(), "a forged CSRF token is refused");
        Http.Response otherBrowser = Http.withCookies().postForm(realmUrl() + "/qr-login/confirm", Map.of(
                "ticket", ticket, "csrf", csrf, "number", String.valueOf(desktop.number()), "decision", "approve"));
        assertEquals(403, otherBrowser.status(), "ticket and token without the phone's session are refused");
        assertEquals("pending", desktop.status(0, 0).json().get("status").asText());

        Http.Response approved = phone.postForm(realmUrl() + "/qr-login/confirm", Map.of("ticket", ticket,
                "csrf", csrf, "number", String.valueOf(desktop.number()), "decision", "approve"));
        assertEquals(200, approved.status(), approved.body());
        assertTrue(approved.body().contains("Sign-in approved"), approved.body());
        assertEquals(aliceId, OidcLogin.claims(desktop.exchange(QrDesktop.codeOf(desktop.complete()))
                .get("access_token").asText()).get("sub").asText());
    }

    private static String hidden(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"")
                .matcher(html);
        assertTrue(m.find(), "no " + name + " in " + html);
        return m.group(1);
    }

    @Test
    void aWrongNumberCancelsTheAttemptForGood() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String token = tokenOf(realm, "alice");
        JsonNode details = Http.plain().get(realmUrl() + "/qr-login/" + desktop.code(), "Authorization", bearer(token)).json();
        Http.Response wrong = approve(realm, desktop.code(), Map.of("number", wrongChoice(details, desktop.number())), token);
        assertEquals(403, wrong.status(), wrong.body());
        assertEquals("wrong_number", wrong.json().get("error").asText());
        assertEquals("cancelled", desktop.status(0, 0).json().get("status").asText());
        assertEquals(404, approve(realm, desktop.code(), Map.of("number", desktop.number()), token).status(),
                "no second guess");
        Http.Response page = desktop.complete();
        assertEquals(200, page.status(), "a new QR page, no sign-in");
        assertTrue(page.body().contains("cancelled on your phone"), page.body());
        assertTrue(page.body().contains("id=\"usso-qr-image\""), "a fresh code is shown");
    }

    @Test
    void denyEndsTheAttempt() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        Http.Response denied = deny(desktop.code(), tokenOf(realm, "bob"));
        AdminApi.expect(denied, 200, "deny");
        assertEquals("denied", desktop.status(0, 0).json().get("status").asText());
        assertTrue(desktop.complete().body().contains("denied"));
    }

    @Test
    void onlyABearerTokenOfThisTenantMayApprove() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        Map<String, Integer> body = Map.of("number", desktop.number());
        assertEquals(401, approve(realm, desktop.code(), body, null).status());
        assertEquals(401, approve(realm, desktop.code(), body, "not-a-token").status());
        String otherTenantsAlice = tokenOf(otherRealm, "alice");
        Http.Response foreign = approve(realm, desktop.code(), body, otherTenantsAlice);
        assertEquals(401, foreign.status(), "a token of another tenant: " + foreign.body());
        Http.Response crossRealm = approve(otherRealm, desktop.code(), body, otherTenantsAlice);
        assertEquals(404, crossRealm.status(), "this tenant's code through another tenant's endpoint");
        assertEquals("pending", desktop.status(0, 0).json().get("status").asText(), "nothing was decided");
        assertEquals(404, Http.plain().get(server.realmUrl(otherRealm) + "/qr-login/status/"
                + desktop.statusUrl().substring(desktop.statusUrl().lastIndexOf('/') + 1)).status(),
                "the status handle is tenant-bound too");
    }

    @Test
    void badInputGetsA4xxNeverA5xx() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String token = tokenOf(realm, "alice");
        for (Object body : List.of("not json", Map.of("number", "x"), Map.of("number", 7), Map.of("number", 420),
                Map.of("other", 1), "[42]", "{\"number\": 42.5}")) {
            Http.Response r = approve(realm, desktop.code(), body, token);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertEquals("invalid_request", r.json().get("error").asText());
        }
        assertEquals(404, approve(realm, "abc", Map.of("number", 42), token).status());
        assertEquals(404, approve(realm, "A".repeat(27), Map.of("number", 42), token).status());
        assertEquals(400, Http.plain().get(realmUrl() + "/qr-login/status/short").status());
        assertEquals(404, Http.plain().get(realmUrl() + "/qr-login/status/" + "A".repeat(43)).status());
        assertEquals(400, Http.plain().get(desktop.statusUrl() + "?wait=soon").status());
        assertEquals(404, Http.plain().get(realmUrl() + "/qr-login/scan/abc").status());
        assertEquals("pending", desktop.status(0, 0).json().get("status").asText());
    }

    @Test
    void anotherBrowserCannotUseTheApprovedPage() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        AdminApi.expect(approve(realm, desktop.code(), Map.of("number", desktop.number()), tokenOf(realm, "alice")),
                200, "approve");
        Http.Response stolen = desktop.completeFromAnotherBrowser();
        assertFalse(stolen.status() == 302 && String.valueOf(stolen.header("Location")).startsWith(QrDesktop.REDIRECT_URI),
                "the form of another browser's authentication session must not sign in: " + stolen.status());
        QrDesktop.codeOf(desktop.complete()); // the real page still can
    }

    @Test
    void theLongPollAnswersWithinASecondOfTheApproval() throws Exception {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String token = tokenOf(realm, "alice");
        CompletableFuture<Long> answeredAt = CompletableFuture.supplyAsync(() -> {
            Http.Response r = desktop.status(0, 10);
            assertEquals("approved", r.json().get("status").asText(), r.body());
            return System.nanoTime();
        });
        Thread.sleep(1_000);
        assertFalse(answeredAt.isDone(), "the status request waits");
        long approvedAt = System.nanoTime();
        AdminApi.expect(approve(realm, desktop.code(), Map.of("number", desktop.number()), token), 200, "approve");
        long millis = TimeUnit.NANOSECONDS.toMillis(answeredAt.get(10, TimeUnit.SECONDS) - approvedAt);
        System.out.printf("[usso-it] QR approval reached the waiting page after %d ms%n", millis);
        assertTrue(millis < 1_000, "approval to waiting page: " + millis + " ms");
    }

    @Test
    void codesRotateAndTheAttemptExpires() throws Exception {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-fast-app").open();
        String token = tokenOf(realm, "alice");
        String first = desktop.code();
        JsonNode rotated = desktop.status(0, 10).json();
        assertEquals("pending", rotated.get("status").asText(), rotated.toString());
        assertEquals(1, rotated.get("generation").asInt(), "the long poll returns with the next code: " + rotated);
        assertTrue(rotated.get("svg").asText().startsWith("<svg"), rotated.toString());
        String scanUrl = rotated.get("scan_url").asText();
        String second = scanUrl.substring(scanUrl.lastIndexOf('/') + 1);
        assertNotEquals(first, second);
        assertEquals(404, Http.plain().get(realmUrl() + "/qr-login/" + first, "Authorization", bearer(token)).status(),
                "the rotated-out code is dead");
        AdminApi.expect(Http.plain().get(realmUrl() + "/qr-login/" + second, "Authorization", bearer(token)), 200,
                "the new code works");

        JsonNode last = null;
        long generation = 1;
        for (int i = 0; i < 6; i++) {
            last = desktop.status(generation, 10).json();
            if (!"pending".equals(last.get("status").asText())) {
                break;
            }
            generation = last.get("generation").asLong();
        }
        assertEquals("expired", last.get("status").asText(), String.valueOf(last));
        assertEquals(404, approve(realm, second, Map.of("number", desktop.number()), token).status());
        Http.Response page = desktop.complete();
        assertTrue(page.body().contains("This QR code has expired"), page.body());
    }

    @Test
    void eventsTellWhatHappenedWithoutSecrets() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        String code = desktop.code();
        AdminApi.expect(approve(realm, code, Map.of("number", desktop.number()), tokenOf(realm, "alice")), 200, "approve");
        QrDesktop.codeOf(desktop.complete());
        JsonNode events = admin.getJson("/" + realm + "/events?max=200");
        String all = events.toString();
        for (String expected : List.of("QR_LOGIN_REQUESTED", "QR_LOGIN_APPROVED", "QR_LOGIN_COMPLETED")) {
            assertTrue(all.contains(expected), expected + " missing in " + all);
        }
        boolean approvedByAlice = false;
        for (JsonNode event : events) {
            if ("QR_LOGIN_APPROVED".equals(event.at("/details/usso_event").asText())) {
                approvedByAlice |= aliceId.equals(event.path("userId").asText())
                        && "Chrome".equals(event.at("/details/qr_browser").asText())
                        && "api".equals(event.at("/details/qr_channel").asText());
            }
        }
        assertTrue(approvedByAlice, "approval event with user and device details: " + all);
        assertFalse(all.contains(code), "the QR code must never appear in events");
        String handle = desktop.statusUrl().substring(desktop.statusUrl().lastIndexOf('/') + 1);
        assertFalse(all.contains(handle), "the status handle must never appear in events");
        assertFalse(UssoServer.get().logText().contains(code), "the QR code must never be logged");
    }
}
