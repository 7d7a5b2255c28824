package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.it.support.OidcLogin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The magic link driven over plain HTTP against the real server and a real SMTP server: what people, e-mail link
 * scanners and attackers do with a link, step by step (replays, forged confirmations, other tenants, unknown
 * addresses, registration on first link, events).
 */
class MagicLinkIT extends TenantIT {

    private static final String PASSWORD = "Magic-Link-2026!";
    private static final String MIRA = "mira@example.test";

    private Mailbox mail;
    private MagicLinkFlow flow;
    private String miraId;
    private String otherRealm;

    @Override
    protected void setUpTenant() {
        mail = Mailbox.start();
        mail.configure(admin, realm);
        miraId = admin.createUser(realm, "mira", PASSWORD, Map.of());
        admin.createUser(realm, "dara", PASSWORD, Map.of("enabled", false));
        flow = MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "1000", "links-per-address", "1000"));
    }

    @AfterAll
    void cleanUp() {
        if (mail != null) {
            mail.close();
        }
        if (otherRealm != null) {
            admin.deleteRealm(otherRealm);
        }
    }

    /** Requests a link for {@code address} in a new login and returns the login and the link. */
    private LinkLogin requestLink(String address, String[] linkOut) {
        int before = mail.to(address).size();
        LinkLogin login = new LinkLogin(realmUrl()).start();
        Http.Response waiting = login.request(address);
        assertEquals(200, waiting.status(), waiting.body());
        assertTrue(waiting.body().contains("id=\"usso-ml-waiting\""), waiting.body());
        linkOut[0] = mail.awaitLink(address, before + 1);
        return login;
    }

    @Test
    void sameBrowserLinkCompletesTheLoginAndTheAppGetsACode() {
        String[] link = new String[1];
        LinkLogin login = requestLink(MIRA, link);
        assertTrue(link[0].startsWith(realmUrl() + "/magic-link/open?token="), link[0]);

        Http.Response confirmed = login.openAndConfirm(link[0]);
        assertEquals(303, confirmed.status(), confirmed.body());
        assertTrue(confirmed.header("Location").contains("/login-actions/authenticate"), confirmed.header("Location"));
        String code = login.followToCode(confirmed);
        assertTrue(login.lastRedirect.contains("state=" + login.state), login.lastRedirect);

        JsonNode claims = OidcLogin.claims(login.exchange(code).get("access_token").asText());
        assertEquals(miraId, claims.get("sub").asText());
        List<String> amr = new ArrayList<>();
        claims.path("amr").forEach(v -> amr.add(v.asText()));
        assertTrue(amr.contains("email"), "amr records the e-mail link: " + claims);
        assertFalse(amr.contains("pwd"), "no password was used: " + claims);
    }

    @Test
    void emailShowsTheDeviceTheTimeAndAThisWasntMeHintInTheLoginLanguage() {
        String lena = address("lena");
        new LinkLogin(realmUrl()).start().request(lena);
        MimeMessage english = mail.await(lena, 1, Duration.ofSeconds(20));
        String text = Mailbox.text(english);
        assertTrue(Mailbox.subject(english).contains("Tenant MagicLinkIT"), Mailbox.subject(english));
        assertTrue(text.contains("This wasn't you?"), text);
        assertTrue(text.contains(" UTC"), "request time: " + text);
        assertTrue(text.contains("127.0.0.1") || text.contains("0:0:0:0:0:0:0:1"), "requesting address: " + text);
        assertTrue(text.contains("15 minutes"), text);
        assertTrue(Mailbox.html(english).contains("dir=\"ltr\""), "HTML part");

        Http.Response persianPage = new LinkLogin(realmUrl()).inLanguage("fa").start().request(lena);
        assertTrue(persianPage.body().contains("dir=\"rtl\""), "the asking page is Persian");
        MimeMessage persian = mail.await(lena, 2, Duration.ofSeconds(20));
        assertTrue(Mailbox.text(persian).contains("سلام"), Mailbox.text(persian));
        assertTrue(Mailbox.html(persian).contains("dir=\"rtl\""), Mailbox.html(persian));
        Mailbox.link(persian);
    }

    @Test
    void scannerGetsUseNothingAndThePersonStillSignsIn() {
        String[] link = new String[1];
        LinkLogin login = requestLink(MIRA, link);
        for (int i = 0; i < 3; i++) {
            Http.Response scanned = Http.plain().get(link[0], "User-Agent", "Mozilla/5.0 (compatible; LinkScanner/1.0)");
            // another browser than the one that asked: by default it is told to open the link there, nothing used
            assertEquals(409, scanned.status(), scanned.body());
            assertTrue(scanned.body().contains("data-state=\"open-in-asking-browser\""), scanned.body());
            assertEquals("no-referrer", scanned.header("Referrer-Policy"));
            assertTrue(scanned.header("Cache-Control").contains("no-store"));
        }
        assertNotNull(login.followToCode(login.openAndConfirm(link[0])));
    }

    @Test
    void aUsedLinkCannotBeReplayed() {
        flow.set(Map.of("cross-device", "return-to-first-window")); // so that another browser gets a confirm page
        try {
            usedLinkCannotBeReplayed();
        } finally {
            flow.set(Map.of("cross-device", "same-browser"));
        }
    }

    private void usedLinkCannotBeReplayed() {
        String[] link = new String[1];
        LinkLogin login = requestLink(MIRA, link);
        Http attacker = Http.withCookies();
        String attackerPage = attacker.get(link[0]).body(); // seen (e.g. from a forwarded mail) before it is used
        assertNotNull(login.followToCode(login.openAndConfirm(link[0])));

        Http.Response replay = attacker.postForm(OidcLogin.formAction(attackerPage, "usso-ml-confirm-form"), Map.of(
                "token", LinkLogin.field(attackerPage, "token"),
                "confirm_id", LinkLogin.field(attackerPage, "confirm_id"), "code", "42"));
        assertEquals(410, replay.status(), replay.body());
        assertTrue(replay.body().contains("data-state=\"already_used\""), replay.body());
        Http.Response again = Http.plain().get(link[0]);
        assertEquals(410, again.status());
        assertTrue(again.body().contains("data-state=\"already_used\""));
    }

    @Test
    void aConfirmationNotPostedByTheConfirmPageUsesNothing() {
        flow.set(Map.of("cross-device", "return-to-first-window")); // so that another browser gets a confirm page
        try {
            confirmationNotPostedByTheConfirmPageUsesNothing();
        } finally {
            flow.set(Map.of("cross-device", "same-browser"));
        }
    }

    private void confirmationNotPostedByTheConfirmPageUsesNothing() {
        String[] link = new String[1];
        LinkLogin login = requestLink(MIRA, link);
        String page = Http.withCookies().get(link[0]).body();
        // forged: the form's values without the page's cookie (a cross-site form, a script)
        Http.Response forged = Http.plain().postForm(OidcLogin.formAction(page, "usso-ml-confirm-form"), Map.of(
                "token", LinkLogin.field(page, "token"), "confirm_id", LinkLogin.field(page, "confirm_id")));
        assertEquals(200, forged.status());
        assertTrue(forged.body().contains("usso-ml-confirm-form"), "shown the confirm page again");
        assertFalse(forged.body().contains("data-state"), forged.body());
        assertNotNull(login.followToCode(login.openAndConfirm(link[0])), "the link still works");
    }

    @Test
    void eMailsOfATenantGoOutOverOneReusedSmtpConnection() {
        JsonNode before = smtpPool();
        String[] link = new String[1];
        for (int i = 0; i < 3; i++) {
            requestLink(MIRA, link);
        }
        JsonNode after = smtpPool();
        long reused = after.get("connections-reused").asLong() - before.get("connections-reused").asLong();
        long opened = after.get("connections-opened").asLong() - before.get("connections-opened").asLong();
        assertTrue(reused >= 2, "reused " + reused + ", opened " + opened);
        assertTrue(opened <= 1, "opened " + opened);
    }

    private JsonNode smtpPool() {
        return admin.serverInfo().path("providers").path("emailSender").path("providers").path("usso-pooled-smtp")
                .path("operationalInfo");
    }

    @Test
    void onlyTheNewestLinkWorks() {
        String nora = address("nora");
        String[] first = new String[1];
        LinkLogin login = requestLink(nora, first);
        String firstPage = login.browser.get(first[0]).body(); // opened, not confirmed
        Http.Response resent = login.resend();
        assertEquals(200, resent.status());
        assertTrue(resent.body().contains("id=\"usso-ml-waiting\""), resent.body());
        String second = mail.awaitLink(nora, 2);

        Http.Response old = Http.plain().get(first[0]);
        assertEquals(410, old.status());
        assertTrue(old.body().contains("data-state=\"superseded\""), old.body());
        Http.Response oldConfirmed = login.confirmForm(firstPage);
        assertEquals(410, oldConfirmed.status(), "cannot be confirmed either");
        assertNotNull(login.followToCode(login.openAndConfirm(second)));
    }

    @Test
    void anotherTenantCannotUseTheLink() {
        otherRealm = realm + "-other";
        admin.createRealm(RealmTemplates.tenant(otherRealm, "Other"));
        String[] link = new String[1];
        LinkLogin login = requestLink(MIRA, link);
        String elsewhere = link[0].replace("/realms/" + realm + "/", "/realms/" + otherRealm + "/");
        Http.Response shown = Http.withCookies().get(elsewhere);
        assertEquals(400, shown.status());
        assertTrue(shown.body().contains("data-state=\"invalid\""), shown.body());
        assertNotNull(login.followToCode(login.openAndConfirm(link[0])), "not used by the refusal");
    }

    @Test
    void firstWindowCompletesAfterAConfirmationOnAnotherDevice() {
        flow.set(Map.of("cross-device", "return-to-first-window"));
        try {
            firstWindowCompletesAfterACodeConfirmationOnAnotherDevice();
        } finally {
            flow.set(Map.of("cross-device", "same-browser"));
        }
    }

    private void firstWindowCompletesAfterACodeConfirmationOnAnotherDevice() {
        String[] link = new String[1];
        LinkLogin first = requestLink(MIRA, link);
        String number = first.crossDeviceCode();
        String status = first.statusUrl();
        assertEquals("pending", first.browser.get(status).json().get("status").asText());
        assertEquals(404, Http.plain().get(status).status(), "another browser learns nothing of this sign-in");
        assertEquals(400, Http.plain().get(realmUrl() + "/magic-link/status?handle=x").status());

        Http.Response checkedEarly = first.check();
        assertEquals(200, checkedEarly.status());
        assertTrue(checkedEarly.body().contains("id=\"usso-ml-waiting\""), "still waiting");

        LinkLogin phone = new LinkLogin(realmUrl());
        Http.Response onPhone = phone.openAndConfirm(link[0], number);
        assertEquals(200, onPhone.status(), onPhone.body());
        assertTrue(onPhone.body().contains("data-state=\"return-to-first-window\""), onPhone.body());
        assertEquals("confirmed", first.browser.get(status).json().get("status").asText());

        String code = first.followToCode(first.check());
        assertEquals(miraId, OidcLogin.claims(first.exchange(code).get("access_token").asText()).get("sub").asText());
        Http.Response after = first.browser.get(status);
        assertTrue(after.status() == 404 || "pending".equals(after.json().path("status").asText()),
                "taken by the login: " + after.body());
    }

    @Test
    void unknownAndDisabledAddressesGetTheSamePageAndNoMail() {
        int before = mail.to(MIRA).size();
        Http.Response known = new LinkLogin(realmUrl()).start().request(MIRA);
        Http.Response unknown = new LinkLogin(realmUrl()).start().request("ghost@example.test");
        Http.Response disabled = new LinkLogin(realmUrl()).start().request("dara@example.test");
        String expected = visible(known.body(), MIRA);
        assertEquals(expected, visible(unknown.body(), "ghost@example.test"));
        assertEquals(expected, visible(disabled.body(), "dara@example.test"));
        assertEquals(known.status(), unknown.status());

        mail.await(MIRA, before + 1, Duration.ofSeconds(20));
        sleep(2000);
        assertTrue(mail.to("ghost@example.test").isEmpty(), "no mail to an unknown address");
        assertTrue(mail.to("dara@example.test").isEmpty(), "no mail to a disabled account");

        // same time: the e-mail leaves off the request thread
        List<Long> knownMillis = new ArrayList<>();
        List<Long> unknownMillis = new ArrayList<>();
        String timo = address("timo");
        for (int i = 0; i < 7; i++) {
            knownMillis.add(timed(timo));
            unknownMillis.add(timed("ghost" + i + "@example.test"));
        }
        long difference = Math.abs(median(knownMillis) - median(unknownMillis));
        assertTrue(difference < 250, "median known " + median(knownMillis) + " ms vs unknown " + median(unknownMillis)
                + " ms");

        String events = admin.getJson("/" + realm + "/events?type=SEND_VERIFY_EMAIL_ERROR&max=200").toString();
        assertTrue(events.contains("user_not_found"), events);
        assertTrue(events.contains("user_disabled"), events);
    }

    @Test
    void registrationOnFirstLinkCreatesAVerifiedAccountWhenTheTenantAllowsIt() {
        String newcomer = "newcomer@example.test";
        new LinkLogin(realmUrl()).start().request(newcomer);
        sleep(1500);
        assertTrue(mail.to(newcomer).isEmpty(), "registration is off by default");

        flow.set(Map.of("allow-registration", "true"));
        ObjectNode rep = (ObjectNode) admin.getJson("/" + realm);
        rep.put("registrationAllowed", true);
        AdminApi.expect(admin.put("/" + realm, rep), 204, "allow registration");
        try {
            String[] link = new String[1];
            LinkLogin login = requestLink(newcomer, link);
            assertEquals(0, admin.getJson("/" + realm + "/users?email=" + newcomer + "&exact=true").size(),
                    "no account before the link is used");
            Http.Response end = login.follow(login.openAndConfirm(link[0]));
            JsonNode users = admin.getJson("/" + realm + "/users?email=" + newcomer + "&exact=true");
            assertEquals(1, users.size(), "account created: " + end.status());
            assertTrue(users.get(0).get("emailVerified").asBoolean());
            assertTrue(users.get(0).get("enabled").asBoolean());
            String events = admin.getJson("/" + realm + "/events?type=REGISTER&max=50").toString();
            assertTrue(events.contains("magic-link"), events);
        } finally {
            flow.set(Map.of("allow-registration", "false"));
            rep = (ObjectNode) admin.getJson("/" + realm);
            rep.put("registrationAllowed", false);
            admin.put("/" + realm, rep);
        }
    }

    @Test
    void asSecondFactorTheLinkGoesToTheAccountThePasswordIdentified() {
        ObjectNode flowRep = Http.JSON.createObjectNode();
        flowRep.put("alias", "password-then-link");
        flowRep.put("providerId", "basic-flow");
        flowRep.put("topLevel", true);
        flowRep.put("builtIn", false);
        AdminApi.expect(admin.post("/" + realm + "/authentication/flows", flowRep), 201, "flow");
        for (String provider : new String[] {"auth-username-password-form", "usso-magic-link"}) {
            AdminApi.expect(admin.post("/" + realm + "/authentication/flows/password-then-link/executions/execution",
                    Map.of("provider", provider)), 201, provider);
        }
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/password-then-link/executions")) {
            ((ObjectNode) execution).put("requirement", "REQUIRED");
            admin.put("/" + realm + "/authentication/flows/password-then-link/executions", execution);
        }
        String flowId = null;
        for (JsonNode f : admin.getJson("/" + realm + "/authentication/flows")) {
            if (f.get("alias").asText().equals("password-then-link")) {
                flowId = f.get("id").asText();
            }
        }
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", "mfa-app");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.set("redirectUris", Http.JSON.valueToTree(List.of("http://localhost:5000/*")));
        client.set("authenticationFlowBindingOverrides", Http.JSON.valueToTree(Map.of("browser", flowId)));
        admin.createClient(realm, client);

        String pia = address("pia");
        LinkLogin login = new LinkLogin(realmUrl(), "mfa-app", "http://localhost:5000/cb", false);
        Http.Response waiting = login.startWithPassword("pia", PASSWORD);
        assertEquals(200, waiting.status(), waiting.body());
        assertTrue(waiting.body().contains("id=\"usso-ml-waiting\""), "link sent without asking: " + waiting.body());
        assertFalse(waiting.body().contains("usso-ml-change-form"), "no other address for an identified user");
        String link = mail.awaitLink(pia, 1);
        String code = login.followToCode(login.openAndConfirm(link));
        JsonNode claims = OidcLogin.claims(login.exchange(code).get("access_token").asText());
        List<String> amr = new ArrayList<>();
        claims.path("amr").forEach(v -> amr.add(v.asText()));
        assertTrue(amr.contains("pwd") && amr.contains("email"), "both factors recorded: " + amr);
    }

    @Test
    void eventsRecordSendsAndUsesButNeverASecret() {
        String[] link = new String[1];
        LinkLogin login = requestLink(MIRA, link);
        login.followToCode(login.openAndConfirm(link[0]));
        String token = link[0].substring(link[0].indexOf("token=") + 6);

        JsonNode events = admin.getJson("/" + realm + "/events?max=500");
        String all = events.toString();
        assertFalse(all.contains(token), "an event holds the link token");
        boolean sent = false;
        boolean used = false;
        boolean loggedIn = false;
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            String ussoEvent = event.path("details").path("usso_event").asText();
            sent |= type.equals("SEND_VERIFY_EMAIL") && ussoEvent.equals("MAGIC_LINK_SENT");
            used |= type.equals("VERIFY_EMAIL") && ussoEvent.equals("MAGIC_LINK_USED");
            loggedIn |= type.equals("LOGIN") && ussoEvent.equals("MAGIC_LINK_USED")
                    && event.path("details").path("usso_auth_method").asText().equals("magic-link");
        }
        assertTrue(sent && used && loggedIn, "send, use and login events: " + all);
    }

    /** Creates a user of its own for one test (mails of other tests never mix in) and returns its address. */
    private String address(String username) {
        admin.createUser(realm, username, PASSWORD, Map.of());
        return username + "@example.test";
    }

    private long timed(String address) {
        LinkLogin login = new LinkLogin(realmUrl()).start();
        long start = System.nanoTime();
        login.request(address);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The waiting part of a page, with what legitimately differs (address, handle, times) blanked. */
    private static String visible(String page, String address) {
        int start = page.indexOf("<div id=\"usso-ml-waiting\"");
        int end = page.indexOf("</div>", start);
        assertTrue(start >= 0 && end > start, page);
        return page.substring(start, end).replace(address, "ADDRESS")
                .replaceAll("data-status-url=\"[^\"]*\"", "")
                .replaceAll("(id=\"usso-ml-code\"[^>]*>)\\d+", "$1")
                .replaceAll("data-expires-at=\"[^\"]*\"", "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
