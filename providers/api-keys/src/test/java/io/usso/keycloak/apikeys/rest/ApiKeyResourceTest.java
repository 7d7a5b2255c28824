package io.usso.keycloak.apikeys.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.tracing.TracingProvider;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.FailureCounter;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.service.ApiKeyEvents;
import io.usso.keycloak.apikeys.verify.ApiKeySnapshot;
import io.usso.keycloak.apikeys.verify.ApiKeyVerifier;
import io.usso.keycloak.apikeys.verify.FailureReason;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

class ApiKeyResourceTest {

    private static final String PEPPER_HEX = "hex:" + "0123456789abcdef".repeat(4);
    private static final long NOW = 1_700_000_000_000L;

    private static ApiKeyEntity key() {
        ApiKeyEntity e = new ApiKeyEntity();
        e.setId("k1");
        e.setRealmId("realm-a");
        e.setUserId("u1");
        e.setDisplayPrefix("uss_abcdef");
        e.setCreatedAt(NOW - 1000);
        return e;
    }

    private static UserModel owner(boolean enabled) {
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn("u1");
        when(user.isEnabled()).thenReturn(enabled);
        return user;
    }

    @Test
    void gateDisabledTenantBeforeMissingPepper() {
        ApiKeyConfig disabled = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.ENABLED, "false"));
        assertEquals(404, ApiKeyResource.gate(disabled, null).status());
        assertEquals("{\"error\":\"not_found\"}", ApiKeyResource.gate(disabled, null).body());
        assertEquals(503, ApiKeyResource.gate(ApiKeyConfig.defaults(), null).status());
        assertNull(ApiKeyResource.gate(ApiKeyConfig.defaults(), new ApiKeyHasher(
                io.usso.keycloak.apikeys.ApiKeyPepper.parse(PEPPER_HEX))));
    }

    @Test
    void checkReasons() {
        assertEquals(FailureReason.UNKNOWN, ApiKeyVerifier.check(null, "realm-a", NOW, null));
        assertEquals(FailureReason.UNKNOWN, ApiKeyVerifier.check(ApiKeySnapshot.of(key()), "realm-b", NOW, owner(true)));
        ApiKeyEntity revoked = key();
        revoked.setRevokedAt(NOW - 1);
        assertEquals(FailureReason.REVOKED, ApiKeyVerifier.check(ApiKeySnapshot.of(revoked), "realm-a", NOW, owner(true)));
        ApiKeyEntity expired = key();
        expired.setExpiresAt(NOW);
        assertEquals(FailureReason.EXPIRED, ApiKeyVerifier.check(ApiKeySnapshot.of(expired), "realm-a", NOW, owner(true)));
        expired.setExpiresAt(NOW + 1);
        assertNull(ApiKeyVerifier.check(ApiKeySnapshot.of(expired), "realm-a", NOW, owner(true)));
        assertEquals(FailureReason.OWNER_DISABLED, ApiKeyVerifier.check(ApiKeySnapshot.of(key()), "realm-a", NOW, owner(false)));
        assertEquals(FailureReason.OWNER_DISABLED, ApiKeyVerifier.check(ApiKeySnapshot.of(key()), "realm-a", NOW, null));
        assertNull(ApiKeyVerifier.check(ApiKeySnapshot.of(key()), "realm-a", NOW, owner(true)));
    }

    @Test
    void everyFailureHasTheSameBody() {
        String body = ApiKeyJson.invalidApiKey().body();
        for (FailureReason reason : FailureReason.values()) {
            // The reason goes to events only; the response never depends on it.
            assertEquals(body, ApiKeyJson.invalidApiKey().body(), reason.name());
            assertFalse(body.contains("reason") || body.contains(reason.detail() + "\""));
        }
    }

    @Test
    void factoryWithoutPepperAnswers503AndNeverLogsValue() {
        ApiKeyResourceProviderFactory factory = new ApiKeyResourceProviderFactory();
        factory.configure(null);
        assertNull(factory.hasher());
        assertEquals("missing", factory.getOperationalInfo().get("pepper"));
        factory.configure("hex:00");
        assertNull(factory.hasher());
        assertEquals("invalid", factory.getOperationalInfo().get("pepper"));
        factory.configure(PEPPER_HEX);
        assertNotNull(factory.hasher());
        assertTrue(factory.getOperationalInfo().get("pepper").startsWith("configured"));
        assertFalse(factory.getOperationalInfo().toString().contains("0123456789abcdef"));
        assertEquals("api-keys", factory.getId());
        assertEquals("pepper", factory.getConfigMetadata().get(0).getName());
    }

    // ---------------------------------------------------------------- verify rate limits

    private static final String CLIENT_IP = "203.0.113.7";

    /** Events sent by the resource under test (through a mocked listener). */
    private final List<Event> events = new ArrayList<>();

    /**
     * A session whose realm lets any caller verify, whose single-use store is the given mock, and whose events
     * land in {@link #events}.
     */
    private KeycloakSession session(SingleUseObjectProvider store, Map<String, String> extraAttributes) {
        Map<String, String> attrs = new HashMap<>(extraAttributes);
        attrs.put(ApiKeyConfig.VERIFY_ACCESS, "any-caller");
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn("realm-a");
        when(realm.getName()).thenReturn("a");
        when(realm.getAttributes()).thenReturn(attrs);
        when(realm.getEventsListenersStream()).thenAnswer(i -> Stream.of("capture"));
        ClientConnection connection = mock(ClientConnection.class);
        when(connection.getRemoteAddr()).thenReturn(CLIENT_IP);
        when(connection.getRemoteHost()).thenReturn(CLIENT_IP);
        KeycloakContext context = mock(KeycloakContext.class);
        when(context.getRealm()).thenReturn(realm);
        when(context.getConnection()).thenReturn(connection);
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.getContext()).thenReturn(context);
        when(session.singleUseObjects()).thenReturn(store);
        // EventBuilder sends errors in a new transaction of a new session, to the realm's listeners.
        EventListenerProvider listener = mock(EventListenerProvider.class);
        doAnswer(i -> events.add(i.getArgument(0))).when(listener).onEvent(any(Event.class));
        EventListenerProviderFactory listenerFactory = mock(EventListenerProviderFactory.class);
        when(listenerFactory.getId()).thenReturn("capture");
        KeycloakSessionFactory factory = mock(KeycloakSessionFactory.class);
        when(factory.getProviderFactoriesStream(EventListenerProvider.class))
                .thenAnswer(i -> Stream.of(listenerFactory));
        KeycloakSession eventSession = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        doReturn(listener).when(eventSession).getProvider(EventListenerProvider.class, "capture");
        when(eventSession.getContext().getRealm()).thenReturn(realm);
        when(eventSession.getKeycloakSessionFactory()).thenReturn(factory);
        doReturn(mock(TracingProvider.class, RETURNS_DEEP_STUBS)).when(eventSession).getProvider(TracingProvider.class);
        doReturn(mock(TracingProvider.class, RETURNS_DEEP_STUBS)).when(session).getProvider(TracingProvider.class);
        when(factory.create()).thenReturn(eventSession);
        when(session.getKeycloakSessionFactory()).thenReturn(factory);
        when(session.getProvider(EventListenerProvider.class, "capture")).thenReturn(listener);
        return session;
    }

    private static ByteArrayInputStream body(String key) {
        return new ByteArrayInputStream(("{\"api_key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void limitedVerifyOfAKeyNotInThisNodesCacheAnswers429BeforeTheDatabase() {
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(store.contains(anyString())).thenReturn(true); // every limit reached
        KeycloakSession session = session(store, Map.of());
        ApiKeyHasher hasher = mock(ApiKeyHasher.class);
        when(hasher.hash(anyString())).thenReturn("ab".repeat(32));
        String key = new ApiKeyFormat().generate("uss_").key();

        JsonReply response = new ApiKeyResource(session, ApiKeyRuntime.uncached(hasher)).verifyReply(body(key), null);

        assertEquals(429, response.status());
        assertEquals("{\"error\":\"too_many_requests\",\"error_description\":"
                + "\"Too many failed API-key verifications; retry later\"}", response.body());
        long retryAfter = Long.parseLong(response.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        verify(session, never()).getProvider(JpaConnectionProvider.class);
        verify(session, never()).users();
        verify(store, never()).putIfAbsent(anyString(), anyLong()); // a 429 is not counted
        assertEquals(1, events.size());
        Event event = events.get(0);
        assertEquals(EventType.INTROSPECT_TOKEN_ERROR, event.getType());
        assertEquals("too_many_requests", event.getError());
        assertEquals("rate_limited", event.getDetails().get(ApiKeyEvents.DETAIL_REASON));
        assertEquals("ip", event.getDetails().get(ApiKeyEvents.DETAIL_RATE_LIMIT));
        assertEquals("usso-api-key", event.getDetails().get("credential_type"));
        assertFalse(event.getDetails().toString().contains(key.substring(4, 20)), "never the key");
    }

    @Test
    void malformedKeyCountsForTheIpOnly() {
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(store.putIfAbsent(anyString(), anyLong())).thenReturn(true);
        KeycloakSession session = session(store, Map.of());
        ApiKeyHasher hasher = mock(ApiKeyHasher.class);

        JsonReply response =
                new ApiKeyResource(session, ApiKeyRuntime.uncached(hasher)).verifyReply(body("not-a-key"), null);

        assertEquals(401, response.status());
        assertTrue(response.headers().isEmpty());
        verifyNoInteractions(hasher);
        verify(store, times(1)).putIfAbsent(startsWith("usso-apikey-fail:realm-a:ip:"), anyLong());
        verify(store, never()).putIfAbsent(startsWith("usso-apikey-fail:realm-a:key:"), anyLong());
        verify(store, never()).contains(startsWith("usso-apikey-fail:realm-a:key:"));
        verify(store, never()).replace(anyString(), any());
        assertEquals(1, events.size());
        assertEquals("malformed", events.get(0).getDetails().get(ApiKeyEvents.DETAIL_REASON));
        assertEquals("invalid_api_key", events.get(0).getError());
    }

    @Test
    void limitsOfZeroNeverTouchTheStore() {
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        KeycloakSession session = session(store, Map.of(ApiKeyConfig.VERIFY_FAILURES_PER_IP, "0",
                ApiKeyConfig.VERIFY_FAILURES_PER_KEY, "0"));
        JsonReply response = new ApiKeyResource(session, ApiKeyRuntime.uncached(mock(ApiKeyHasher.class)))
                .verifyReply(body("not-a-key"), null);
        assertEquals(401, response.status());
        verifyNoInteractions(store);
        assertEquals(FailureCounter.KEY_PREFIX, "usso-apikey-fail:");
    }
}
