package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

class OtpIssuerTest {

    private final OtpHasher hasher = new OtpHasher();
    private final OtpIssuer issuer = new OtpIssuer(new OtpCodeGenerator(), hasher, new SendTimings(0));
    private final Fakes.SingleUse singleUse = new Fakes.SingleUse();
    private final Map<String, String> notes = new HashMap<>();
    private final OtpStore store = new OtpStore(Fakes.authSession(notes), "usso.otp.email.login");
    private RecordingChannel channel = new RecordingChannel();
    private final Map<String, String> realmAttributes = new java.util.concurrent.ConcurrentHashMap<>();
    private final OtpEvents events = mock(OtpEvents.class);
    private KeycloakSession session;
    private RealmModel realm;
    private UserModel user;
    private String ip = "203.0.113.7";

    @BeforeEach
    void setUp() {
        session = mock(KeycloakSession.class);
        KeycloakContext context = mock(KeycloakContext.class);
        ClientConnection connection = mock(ClientConnection.class);
        when(session.getContext()).thenReturn(context);
        when(context.getConnection()).thenReturn(connection);
        when(connection.getRemoteAddr()).thenAnswer(i -> ip);
        when(session.singleUseObjects()).thenReturn(singleUse);
        realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn("realm-1");
        when(realm.getName()).thenReturn("acme");
        when(realm.getAttribute(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(i -> realmAttributes.get(i.<String>getArgument(0)));
        user = mock(UserModel.class);
        when(user.getId()).thenReturn("user-1");
    }

    private OtpIssuer.Outcome issue(Map<String, String> settings, String destination, UserModel to, long now) {
        return issuer.issue(new OtpIssuer.Request(session, realm, null, channel, OtpConfig.parse(settings), settings,
                store, "login", destination, to, events), now);
    }

    private OtpVerdict check(String code, long now) {
        return new OtpCodeCheck(hasher, new AttemptCounter(singleUse, "realm-1"))
                .check(store, "email:login", code, OtpConfig.defaults(), now).verdict();
    }

    @Test
    void aSentCodeIsStoredOnlyAsAHashThatMatchesIt() {
        OtpIssuer.Outcome outcome = issue(Map.of(), "dana@example.com", user, 1000);
        assertEquals(OtpIssuer.Kind.SENT, outcome.kind());
        String code = channel.codes.get(0);
        assertFalse(notes.values().stream().anyMatch(v -> v.contains(code)), "code must not be stored in clear");
        assertEquals("dana@example.com", channel.destinations.get(0));
        assertTrue(channel.devices.get(0).contains("203.0.113.7"), channel.devices.get(0));
        verify(events).sent(user);
        assertEquals(OtpVerdict.ACCEPTED, check(code, 1001));
    }

    @Test
    void resendWaitsForTheCooldownAndOnlyTheNewestCodeWorks() {
        issue(Map.of(), "dana@example.com", user, 1000);
        assertEquals(OtpIssuer.Kind.COOLDOWN, issue(Map.of(), "dana@example.com", user, 1010).kind());
        assertEquals(20, issue(Map.of(), "dana@example.com", user, 1010).seconds());
        assertEquals(1, channel.codes.size(), "nothing sent during the cool-down");
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "dana@example.com", user, 1030).kind());
        String older = channel.codes.get(0);
        String newer = channel.codes.get(1);
        if (!older.equals(newer)) {
            assertEquals(OtpVerdict.REJECTED, check(older, 1031), "the older code no longer works");
        }
        assertEquals(OtpVerdict.ACCEPTED, check(newer, 1032));
    }

    @Test
    void aFailedSendChangesNothingAndDoesNotUseUpTheAddressesSends() {
        issue(Map.of(), "dana@example.com", user, 1000);
        String first = channel.codes.get(0);
        channel.failing = true;
        for (int i = 0; i < 8; i++) {
            OtpIssuer.Outcome outcome = issue(Map.of(), "dana@example.com", user, 1030 + i);
            assertEquals(OtpIssuer.Kind.FAILED, outcome.kind());
            assertEquals("gateway_down", outcome.reason());
        }
        verify(events, times(8)).sendFailed(user, OtpEvents.ERROR_SEND_FAILED, "gateway_down");
        assertEquals(OtpVerdict.ACCEPTED, check(first, 1040), "the previous code still works");
        channel.failing = false;
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "dana@example.com", user, 1100).kind(),
                "eight failures did not use up the five sends of the address");
    }

    @Test
    void duringAnOutageUnknownIdentifiersGetTheSameFailureAsRealAccounts() {
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "nobody@example.com", null, 1000).kind(), "decoy");
        channel.failing = true;
        assertEquals(OtpIssuer.Kind.FAILED, issue(Map.of(), "dana@example.com", user, 1010).kind());
        OtpIssuer.Outcome unknown = issue(Map.of(), "nobody2@example.com", null, 1020);
        assertEquals(OtpIssuer.Kind.FAILED, unknown.kind(), "an outage must not tell unknown from known identifiers");
        assertEquals("nobody@example.com", store.read().orElseThrow().destination(), "nothing stored for it");
        verify(events, times(2)).sendFailed(isNull(), eq("user_not_found"), eq("unknown_identifier"));
        assertTrue(singleUse.contains("usso-otp-outage:realm-1:email"), "cluster-wide note of the outage");

        channel.failing = false;
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "dana@example.com", user, 1100).kind());
        assertFalse(singleUse.contains("usso-otp-outage:realm-1:email"), "a delivered code ends the outage");
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "nobody3@example.com", null, 1200).kind());
        assertTrue(store.read().orElseThrow().decoy(), "decoys again once codes go out");
    }

    @Test
    void anOutageOfOneTenantDoesNotChangeAnotherTenantsAnswers() {
        channel.failing = true;
        issue(Map.of(), "dana@example.com", user, 1000);
        when(realm.getId()).thenReturn("realm-2");
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "nobody@example.com", null, 1010).kind());
    }

    @Test
    void unknownIdentifiersGetADecoyAndNothingIsSent() {
        OtpIssuer.Outcome outcome = issue(Map.of(), "nobody@example.com", null, 1000);
        assertEquals(OtpIssuer.Kind.SENT, outcome.kind());
        assertTrue(channel.codes.isEmpty());
        OtpState state = store.read().orElseThrow();
        assertTrue(state.decoy());
        assertEquals("nobody@example.com", state.destination());
        verify(events).sendFailed(isNull(), eq("user_not_found"), eq("unknown_identifier"));
        assertEquals(OtpIssuer.Kind.COOLDOWN, issue(Map.of(), "nobody@example.com", null, 1001).kind(),
                "decoys follow the same cool-down");
    }

    @Test
    void theAddressLimitAppliesToRealAndUnknownIdentifiersAlike() {
        Map<String, String> noCooldown = Map.of(OtpConfig.RESEND_COOLDOWN_SECONDS, "0");
        for (UserModel to : new UserModel[] {user, null}) {
            String address = to == null ? "nobody@example.com" : "dana@example.com";
            for (int i = 0; i < 5; i++) {
                assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, address, to, 1000 + i).kind());
            }
            OtpIssuer.Outcome limited = issue(noCooldown, address, to, 1010);
            assertEquals(OtpIssuer.Kind.RATE_LIMITED, limited.kind());
            assertTrue(limited.seconds() > 0 && limited.seconds() <= 900);
        }
        verify(events, times(2)).sendFailed(any(), eq(OtpEvents.ERROR_RATE_LIMITED), eq("rate_limited"));
    }

    @Test
    void theIpLimitCountsAcrossAddresses() {
        Map<String, String> settings = Map.of(OtpConfig.SENDS_PER_IP, "3");
        for (int i = 0; i < 3; i++) {
            assertEquals(OtpIssuer.Kind.SENT, issue(settings, "user" + i + "@example.com", user, 1000).kind());
        }
        assertEquals(OtpIssuer.Kind.RATE_LIMITED, issue(settings, "user9@example.com", user, 1000).kind());
        ip = "198.51.100.1";
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "user9@example.com", user, 1000).kind());
    }

    @Test
    void limitsAreKeptPerTenant() {
        Map<String, String> settings = Map.of(OtpConfig.SENDS_PER_IP, "1");
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "a@example.com", user, 1000).kind());
        assertEquals(OtpIssuer.Kind.RATE_LIMITED, issue(settings, "b@example.com", user, 1000).kind());
        when(realm.getId()).thenReturn("realm-2");
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "b@example.com", user, 1000).kind());
        verify(events, never()).sendFailed(any(), eq(OtpEvents.ERROR_SEND_FAILED), any());
    }

    private OtpIssuer.Outcome issue(OtpStore to, Map<String, String> settings, String destination, UserModel user,
            long now) {
        return issuer.issue(new OtpIssuer.Request(session, realm, null, channel, OtpConfig.parse(settings), settings,
                to, "login", destination, user, events), now);
    }

    private static UserModel user(String id) {
        UserModel u = mock(UserModel.class);
        when(u.getId()).thenReturn(id);
        return u;
    }

    @Test
    void parallelRequestsForOneNumberNeverGetMoreThanItsLimit() throws Exception {
        Map<String, String> settings = Map.of(OtpConfig.RESEND_COOLDOWN_SECONDS, "0", OtpConfig.SENDS_PER_IP, "0");
        int threads = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                OtpStore own = new OtpStore(Fakes.authSession(new java.util.concurrent.ConcurrentHashMap<>()),
                        "usso.otp.email.login");
                start.await();
                int sent = 0;
                for (int i = 0; i < 5; i++) {
                    sent += issue(own, settings, "dana@example.com", user, 1000).kind() == OtpIssuer.Kind.SENT ? 1 : 0;
                }
                return sent;
            }));
        }
        start.countDown();
        int total = 0;
        for (java.util.concurrent.Future<Integer> f : results) {
            total += f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(OtpConfig.DEFAULT_SENDS_PER_IDENTIFIER, total, "check-then-record would let races overshoot");
        assertEquals(OtpConfig.DEFAULT_SENDS_PER_IDENTIFIER, channel.codes.size());
    }

    @Test
    void smsToACountryTheTenantDoesNotAllowIsRefusedBeforeAnyLimitOrGateway() {
        channel = new RecordingChannel(SmsOtpChannel.ID);
        OtpIssuer.Outcome us = issue(Map.of(), "12025550123", user, 1000);
        assertEquals(OtpIssuer.Kind.REFUSED, us.kind(), "default: only the default region's country (IR)");
        assertEquals("country_not_allowed", us.reason());
        assertEquals(OtpIssuer.Kind.REFUSED, issue(Map.of(), "12025550124", null, 1000).kind(),
                "unknown numbers alike");
        assertTrue(channel.codes.isEmpty(), "the gateway was not called");
        verify(events, times(2)).sendFailed(any(), eq(OtpEvents.ERROR_NOT_ALLOWED), eq("country_not_allowed"));
        assertTrue(singleUse.entries.keySet().stream().noneMatch(k -> k.startsWith("usso-otp-send")),
                "nothing counted");
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "989121234567", user, 1000).kind());

        realmAttributes.put("usso.security.sms-country-codes", "98, 1");
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "12025550125", user, 1100).kind(), "listed by the tenant");
        realmAttributes.put("usso.security.sms-country-codes", "44");
        assertEquals(OtpIssuer.Kind.REFUSED, issue(Map.of(), "989121234567", user, 1200).kind(),
                "a list replaces the default region");
        realmAttributes.put("usso.security.sms-country-codes", "*");
        assertEquals(OtpIssuer.Kind.SENT, issue(Map.of(), "447700900123", user, 1300).kind());
    }

    @Test
    void oneAccountGetsAtMostItsSmsPerHourWhateverTheNumbers() {
        channel = new RecordingChannel(SmsOtpChannel.ID);
        realmAttributes.put("usso.security.sms-per-user-per-hour", "3");
        Map<String, String> noCooldown = Map.of(OtpConfig.RESEND_COOLDOWN_SECONDS, "0");
        for (int i = 0; i < 3; i++) {
            ip = "198.51.100." + i;
            assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "98912123450" + i, user, 1000).kind());
        }
        OtpIssuer.Outcome limited = issue(noCooldown, "989121234509", user, 1001);
        assertEquals(OtpIssuer.Kind.RATE_LIMITED, limited.kind());
        assertEquals("user_rate_limited", limited.reason());
        assertTrue(limited.seconds() > 0 && limited.seconds() <= 3600);
        assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "989121234509", user("user-2"), 1002).kind(),
                "another account is not affected, and the refusal gave the number's slot back");
    }

    @Test
    void theDailyCapCountsAcrossHours() {
        channel = new RecordingChannel(SmsOtpChannel.ID);
        realmAttributes.put("usso.security.sms-per-user-per-day", "2");
        Map<String, String> noCooldown = Map.of(OtpConfig.RESEND_COOLDOWN_SECONDS, "0");
        long day = 86_400 * 20_000L;
        assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "989121234501", user, day + 100).kind());
        assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "989121234502", user, day + 4000).kind());
        assertEquals("user_rate_limited", issue(noCooldown, "989121234503", user, day + 8000).reason());
        assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "989121234503", user, day + 86_400).kind(), "next day");
    }

    @Test
    void failedSmsDoNotUseUpTheAccountsCap() {
        channel = new RecordingChannel(SmsOtpChannel.ID);
        realmAttributes.put("usso.security.sms-per-user-per-hour", "2");
        Map<String, String> noCooldown = Map.of(OtpConfig.RESEND_COOLDOWN_SECONDS, "0");
        channel.failing = true;
        for (int i = 0; i < 5; i++) {
            assertEquals(OtpIssuer.Kind.FAILED, issue(noCooldown, "989121234567", user, 1000 + i).kind());
        }
        channel.failing = false;
        assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "989121234567", user, 1010).kind());
        assertEquals(OtpIssuer.Kind.SENT, issue(noCooldown, "989121234567", user, 1011).kind());
    }

    @Test
    void anExhaustedTenantBudgetStopsEverySenderAndAnswersUnknownNumbersAlike() {
        channel = new RecordingChannel(SmsOtpChannel.ID);
        realmAttributes.put("usso.security.sms-per-hour", "2");
        for (int i = 0; i < 2; i++) {
            ip = "203.0.113." + (10 + i);
            assertEquals(OtpIssuer.Kind.SENT, issue(new OtpStore(Fakes.authSession(new HashMap<>()), "s" + i), Map.of(),
                    "98912123456" + i, user("user-" + i), 1000).kind());
        }
        ip = "2001:db8:77::1";
        OtpIssuer.Outcome refused = issue(new OtpStore(Fakes.authSession(new HashMap<>()), "s9"), Map.of(),
                "989121234569", user("user-9"), 1001);
        assertEquals(OtpIssuer.Kind.RATE_LIMITED, refused.kind());
        assertEquals("tenant_budget", refused.reason());
        assertEquals(3600 - 1001 % 3600, refused.seconds());
        OtpIssuer.Outcome decoy = issue(new OtpStore(Fakes.authSession(new HashMap<>()), "s10"), Map.of(),
                "989121234560", null, 1002);
        assertEquals(OtpIssuer.Kind.RATE_LIMITED, decoy.kind(), "a number of nobody gets the same answer");
        assertEquals(2, channel.codes.size(), "nothing more reached the gateway");
        verify(events, times(2)).sendFailed(any(), eq(OtpEvents.ERROR_RATE_LIMITED), eq("tenant_budget"));
        when(realm.getId()).thenReturn("realm-2");
        assertEquals(OtpIssuer.Kind.SENT, issue(new OtpStore(Fakes.authSession(new HashMap<>()), "s11"), Map.of(),
                "989121234569", user("user-9"), 1003).kind(), "another tenant's budget is its own");
    }

    @Test
    void decoysDoNotSpendTheBudget() {
        realmAttributes.put("usso.security.emails-per-hour", "1");
        Map<String, String> settings = Map.of(OtpConfig.SENDS_PER_IP, "0");
        for (int i = 0; i < 5; i++) {
            assertEquals(OtpIssuer.Kind.SENT, issue(new OtpStore(Fakes.authSession(new HashMap<>()), "d" + i),
                    settings, "nobody" + i + "@example.com", null, 1000).kind());
        }
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "dana@example.com", user, 1000).kind());
        assertEquals(1, channel.codes.size());
    }

    @Test
    void theIpLimitGroupsIpv6ByItsSlash64() {
        Map<String, String> settings = Map.of(OtpConfig.SENDS_PER_IP, "2");
        ip = "2001:db8:1:2::5";
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "a@example.com", user, 1000).kind());
        ip = "2001:db8:1:2:ffff:ffff:ffff:9";
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "b@example.com", user, 1000).kind());
        ip = "2001:db8:1:2:abcd::1";
        assertEquals(OtpIssuer.Kind.RATE_LIMITED, issue(settings, "c@example.com", user, 1000).kind(),
                "rotating addresses within one /64 does not escape");
        ip = "2001:db8:1:3::1";
        assertEquals(OtpIssuer.Kind.SENT, issue(settings, "c@example.com", user, 1000).kind());
    }

    @Test
    void decoyTimingFollowsTheTenantsOwnSendsNotAnotherTenants() {
        SendTimings timings = new SendTimings(0);
        OtpIssuer timed = new OtpIssuer(new OtpCodeGenerator(), hasher, timings);
        for (int i = 0; i < 60; i++) {
            timings.record(singleUse, "realm-1", "email", SendTimings.Outcome.DELIVERED, 1200);
        }
        when(realm.getId()).thenReturn("realm-2");
        long started = System.nanoTime();
        assertEquals(OtpIssuer.Kind.SENT, timed.issue(new OtpIssuer.Request(session, realm, null, channel,
                OtpConfig.defaults(), Map.of(), store, "login", "nobody@example.com", null, events), 1000).kind());
        long otherTenantMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(otherTenantMillis < 500, "realm-2 has no slow sends: " + otherTenantMillis + " ms");

        when(realm.getId()).thenReturn("realm-1");
        started = System.nanoTime();
        timed.issue(new OtpIssuer.Request(session, realm, null, channel, OtpConfig.defaults(), Map.of(),
                new OtpStore(Fakes.authSession(new HashMap<>()), "x"), "login", "nobody2@example.com", null, events),
                1000);
        long ownMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ownMillis >= 850, "realm-1's decoys imitate realm-1's sends: " + ownMillis + " ms");
    }

    @Test
    void aRealSendUpdatesOnlyItsTenantsAndChannelsEstimate() {
        issue(Map.of(), "dana@example.com", user, 1000);
        assertTrue(singleUse.contains("usso-otp-timing:realm-1:email:sent"));
        assertFalse(singleUse.entries.keySet().stream().anyMatch(k -> k.startsWith("usso-otp-timing:realm-2")));
    }

    /** A channel that records what it would have sent. */
    static final class RecordingChannel implements OtpChannel {
        final List<String> codes = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> destinations = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> devices = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;
        private final String id;

        RecordingChannel() {
            this("email");
        }

        RecordingChannel(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Optional<String> refusal(String destination, OtpConfig config,
                io.usso.keycloak.common.security.TenantSecuritySettings security) {
            return id.equals(SmsOtpChannel.ID) ? new SmsOtpChannel().refusal(destination, config, security)
                    : Optional.empty();
        }

        @Override
        public String amr() {
            return "otp";
        }

        @Override
        public Optional<String> normaliseIdentifier(String raw, OtpConfig config) {
            return Optional.ofNullable(raw);
        }

        @Override
        public Optional<UserModel> findUser(KeycloakSession session, RealmModel realm, String identifier) {
            return Optional.empty();
        }

        @Override
        public Optional<String> destinationOf(UserModel user, OtpConfig config) {
            return Optional.empty();
        }

        @Override
        public void deliver(OtpDelivery delivery) throws OtpSendException {
            if (failing) {
                throw new OtpSendException("gateway_down", "test", null);
            }
            codes.add(delivery.code());
            destinations.add(delivery.destination());
            devices.add(delivery.device());
        }

        @Override
        public String display(String destination, boolean masked) {
            return destination;
        }

        @Override
        public boolean markVerified(UserModel user, String destination) {
            return false;
        }
    }
}
