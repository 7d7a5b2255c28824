package io.usso.keycloak.email;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.email.DefaultEmailAuthenticator;
import org.keycloak.email.EmailAuthenticator;
import org.keycloak.email.EmailException;
import org.keycloak.email.PasswordAuthEmailAuthenticator;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.truststore.TruststoreProvider;
import org.keycloak.truststore.TruststoreProviderFactory;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** The pooled sender against a real SMTP server (GreenMail on a free port). */
final class PooledSmtpSenderTest {

    private GreenMail smtp;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Map<EmailAuthenticator.AuthenticatorType, EmailAuthenticator> authenticators =
            new EnumMap<>(EmailAuthenticator.AuthenticatorType.class);
    private RealmModel realm;
    private KeycloakSession session;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        authenticators.put(EmailAuthenticator.AuthenticatorType.NONE, new DefaultEmailAuthenticator());
        authenticators.put(EmailAuthenticator.AuthenticatorType.BASIC, new PasswordAuthEmailAuthenticator());
        realm = realm("tenant-a");
        session = session(realm);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void sendsTextAndHtmlAlternativesWithTheTenantsSender() throws Exception {
        Map<String, String> config = config();
        config.put("replyTo", "help@tenant.test");
        sender(pool(SmtpPoolSettings.DEFAULTS)).send(config, "alice@example.test", "Sign in to Tenant A",
                "Open https://x/y", "<p>Open <a href=\"https://x/y\">the link</a></p>");

        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage got = smtp.getReceivedMessages()[0];
        assertEquals("Sign in to Tenant A", got.getSubject());
        assertEquals(new InternetAddress("noreply@tenant.test", "Tenant A"), got.getFrom()[0]);
        assertEquals("help@tenant.test", ((InternetAddress) got.getReplyTo()[0]).getAddress());
        assertEquals("alice@example.test", got.getHeader("To")[0]);
        MimeMultipart body = (MimeMultipart) got.getContent();
        assertEquals(2, body.getCount());
        assertTrue(body.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(body.getBodyPart(0).getContent().toString().contains("Open https://x/y"));
        assertTrue(body.getBodyPart(1).isMimeType("text/html"));
    }

    @Test
    void manyEmailsOfOneTenantShareOneConnection() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        for (int i = 0; i < 5; i++) {
            sender(pool).send(config(), "user" + i + "@example.test", "s" + i, "t" + i, null);
        }
        assertTrue(smtp.waitForIncomingEmail(5_000, 5));
        assertEquals(1, pool.openedCount());
        assertEquals(4, pool.reusedCount());
        assertEquals(1, pool.idleCount());
    }

    @Test
    void tenantsNeverShareAConnectionEvenWithTheSameSettings() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        sender(pool).send(config(), "a@example.test", "s", "t", null);
        new PooledSmtpSender(session(realm("tenant-b")), pool, authenticators)
                .send(config(), "b@example.test", "s", "t", null);
        assertEquals(2, pool.openedCount());
        assertEquals(0, pool.reusedCount());
    }

    @Test
    void changedSettingsUseANewConnection() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        sender(pool).send(config(), "a@example.test", "s", "t", null);
        Map<String, String> changed = config();
        changed.put("fromDisplayName", "Tenant A (new name)");
        sender(pool).send(changed, "a@example.test", "s", "t", null);
        assertEquals(2, pool.openedCount());
        assertEquals(2, pool.serverCount());
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheEmailStillGoesOut() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        int port = smtp.getSmtp().getPort();
        sender(pool).send(config(), "a@example.test", "first", "t", null);
        smtp.stop();
        smtp = new GreenMail(new ServerSetup(port, null, ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        sender(pool).send(config(), "a@example.test", "second", "t", null);

        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals("second", smtp.getReceivedMessages()[0].getSubject());
        assertEquals(2, pool.openedCount());
        assertEquals(1, pool.retriedCount());
    }

    @Test
    void serverDownIsAnEmailExceptionAndNothingIsPooled() {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        Map<String, String> config = config();
        smtp.stop();
        EmailException e = assertThrows(EmailException.class,
                () -> sender(pool).send(config, "a@example.test", "s", "t", null));
        assertTrue(e.getMessage().contains("server log"), e.getMessage());
        assertEquals(0, pool.openedCount());
        assertEquals(0, pool.idleCount());
    }

    @Test
    void withStarttlsOnAServerThatDoesNotOfferItGetsNothing() {
        // GreenMail's plain SMTP does not offer STARTTLS: as a server would whose EHLO answer a MITM stripped
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        Map<String, String> config = config();
        config.put("starttls", "true");
        assertThrows(EmailException.class, () -> sender(pool).send(config, "a@example.test", "s", "t", null));
        assertEquals(0, smtp.getReceivedMessages().length, "nothing is sent in clear text");
        assertEquals(0, pool.idleCount());

        config.put("starttls", "false");
        assertDoesNotThrow(() -> sender(pool).send(config, "a@example.test", "s", "t", null));
        assertTrue(smtp.waitForIncomingEmail(5_000, 1), "without STARTTLS the same server is used in clear, as set");
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTime() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        sender(pool).send(config(), "a@example.test", "s", "t", null);
        now.addAndGet(SmtpPoolSettings.DEFAULTS.idleMillis() - 1);
        assertEquals(0, pool.evictIdle());
        now.addAndGet(1);
        assertEquals(1, pool.evictIdle());
        assertEquals(0, pool.idleCount());
        sender(pool).send(config(), "a@example.test", "s", "t", null);
        assertEquals(2, pool.openedCount());
    }

    @Test
    void aConnectionIsRetiredAfterMaxMessagesAndMaxAge() throws Exception {
        SmtpConnectionPool pool = pool(new SmtpPoolSettings(8, 20_000, 60_000, 3));
        for (int i = 0; i < 4; i++) {
            sender(pool).send(config(), "a@example.test", "s", "t", null);
        }
        assertEquals(2, pool.openedCount());
        // age: used every 10 s (never idle), but not past 60 s since it was opened
        for (int i = 0; i < 2; i++) {
            now.addAndGet(10_000);
            sender(pool).send(config(), "a@example.test", "s", "t", null);
        }
        now.addAndGet(45_000);
        sender(pool).send(config(), "a@example.test", "s", "t", null);
        assertEquals(3, pool.openedCount(), "max-messages 3 retired the second connection after its third e-mail");
    }

    @Test
    void maxIdleZeroMeansOneConnectionPerEmail() throws Exception {
        SmtpConnectionPool pool = pool(new SmtpPoolSettings(0, 20_000, 300_000, 100));
        for (int i = 0; i < 3; i++) {
            sender(pool).send(config(), "a@example.test", "s", "t", null);
        }
        assertTrue(smtp.waitForIncomingEmail(5_000, 3));
        assertEquals(3, pool.openedCount());
        assertEquals(0, pool.idleCount());
    }

    @Test
    void badAddressesAreRefusedBeforeAnyConnection() {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        assertThrows(EmailException.class, () -> sender(pool).send(config(), "not an address", "s", "t", null));
        Map<String, String> badFrom = config();
        badFrom.put("from", "nobody");
        assertThrows(EmailException.class, () -> sender(pool).send(badFrom, "a@example.test", "s", "t", null));
        assertThrows(EmailException.class, () -> sender(pool).validate(badFrom));
        assertEquals(0, pool.openedCount());
    }

    @Test
    void passwordLoginUsesTheVaultOrTheStoredValueAndAWrongOneFails() throws Exception {
        smtp.setUser("mailer@tenant.test", "mailer", "right-password");
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        Map<String, String> config = config();
        config.put("auth", "true");
        config.put("user", "mailer");
        config.put("password", "right-password");
        sender(pool).send(config, "a@example.test", "s", "t", null);
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));

        Map<String, String> wrong = config();
        wrong.put("auth", "true");
        wrong.put("user", "mailer");
        wrong.put("password", "wrong-password");
        assertThrows(EmailException.class, () -> sender(pool).send(wrong, "a@example.test", "s", "t", null));
        assertEquals(1, pool.openedCount());
    }

    @Test
    void anUnknownAuthenticationTypeIsAClearError() {
        Map<String, String> config = config();
        config.put("auth", "true");
        config.put("authType", "kerberos");
        EmailException e = assertThrows(EmailException.class,
                () -> sender(pool(SmtpPoolSettings.DEFAULTS)).send(config, "a@example.test", "s", "t", null));
        assertTrue(e.getMessage().contains("kerberos"), e.getMessage());
    }

    @Test
    void concurrentSendersGetTheirOwnConnections() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    sender(pool).send(config(), "t" + thread + "-" + i + "@example.test", "s", "t", null);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertTrue(smtp.waitForIncomingEmail(10_000, 60));
        assertTrue(pool.openedCount() <= 6, "opened " + pool.openedCount());
        assertEquals(60, pool.openedCount() + pool.reusedCount());
    }

    @Test
    void logLinesNeverCarryTheRecipientsAddress() {
        assertEquals("550 5.1.1 <address>: Recipient address rejected", PooledSmtpSender
                .withoutAddresses("550 5.1.1 <alice@example.test>: Recipient address rejected"));
        assertEquals("Invalid Addresses <address>, <address>",
                PooledSmtpSender.withoutAddresses("Invalid Addresses a@b.test, c.d@e.test"));
        assertEquals("Connection refused", PooledSmtpSender.withoutAddresses("Connection refused"));
    }

    @Test
    void aConnectionReturnedToAnEvictedEntryIsClosedNotKept() throws Exception {
        SmtpConnectionPool pool = pool(SmtpPoolSettings.DEFAULTS);
        SmtpConnectionPool.Server server = pool.server("k", () -> jakarta.mail.Session.getInstance(new java.util.Properties()));
        now.addAndGet(SmtpPoolSettings.DEFAULTS.idleMillis());
        pool.evictIdle();
        assertEquals(0, pool.serverCount(), "nothing idle and unused for the idle time: forgotten");
        SmtpConnectionPool.Connection c = pool.opened(server.mail().getTransport("smtp"));
        pool.giveBack(server, c);
        assertEquals(0, server.idleCount(), "an evicted entry keeps nothing");
    }

    private PooledSmtpSender sender(SmtpConnectionPool pool) {
        return new PooledSmtpSender(session, pool, authenticators);
    }

    private SmtpConnectionPool pool(SmtpPoolSettings settings) {
        return new SmtpConnectionPool(settings, now::get);
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", Integer.toString(smtp.getSmtp().getPort()));
        config.put("from", "noreply@tenant.test");
        config.put("fromDisplayName", "Tenant A");
        return config;
    }

    private static RealmModel realm(String id) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(id);
        when(realm.getName()).thenReturn(id);
        return realm;
    }

    private static KeycloakSession session(RealmModel realm) {
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakContext context = mock(KeycloakContext.class);
        when(context.getRealm()).thenReturn(realm);
        when(session.getContext()).thenReturn(context);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        VaultStringSecret none = mock(VaultStringSecret.class);
        when(none.get()).thenReturn(Optional.empty());
        when(vault.getStringSecret(any())).thenReturn(none);
        when(session.vault()).thenReturn(vault);
        KeycloakSessionFactory factory = mock(KeycloakSessionFactory.class);
        TruststoreProviderFactory truststores = mock(TruststoreProviderFactory.class);
        when(factory.getProviderFactory(TruststoreProvider.class, "file")).thenReturn(truststores);
        when(session.getKeycloakSessionFactory()).thenReturn(factory);
        return session;
    }
}
