package io.usso.keycloak.email;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;
import org.keycloak.common.enums.HostnameVerificationPolicy;
import org.keycloak.email.EmailAuthenticator;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.truststore.JSSETruststoreConfigurator;

/**
 * Sends an e-mail over a pooled SMTP connection of the tenant (see {@link SmtpConnectionPool}): the connection is
 * opened and authenticated with Keycloak's own authenticators (none, password from the vault, OAuth token) the first
 * time and reused afterwards. A reused connection that fails (the server closed it meanwhile) is dropped and the
 * e-mail is tried once more on a new one; any other failure is an {@link EmailException}, logged without the
 * recipient.
 */
final class PooledSmtpSender implements EmailSenderProvider {

    private static final Logger LOG = Logger.getLogger(PooledSmtpSender.class);
    private static final Pattern ADDRESS = Pattern.compile("<?[^\\s<>\",;@]+@[^\\s<>\",;]+>?");

    private final KeycloakSession session;
    private final SmtpConnectionPool pool;
    private final Map<EmailAuthenticator.AuthenticatorType, EmailAuthenticator> authenticators;

    PooledSmtpSender(KeycloakSession session, SmtpConnectionPool pool,
            Map<EmailAuthenticator.AuthenticatorType, EmailAuthenticator> authenticators) {
        this.session = session;
        this.pool = pool;
        this.authenticators = authenticators;
    }

    @Override
    public void send(Map<String, String> config, String address, String subject, String textBody, String htmlBody)
            throws EmailException {
        SmtpSettings settings = new SmtpSettings(config);
        String to = settings.recipient(address);
        String from = settings.from();
        EmailAuthenticator authenticator = authenticator(settings);
        SmtpConnectionPool.Server server = pool.server(settings.poolKey(realmId()), () -> mailSession(settings, from));
        MimeMessage message = SmtpMessages.build(server.mail(), settings, from, to, subject, textBody, htmlBody);
        Address[] recipients = { recipient(to) };

        SmtpConnectionPool.Connection reused = pool.borrow(server);
        if (reused != null) {
            try {
                reused.transport().sendMessage(message, recipients);
                pool.giveBack(server, reused);
                return;
            } catch (MessagingException | RuntimeException e) {
                // most likely closed by the server while idle: drop it, try once on a new connection
                pool.discard(reused);
                pool.countRetry();
                LOG.debugf("Pooled SMTP connection failed (%s), sending on a new one", e.getClass().getSimpleName());
            }
        }
        SmtpConnectionPool.Connection fresh = null;
        try {
            fresh = connect(server.mail(), config, authenticator);
            fresh.transport().sendMessage(message, recipients);
            pool.giveBack(server, fresh);
        } catch (MessagingException | EmailException | RuntimeException e) {
            pool.discard(fresh);
            throw failed(e);
        }
    }

    @Override
    public void validate(Map<String, String> config) throws EmailException {
        SmtpSettings settings = new SmtpSettings(config);
        settings.from();
        settings.replyTo();
        authenticator(settings);
    }

    @Override
    public void close() {
        // connections belong to the pool, not to the request
    }

    private SmtpConnectionPool.Connection connect(Session mail, Map<String, String> config,
            EmailAuthenticator authenticator) throws MessagingException, EmailException {
        Transport transport = mail.getTransport("smtp");
        try {
            authenticator.connect(session, config, transport);
        } catch (EmailException | RuntimeException e) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // not connected
            }
            throw e;
        }
        return pool.opened(transport);
    }

    private EmailAuthenticator authenticator(SmtpSettings settings) throws EmailException {
        if (!settings.auth()) {
            return authenticators.get(EmailAuthenticator.AuthenticatorType.NONE);
        }
        String type = settings.get("authType");
        try {
            EmailAuthenticator found = authenticators.get(EmailAuthenticator.AuthenticatorType
                    .valueOf((type == null || type.isBlank() ? "basic" : type).toUpperCase(Locale.ROOT)));
            if (found != null) {
                return found;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new EmailException("Unknown SMTP authentication type '" + type + "' (basic or token)");
    }

    private Session mailSession(SmtpSettings settings, String from) {
        if (!settings.usesTls()) {
            return Session.getInstance(settings.properties(from, null, true));
        }
        JSSETruststoreConfigurator truststore = new JSSETruststoreConfigurator(session);
        boolean checkIdentity = truststore.getProvider() == null
                || truststore.getProvider().getPolicy() != HostnameVerificationPolicy.ANY;
        return Session.getInstance(settings.properties(from, truststore.getSSLSocketFactory(), checkIdentity));
    }

    private String realmId() {
        RealmModel realm = session.getContext().getRealm();
        return realm == null ? null : realm.getId();
    }

    private static Address recipient(String to) throws EmailException {
        try {
            return new InternetAddress(to);
        } catch (MessagingException e) {
            throw new EmailException("Invalid recipient address", e);
        }
    }

    /**
     * @param message an SMTP error text (servers often quote the recipient, e.g. "550 5.1.1 &lt;a@b&gt;: unknown")
     * @return the text with every e-mail address replaced, for the log
     */
    static String withoutAddresses(String message) {
        return message == null ? null : ADDRESS.matcher(message).replaceAll("<address>");
    }

    private EmailException failed(Exception e) {
        RealmModel realm = session.getContext().getRealm();
        Throwable cause = e instanceof EmailException && e.getCause() != null ? e.getCause() : e;
        LOG.warnf("E-mail of realm %s not sent: %s: %s", realm == null ? "-" : realm.getName(),
                cause.getClass().getSimpleName(), withoutAddresses(cause.getMessage()));
        return new EmailException("Error when attempting to send the email to the server. More information is "
                + "available in the server log.", e);
    }
}
