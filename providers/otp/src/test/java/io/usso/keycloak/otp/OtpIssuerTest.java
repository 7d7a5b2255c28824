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
    private final RecordingChannel channel = new RecordingChannel();
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

    /** A channel that records what it would have sent. */
    static final class RecordingChannel implements OtpChannel {
        final List<String> codes = new ArrayList<>();
        final List<String> destinations = new ArrayList<>();
        final List<String> devices = new ArrayList<>();
        boolean failing;

        @Override
        public String id() {
            return "email";
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
