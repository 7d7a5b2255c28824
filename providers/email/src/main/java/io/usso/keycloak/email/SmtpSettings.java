package io.usso.keycloak.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.utils.EmailValidationUtil;
import org.keycloak.utils.SMTPUtil;

/**
 * A tenant's SMTP settings as the admin console stores them (realm "Email" tab: {@code host}, {@code port},
 * {@code from}, {@code fromDisplayName}, {@code replyTo}, {@code replyToDisplayName}, {@code envelopeFrom},
 * {@code ssl}, {@code starttls}, {@code auth}, {@code authType}, {@code user}, {@code password}, {@code allowutf8},
 * {@code debug}, {@code timeout}, {@code connectionTimeout}, {@code writeTimeout}), read the way Keycloak's own
 * sender reads them, so that switching senders changes nothing a tenant configured.
 */
final class SmtpSettings {

    private static final String PROTOCOLS = supportedProtocols();

    private final Map<String, String> config;

    SmtpSettings(Map<String, String> config) {
        this.config = config;
    }

    boolean allowUtf8() {
        return isTrue(EmailSenderProvider.CONFIG_ALLOW_UTF8);
    }

    boolean auth() {
        return isTrue("auth");
    }

    /** @return whether TLS settings apply (SSL, STARTTLS, or authentication, which may upgrade to TLS) */
    boolean usesTls() {
        return isTrue("ssl") || isTrue("starttls") || auth();
    }

    String get(String name) {
        return config.get(name);
    }

    /**
     * @return the sender address, checked
     * @throws EmailException when it is missing or not an address
     */
    String from() throws EmailException {
        return checked(config.get("from"), "sender");
    }

    /**
     * @return the reply-to address, checked, or null when none is set
     * @throws EmailException when it is not an address
     */
    String replyTo() throws EmailException {
        String replyTo = config.get("replyTo");
        return replyTo == null || replyTo.isBlank() ? null : checked(replyTo, "reply-to");
    }

    /**
     * @param address a recipient
     * @return the address as sent (domain in IDNA form unless UTF-8 is allowed)
     * @throws EmailException when it is not an address
     */
    String recipient(String address) throws EmailException {
        return checked(address, "recipient");
    }

    /**
     * @param from the checked sender address
     * @param tls the server's TLS socket factory (trust store), null for the JVM default
     * @param checkServerIdentity whether the server's name must match its certificate
     * @return the mail session properties
     */
    Properties properties(String from, SSLSocketFactory tls, boolean checkServerIdentity) {
        Properties p = new Properties();
        putIfSet(p, "mail.smtp.host", config.get("host"));
        putIfSet(p, "mail.smtp.port", config.get("port"));
        if (auth()) {
            p.setProperty("mail.smtp.auth", "true");
            if ("token".equals(config.get("authType"))) {
                p.setProperty("mail.smtp.auth.mechanisms", "XOAUTH2");
            }
        }
        if (isTrue("debug")) {
            p.setProperty("mail.debug", "true");
        }
        boolean ssl = isTrue("ssl");
        boolean starttls = isTrue("starttls");
        if (ssl) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (starttls) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            // STARTTLS on means required: a server that does not offer it (or a man in the middle stripping it
            // from the EHLO answer) fails the send instead of getting the e-mail, and the login, in clear text
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (usesTls()) {
            if (PROTOCOLS != null) {
                p.setProperty("mail.smtp.ssl.protocols", PROTOCOLS);
            }
            if (tls != null) {
                p.put("mail.smtp.ssl.socketFactory", tls);
                if (checkServerIdentity) {
                    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
                } else {
                    p.setProperty("mail.smtp.ssl.trust", "*");
                    p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
                }
            }
        }
        p.setProperty("mail.smtp.timeout", config.getOrDefault("timeout", "10000"));
        p.setProperty("mail.smtp.connectiontimeout", config.getOrDefault("connectionTimeout", "10000"));
        p.setProperty("mail.smtp.writetimeout", config.getOrDefault("writeTimeout", "10000"));
        String envelopeFrom = config.get("envelopeFrom");
        if (envelopeFrom != null && !envelopeFrom.isBlank()) {
            p.setProperty("mail.smtp.from", envelopeFrom);
        }
        if (allowUtf8()) {
            p.setProperty("mail.mime.allowutf8", "true");
        }
        // without it the mail library looks up this host's canonical name for Message-ID (slow, and leaks it)
        p.setProperty("mail.from", from);
        return p;
    }

    /**
     * @param realmId the tenant
     * @return a fingerprint of tenant + every setting (secrets included, only as a hash): connections are reused
     *         only for exactly the same tenant and settings
     */
    String poolKey(String realmId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((realmId == null ? "-" : realmId).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : new TreeMap<>(config).entrySet()) {
                sha.update((byte) 0);
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(String.valueOf(e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String checked(String address, String role) throws EmailException {
        String converted = convert(address, allowUtf8());
        if (converted == null) {
            throw new EmailException("Invalid " + role + " address. If its local part has UTF-8 characters, the SMTP "
                    + "server must support SMTPUTF8 and 'Allow UTF-8' must be on in the realm's e-mail settings.");
        }
        return converted;
    }

    private static String convert(String address, boolean allowUtf8) {
        if (address == null || !EmailValidationUtil.isValidEmail(address)) {
            return null;
        }
        if (allowUtf8) {
            return address;
        }
        String converted = SMTPUtil.convertIDNEmailAddress(address);
        return converted == null || !converted.chars().allMatch(c -> c < 128) ? null : converted;
    }

    private boolean isTrue(String name) {
        return "true".equals(config.get(name));
    }

    private static void putIfSet(Properties p, String name, String value) {
        if (value != null) {
            p.setProperty(name, value);
        }
    }

    private static String supportedProtocols() {
        try {
            String[] protocols = SSLContext.getDefault().getSupportedSSLParameters().getProtocols();
            return protocols == null ? null : String.join(" ", protocols);
        } catch (Exception e) {
            return null;
        }
    }
}
