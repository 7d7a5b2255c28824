package io.usso.keycloak.email;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.email.DefaultEmailAuthenticator;
import org.keycloak.email.EmailAuthenticator;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.email.PasswordAuthEmailAuthenticator;
import org.keycloak.email.TokenAuthEmailAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;

/**
 * E-mail sender {@value #ID}: Keycloak's SMTP sender with connections kept open per tenant and settings. It is the
 * distribution's default (its {@link #order()} is above Keycloak's {@code default}); operators switch back with
 * {@code --spi-email-sender--provider=default} (a build option). Options ({@link SmtpPoolSettings}):
 * {@code --spi-email-sender--usso-pooled-smtp--max-idle} (8), {@code --idle-seconds} (20),
 * {@code --max-age-seconds} (300), {@code --max-messages} (100).
 */
public final class PooledSmtpSenderFactory implements EmailSenderProviderFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-pooled-smtp";
    /** Timer task that closes idle connections. */
    static final String EVICT_TASK = "usso-smtp-pool-evict";

    private static final Logger LOG = Logger.getLogger(PooledSmtpSenderFactory.class);

    private final Map<EmailAuthenticator.AuthenticatorType, EmailAuthenticator> authenticators =
            new EnumMap<>(EmailAuthenticator.AuthenticatorType.class);
    private SmtpConnectionPool pool;

    @Override
    public EmailSenderProvider create(KeycloakSession session) {
        return new PooledSmtpSender(session, pool, authenticators);
    }

    @Override
    public void init(Config.Scope config) {
        pool = new SmtpConnectionPool(SmtpPoolSettings.from(config), System::currentTimeMillis);
        // Keycloak's own authenticators: the same vault look-ups and OAuth token handling as its default sender
        authenticators.put(EmailAuthenticator.AuthenticatorType.NONE, new DefaultEmailAuthenticator());
        authenticators.put(EmailAuthenticator.AuthenticatorType.BASIC, new PasswordAuthEmailAuthenticator());
        authenticators.put(EmailAuthenticator.AuthenticatorType.TOKEN, new TokenAuthEmailAuthenticator());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent ready) {
                try (KeycloakSession session = ready.getFactory().create()) {
                    TimerProvider timer = session.getProvider(TimerProvider.class);
                    long period = Math.max(1_000, pool.settings().idleMillis() / 2);
                    if (timer != null) {
                        timer.schedule(this::evict, period, EVICT_TASK);
                    }
                }
            }
        });
    }

    private void evict() {
        try {
            pool.evictIdle();
        } catch (RuntimeException e) {
            LOG.debugf("SMTP pool eviction failed: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        pool.closeAll();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        SmtpPoolSettings d = SmtpPoolSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(SmtpPoolSettings.MAX_IDLE).type("int")
                .helpText("Idle SMTP connections kept per tenant and SMTP settings; 0 = a new connection per e-mail")
                .defaultValue(d.maxIdlePerServer()).add()
                .property().name(SmtpPoolSettings.IDLE_SECONDS).type("int")
                .helpText("Seconds an idle SMTP connection is kept open").defaultValue(d.idleMillis() / 1000).add()
                .property().name(SmtpPoolSettings.MAX_AGE_SECONDS).type("int")
                .helpText("Seconds an SMTP connection is used at most").defaultValue(d.maxAgeMillis() / 1000).add()
                .property().name(SmtpPoolSettings.MAX_MESSAGES).type("int")
                .helpText("E-mails sent over one SMTP connection at most").defaultValue(d.maxMessagesPerConnection())
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        SmtpPoolSettings s = pool.settings();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("max-idle", Integer.toString(s.maxIdlePerServer()));
        info.put("idle-seconds", Long.toString(s.idleMillis() / 1000));
        info.put("max-age-seconds", Long.toString(s.maxAgeMillis() / 1000));
        info.put("max-messages", Integer.toString(s.maxMessagesPerConnection()));
        info.put("connections-opened", Long.toString(pool.openedCount()));
        info.put("connections-reused", Long.toString(pool.reusedCount()));
        info.put("retries-on-new-connection", Long.toString(pool.retriedCount()));
        info.put("idle-now", Integer.toString(pool.idleCount()));
        return info;
    }
}
