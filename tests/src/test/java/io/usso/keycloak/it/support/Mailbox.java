package io.usso.keycloak.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a free loopback port, set as a tenant's mail server: what the magic-link and
 * e-mail code tests read their mail from.
 */
public final class Mailbox implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
    private static final Pattern LINK = Pattern.compile("https?://\\S+/magic-link/open\\?token=[A-Za-z0-9_-]{43}");

    private final GreenMail mail;
    private final int port;

    private Mailbox(int port) {
        this.port = port;
        this.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.mail.start();
    }

    public static Mailbox start() {
        return new Mailbox(UssoServer.freePort());
    }

    /** @return the SMTP port */
    public int port() {
        return port;
    }

    /** The six-digit one-time code in a message's plain-text part. */
    public static String code(MimeMessage message) {
        Matcher m = CODE.matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no six-digit code in:\n" + text(message));
        }
        return m.group(1);
    }

    /** Points the realm's SMTP settings at this server. */
    public void configure(AdminApi admin, String realm) {
        pointRealmAt(admin, realm, port);
    }

    /** Points a realm's SMTP settings at a plain SMTP server on 127.0.0.1 (no TLS, no authentication). */
    public static void pointRealmAt(AdminApi admin, String realm, int port) {
        ObjectNode rep = (ObjectNode) admin.getJson("/" + realm);
        ObjectNode smtp = rep.putObject("smtpServer");
        smtp.put("host", "127.0.0.1");
        smtp.put("port", Integer.toString(port));
        smtp.put("from", "noreply@usso.test");
        smtp.put("fromDisplayName", "USSO test");
        smtp.put("auth", "false");
        smtp.put("ssl", "false");
        smtp.put("starttls", "false");
        AdminApi.expect(admin.put("/" + realm, rep), 204, "smtp settings");
    }

    /** @return how many messages arrived so far, to any address */
    public int received() {
        return mail.getReceivedMessages().length;
    }

    /** Messages received so far for one address, oldest first. */
    public List<MimeMessage> to(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                Address[] recipients = message.getRecipients(Message.RecipientType.TO);
                if (recipients != null) {
                    for (Address recipient : recipients) {
                        if (recipient.toString().toLowerCase().contains(address.toLowerCase())) {
                            out.add(message);
                        }
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits for the {@code n}-th (1-based) message to {@code address} and returns it. */
    public MimeMessage await(String address, int n, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = to(address);
            if (messages.size() >= n) {
                return messages.get(n - 1);
            }
            sleep(100);
        }
        throw new AssertionError("no e-mail #" + n + " to " + address + " within " + timeout + " (got "
                + to(address).size() + ")");
    }

    /** The magic link in the {@code n}-th message to {@code address}. */
    public String awaitLink(String address, int n) {
        return link(await(address, n, Duration.ofSeconds(20)));
    }

    public static String link(MimeMessage message) {
        String text = text(message);
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no magic link in the e-mail:\n" + text);
        }
        return m.group();
    }

    /** The plain-text part of a message, decoded. */
    public static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    out.append(text(body));
                }
                return out.toString();
            }
            return "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML part of a message, decoded ("" when none). */
    public static String html(Part part) {
        try {
            if (part.isMimeType("text/html")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    out.append(html(multipart.getBodyPart(i)));
                }
                return out.toString();
            }
            return "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mail.stop();
    }
}
