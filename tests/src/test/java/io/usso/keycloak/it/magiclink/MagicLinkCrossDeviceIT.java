package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, section 4: the attacker who asks for a link for someone else's address in their own browser. By default
 * the person's click on their own device signs nobody in; a tenant that allows cross-device confirmation needs the
 * number shown in the asking window (a wrong number uses the link up); a stranger's request never supersedes the
 * person's own pending link; an account whose address is not verified is never signed in by it.
 */
class MagicLinkCrossDeviceIT extends TenantIT {

    private static final String PASSWORD = "Cross-Device-2026!";

    private Mailbox mail;
    private MagicLinkFlow flow;

    @Override
    protected void setUpTenant() {
        mail = Mailbox.start();
        mail.configure(admin, realm);
        flow = MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "1000", "links-per-address", "1000"));
    }

    @AfterAll
    void stopMail() {
        if (mail != null) {
            mail.close();
        }
    }

    private String user(String name, boolean emailVerified) {
        admin.createUser(realm, name, PASSWORD, Map.of("emailVerified", emailVerified));
        return name + "@example.test";
    }

    private LinkLogin asks(String address) {
        LinkLogin login = new LinkLogin(realmUrl()).start();
        Http.Response waiting = login.request(address);
        assertEquals(200, waiting.status(), waiting.body());
        assertTrue(waiting.body().contains("id=\"usso-ml-waiting\""), waiting.body());
        return login;
    }

    private String status(LinkLogin login) {
        return login.status().json().get("status").asText();
    }

    @Test
    void byDefaultTheVictimsClickDoesNotSignTheAttackerIn() {
        String victim = user("vera", true);
        LinkLogin attacker = asks(victim);
        assertFalse(attacker.page().contains("id=\"usso-ml-code\""), "same-browser mode shows no number");
        String link = mail.awaitLink(victim, 1);

        LinkLogin victimsPhone = new LinkLogin(realmUrl());
        Http.Response opened = victimsPhone.browser.get(link);
        assertEquals(409, opened.status(), opened.body());
        assertTrue(opened.body().contains("data-state=\"open-in-asking-browser\""), opened.body());
        assertFalse(opened.body().contains("usso-ml-confirm-form"), "nothing to confirm in another browser");
        assertEquals("pending", status(attacker));
        Http.Response checked = attacker.check();
        assertEquals(200, checked.status());
        assertTrue(checked.body().contains("id=\"usso-ml-waiting\""), "the attacker's window still waits");

        // the link was not used up: the browser that asked could still use it, nobody else
        assertEquals(409, Http.withCookies().get(link).status());
    }

    @Test
    void crossDeviceNeedsTheNumberOfTheAskingWindowAndAWrongNumberUsesTheLinkUp() {
        flow.set(Map.of("cross-device", "return-to-first-window"));
        try {
            String address = user("cora", true);
            LinkLogin first = asks(address);
            String number = first.crossDeviceCode();
            String link = mail.awaitLink(address, 1);

            LinkLogin phone = new LinkLogin(realmUrl());
            String confirmPage = phone.browser.get(link).body();
            assertTrue(confirmPage.contains("id=\"usso-ml-code-input\""), confirmPage);
            Http.Response noNumber = phone.confirmForm(confirmPage, null);
            assertEquals(200, noNumber.status());
            assertTrue(noNumber.body().contains("usso-ml-confirm-form"), "asked again, nothing used");

            Http.Response wrong = phone.confirmForm(noNumber.body(), LinkLogin.otherCode(number));
            assertEquals(403, wrong.status(), wrong.body());
            assertTrue(wrong.body().contains("data-state=\"wrong-code\""), wrong.body());
            assertEquals("refused", status(first), "the asking window is told");
            assertEquals(410, Http.plain().get(link).status(), "one guess per link");
            Http.Response stillWaiting = first.check();
            assertTrue(stillWaiting.body().contains("id=\"usso-ml-waiting\""), "a refusal signs nobody in");
            String events = admin.getJson("/" + realm + "/events?type=VERIFY_EMAIL_ERROR&max=50").toString();
            assertTrue(events.contains("wrong_code"), events);

            first.resend();
            String newNumber = first.crossDeviceCode();
            String second = mail.awaitLink(address, 2);
            assertEquals("pending", status(first), "a new link starts over");
            Http.Response right = new LinkLogin(realmUrl()).openAndConfirm(second, newNumber);
            assertEquals(200, right.status(), right.body());
            assertTrue(right.body().contains("data-state=\"return-to-first-window\""), right.body());
            assertNotNull(first.followToCode(first.check()));
        } finally {
            flow.set(Map.of("cross-device", "same-browser"));
        }
    }

    @Test
    void aStrangersRequestFromAnotherBrowserDoesNotKillThePersonsLink() {
        String address = user("sina", true);
        LinkLogin person = asks(address);
        String own = mail.awaitLink(address, 1);
        asks(address); // someone else types the same address in their own browser
        mail.awaitLink(address, 2);
        Http.Response confirmed = person.openAndConfirm(own);
        assertEquals(303, confirmed.status(), confirmed.body());
        String code = person.followToCode(confirmed);
        assertNotNull(code);
    }

    @Test
    void anAccountWhoseAddressIsNotVerifiedIsNeverSignedInByIt() throws InterruptedException {
        String unverified = user("pria", false);
        String verified = user("pedro", true);
        asks(verified);
        LinkLogin login = asks(unverified);
        assertTrue(login.page().contains("id=\"usso-ml-waiting\""), "the same neutral page as an unknown address");
        mail.awaitLink(verified, 1);
        Thread.sleep(1500);
        assertTrue(mail.to(unverified).isEmpty(), "no link to an unproven address");
        String events = admin.getJson("/" + realm + "/events?type=SEND_VERIFY_EMAIL_ERROR&max=50").toString();
        assertTrue(events.contains("email_not_verified"), events);
    }
}
