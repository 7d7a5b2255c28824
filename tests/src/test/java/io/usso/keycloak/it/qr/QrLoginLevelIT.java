package io.usso.keycloak.it.qr;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approver's level of authentication carries over, and only as far as it goes: with Keycloak's step-up flows
 * ("Condition - Level of Authentication", acr "silver" = 1 = password, "gold" = 2 = password + OTP), a client asking
 * for "gold" is satisfied by an approval from a phone session that reached level 2, while an approval from a
 * password-only phone session leaves the desktop facing the OTP step.
 */
class QrLoginLevelIT extends TenantIT {

    private static final String PASSWORD = "Qr-Level-Login-7!";

    private String goldToken;
    private String otpSecret;
    private long lastOtpWindow;

    @Override
    protected void setUpTenant() {
        admin.setRealmAttributes(realm, Map.of("acr.loa.map", "{\"silver\":1,\"gold\":2}"));
        admin.createUser(realm, "alice", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        Map<String, String> level1 = Map.of("loa-condition-level", "1", "loa-max-age", "36000");
        Map<String, String> level2 = Map.of("loa-condition-level", "2", "loa-max-age", "36000");

        // the phone's sign-in (client spa): password = level 1, OTP = level 2
        String phoneFlow = flows.createTopFlow("loa-phone");
        flows.addStep("loa-phone", "loa-phone", "auth-cookie", "ALTERNATIVE", null);
        flows.addSubFlow("loa-phone", "loa-phone", "loa-phone-auth", "ALTERNATIVE");
        flows.addSubFlow("loa-phone", "loa-phone-auth", "loa-phone-l1", "CONDITIONAL");
        flows.addStep("loa-phone", "loa-phone-l1", "conditional-level-of-authentication", "REQUIRED", level1);
        flows.addStep("loa-phone", "loa-phone-l1", "auth-username-password-form", "REQUIRED", null);
        flows.addSubFlow("loa-phone", "loa-phone-auth", "loa-phone-l2", "CONDITIONAL");
        flows.addStep("loa-phone", "loa-phone-l2", "conditional-level-of-authentication", "REQUIRED", level2);
        flows.addStep("loa-phone", "loa-phone-l2", "auth-otp-form", "REQUIRED", null);
        flows.bindBrowserFlow("spa", phoneFlow);

        // the desktop (client qr-loa-app): QR code or password = level 1, OTP = level 2
        String desktopFlow = flows.createTopFlow("loa-desktop");
        flows.addStep("loa-desktop", "loa-desktop", "auth-cookie", "ALTERNATIVE", null);
        flows.addSubFlow("loa-desktop", "loa-desktop", "loa-desktop-auth", "ALTERNATIVE");
        flows.addSubFlow("loa-desktop", "loa-desktop-auth", "loa-desktop-l1", "CONDITIONAL");
        flows.addStep("loa-desktop", "loa-desktop-l1", "conditional-level-of-authentication", "REQUIRED", level1);
        flows.addSubFlow("loa-desktop", "loa-desktop-l1", "loa-desktop-l1-ways", "REQUIRED");
        flows.addStep("loa-desktop", "loa-desktop-l1-ways", QrFlows.AUTHENTICATOR, "ALTERNATIVE", null);
        flows.addStep("loa-desktop", "loa-desktop-l1-ways", "auth-username-password-form", "ALTERNATIVE", null);
        flows.addSubFlow("loa-desktop", "loa-desktop-auth", "loa-desktop-l2", "CONDITIONAL");
        flows.addStep("loa-desktop", "loa-desktop-l2", "conditional-level-of-authentication", "REQUIRED", level2);
        flows.addStep("loa-desktop", "loa-desktop-l2", "auth-otp-form", "REQUIRED", null);
        flows.createAppClient("qr-loa-app", "QR Level App", desktopFlow);

        // alice's first "gold" sign-in sets up her authenticator app (CONFIGURE_TOTP): a level-2 phone session
        goldToken = phoneToken(true);
        assertTrue(otpSecret != null, "the OTP was set up");
    }

    @Test
    void anApprovalFromAPasswordOnlySessionDoesNotSatisfyGold() {
        String silverToken = phoneToken(false);
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-loa-app").open("acr_values", "gold");
        AdminApi.expect(approve(desktop, silverToken), 200, "approve");
        Http.Response next = desktop.complete();
        assertEquals(200, next.status(), "no sign-in yet: " + next.header("Location"));
        assertTrue(next.body().contains("kc-otp-login-form"), "the desktop must pass the OTP step itself:\n" + next.body());
        Http.Response signedIn = desktop.post(OidcLogin.formAction(next.body(), "kc-otp-login-form"), Map.of("otp", totp(), "login", "Sign In"));
        JsonNode claims = OidcLogin.claims(desktop.exchange(QrDesktop.codeOf(signedIn)).get("access_token").asText());
        assertEquals("gold", claims.get("acr").asText(), "after its own OTP the desktop reaches gold: " + claims);
        assertTrue(claims.get("amr").toString().contains("\"qr\"") && claims.get("amr").toString().contains("\"otp\""),
                claims.toString());
    }

    @Test
    void anApprovalFromASecondFactorSessionSatisfiesGold() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-loa-app").open("acr_values", "gold");
        AdminApi.expect(approve(desktop, goldToken), 200, "approve");
        JsonNode claims = OidcLogin.claims(desktop.exchange(QrDesktop.codeOf(desktop.complete()))
                .get("access_token").asText());
        assertEquals("gold", claims.get("acr").asText(), claims.toString());
        assertTrue(claims.get("amr").toString().contains("\"qr\""), claims.toString());
    }

    @Test
    void withoutAStepUpRequestAPasswordSessionApprovalIsEnough() {
        String silverToken = phoneToken(false);
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-loa-app").open();
        AdminApi.expect(approve(desktop, silverToken), 200, "approve");
        JsonNode claims = OidcLogin.claims(desktop.exchange(QrDesktop.codeOf(desktop.complete()))
                .get("access_token").asText());
        assertEquals("silver", claims.get("acr").asText(), claims.toString());
    }

    private Http.Response approve(QrDesktop desktop, String token) {
        return Http.plain().postJson(realmUrl() + "/qr-login/" + desktop.code() + "/approve",
                Map.of("number", desktop.number()), "Authorization", "Bearer " + token);
    }

    /** Signs alice in through client spa (level 1, or level 2 with acr_values=gold and the OTP) and returns the token. */
    private String phoneToken(boolean gold) {
        Http browser = Http.withCookies();
        String verifier = UssoServer.randomSecret() + UssoServer.randomSecret();
        Map<String, String> query = new LinkedHashMap<>(Map.of("client_id", "spa",
                "redirect_uri", "http://localhost:3000/callback", "response_type", "code", "scope",
                ApiScopes.openid(ApiScopes.QR_APPROVE),
                "state", "st", "code_challenge", OidcLogin.s256(verifier), "code_challenge_method", "S256"));
        if (gold) {
            query.put("acr_values", "gold");
        }
        Http.Response page = browser.get(realmUrl() + "/protocol/openid-connect/auth?" + Http.form(query));
        AdminApi.expect(page, 200, "login page");
        Http.Response next = browser.postForm(OidcLogin.formAction(page.body(), "kc-form-login"),
                Map.of("username", "alice", "password", PASSWORD, "credentialId", ""));
        for (int step = 0; step < 6 && !isCallback(next); step++) {
            if (next.status() == 302) {
                next = browser.get(next.header("Location"));
            } else if (next.body().contains("id=\"kc-otp-login-form\"")) {
                next = browser.postForm(OidcLogin.formAction(next.body(), "kc-otp-login-form"), Map.of("otp", totp(), "login", "Sign In"));
            } else if (next.body().contains("id=\"kc-totp-settings-form\"")) {
                Matcher secret = Pattern.compile("name=\"totpSecret\" value=\"([^\"]+)\"").matcher(next.body());
                assertTrue(secret.find(), next.body());
                otpSecret = OidcLogin.unescape(secret.group(1));
                next = browser.postForm(OidcLogin.formAction(next.body(), "kc-totp-settings-form"), Map.of("totp", totp(),
                        "totpSecret", otpSecret, "userLabel", "phone"));
            } else {
                throw new AssertionError("unexpected page in the phone sign-in (" + next.status() + "):\n" + next.body());
            }
        }
        if (!isCallback(next)) {
            throw new AssertionError("phone sign-in did not finish (" + next.status() + "):\n" + next.body());
        }
        String code = URI.create(next.header("Location")).getRawQuery().replaceAll(".*(^|&)code=([^&]+).*", "$2");
        Http.Response token = browser.postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", "spa", "code",
                java.net.URLDecoder.decode(code, StandardCharsets.UTF_8), "redirect_uri", "http://localhost:3000/callback",
                "code_verifier", verifier));
        AdminApi.expect(token, 200, "phone token");
        return token.json().get("access_token").asText();
    }

    private static boolean isCallback(Http.Response r) {
        return r.status() == 302 && String.valueOf(r.header("Location")).startsWith("http://localhost:3000/callback");
    }

    /**
     * RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of alice's secret, as Keycloak computes it; never the code of a window
     * already used (Keycloak refuses a code twice).
     */
    private String totp() {
        try {
            long window = System.currentTimeMillis() / 1000 / 30;
            if (window == lastOtpWindow) {
                Thread.sleep((window + 1) * 30_000 - System.currentTimeMillis() + 200);
                window = System.currentTimeMillis() / 1000 / 30;
            }
            lastOtpWindow = window;
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(otpSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(window).array());
            int o = h[h.length - 1] & 0xf;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
