package io.usso.keycloak.it.otp;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.usso.keycloak.it.support.UssoServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) on a free loopback port; reads the code e-mails it receives. */
final class OtpMailbox implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

    private final GreenMail mail;
    private final int port;

    OtpMailbox() {
        this.port = UssoServer.freePort();
        this.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.mail.start();
    }

    int port() {
        return port;
    }

    /** Messages received so far for one address, oldest first. */
    List<MimeMessage> to(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                Address[] recipients = message.getRecipients(Message.RecipientType.TO);
                for (Address recipient : recipients == null ? new Address[0] : recipients) {
                    if (recipient.toString().equalsIgnoreCase(address)) {
                        out.add(message);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits for the {@code n}-th (1-based) message to {@code address}. */
    MimeMessage await(String address, int n, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = to(address);
            if (messages.size() >= n) {
                return messages.get(n - 1);
            }
            SmsGateway.sleep(100);
        }
        throw new AssertionError("no e-mail #" + n + " to " + address + " within " + timeout);
    }

    /** The plain-text part (or the body of a single-part message). */
    static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The HTML part. */
    static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The 6-digit code in the plain-text part. */
    static String code(MimeMessage message) {
        Matcher m = CODE.matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no code in: " + text(message));
        }
        return m.group(1);
    }

    private static String part(MimeMessage message, String type) {
        try {
            Object content = message.getContent();
            if (content instanceof String s) {
                return s;
            }
            return find((Multipart) content, type);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Multipart multipart, String type) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            } else if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        return null;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
