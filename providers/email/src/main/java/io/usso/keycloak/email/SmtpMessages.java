package io.usso.keycloak.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.keycloak.email.EmailException;

/** Builds the MIME message Keycloak's templates produce: text and HTML alternatives, From, Reply-To, To, Subject. */
final class SmtpMessages {

    private SmtpMessages() {
    }

    /**
     * @param mail the mail session
     * @param settings the tenant's SMTP settings
     * @param from checked sender
     * @param to checked recipient
     * @param subject subject (encoded as UTF-8 when needed)
     * @param textBody plain-text part, may be null
     * @param htmlBody HTML part, may be null
     * @return the message, ready to send
     * @throws EmailException on an address or encoding problem
     */
    static MimeMessage build(Session mail, SmtpSettings settings, String from, String to, String subject,
            String textBody, String htmlBody) throws EmailException {
        try {
            MimeMultipart body = new MimeMultipart("alternative");
            if (textBody != null) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(textBody, "UTF-8");
                body.addBodyPart(text);
            }
            if (htmlBody != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setContent(htmlBody, "text/html; charset=UTF-8");
                body.addBodyPart(html);
            }
            MimeMessage message = new MimeMessage(mail);
            InternetAddress sender = address(from, settings.get("fromDisplayName"));
            message.setFrom(sender);
            String replyTo = settings.replyTo();
            message.setReplyTo(new Address[] {
                    replyTo == null ? sender : address(replyTo, settings.get("replyToDisplayName")) });
            message.setHeader("To", to);
            message.setSubject(MimeUtility.encodeText(subject == null ? "" : subject, StandardCharsets.UTF_8.name(),
                    null));
            message.setContent(body);
            message.setSentDate(new Date());
            message.saveChanges();
            return message;
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new EmailException("The e-mail could not be built: " + e.getMessage(), e);
        }
    }

    private static InternetAddress address(String email, String displayName)
            throws UnsupportedEncodingException, MessagingException {
        return displayName == null || displayName.isBlank() ? new InternetAddress(email)
                : new InternetAddress(email, displayName, "UTF-8");
    }
}
