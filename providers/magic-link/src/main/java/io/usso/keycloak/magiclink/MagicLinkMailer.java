package io.usso.keycloak.magiclink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends magic-link e-mails off the request thread, after the request's transaction committed, so that a known and an
 * unknown address answer in the same time. Uses the {@code usso} email theme ({@value #TEMPLATE}, subject
 * {@value #SUBJECT}) through Keycloak's {@link EmailTemplateProvider} and the realm's SMTP settings. A failure is
 * logged (realm and cause, never the link or address) and recorded as {@code SEND_VERIFY_EMAIL_ERROR}.
 */
public final class MagicLinkMailer {

    /** Name of the Keycloak executor the e-mails are sent on. */
    public static final String EXECUTOR = "usso-magic-link-mail";
    /** E-mail template (html/ and text/). */
    public static final String TEMPLATE = "usso-magic-link.ftl";
    /** Subject message key; its one parameter is the realm's display name. */
    public static final String SUBJECT = "ussoMagicLinkSubject";

    private static final Logger LOG = Logger.getLogger(MagicLinkMailer.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MagicLinkMailer() {
    }

    /**
     * Queues the e-mail; it leaves once the current transaction commits (nothing is sent if it rolls back).
     *
     * @param session the request's session
     * @param job what to send
     */
    public static void sendAfterCommit(KeycloakSession session, MailJob job) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Executor executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    executor.execute(() -> deliver(factory, job));
                } catch (RejectedExecutionException e) {
                    LOG.warnf("Magic-link e-mail of realm %s not queued: executor refused it", job.realmId());
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing was queued
            }
        });
    }

    static void deliver(KeycloakSessionFactory factory, MailJob job) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> send(session, job));
        } catch (RuntimeException e) {
            LOG.warnf("Magic-link e-mail of realm %s failed: %s", job.realmId(), e.getClass().getSimpleName());
        }
    }

    private static void send(KeycloakSession session, MailJob job) {
        RealmModel realm = session.realms().getRealm(job.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        UserModel recipient = job.userId() == null ? null : session.users().getUserById(realm, job.userId());
        if (recipient == null) {
            if (job.email() == null) {
                return;
            }
            recipient = new LightweightUserAdapter(session, realm, null);
            recipient.setEmail(job.email());
        }
        if (job.locale() != null) {
            // read by Keycloak's locale selector when there is no authentication session
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, job.locale());
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(recipient)
                    .send(SUBJECT, List.of(displayName(realm)), TEMPLATE, model(job));
        } catch (EmailException e) {
            LOG.warnf("Magic-link e-mail of realm %s could not be sent: %s", realm.getName(),
                    e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
            EventBuilder event = new EventBuilder(realm, session).event(EventType.SEND_VERIFY_EMAIL_ERROR)
                    .client(job.clientId())
                    .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.SENT)
                    .detail(MagicLinkEvents.DETAIL_REASON, MagicLinkEvents.REASON_SEND_FAILED);
            if (job.userId() != null) {
                event.user(job.userId());
            }
            event.error(MagicLinkEvents.REASON_SEND_FAILED);
        }
    }

    /**
     * @param job the e-mail
     * @return the template model: {@code link}, {@code linkExpiration} (minutes), {@code device}, {@code requestTime}
     */
    static Map<String, Object> model(MailJob job) {
        Map<String, Object> model = new HashMap<>();
        model.put("link", job.link());
        model.put("linkExpiration", job.lifetimeMinutes());
        if (job.device() != null) {
            model.put("device", job.device());
        }
        model.put("requestTime", TIME.format(Instant.ofEpochSecond(job.requestedAt())));
        return model;
    }

    /**
     * @param realm the tenant
     * @return its display name, else its name
     */
    public static String displayName(RealmModel realm) {
        String name = realm.getDisplayName();
        return name == null || name.isBlank() ? realm.getName() : name;
    }
}
