package io.usso.keycloak.otp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Codes by e-mail through the realm's SMTP settings and the {@code usso-otp.ftl} e-mail templates (HTML and text,
 * English and Persian, with the requesting device, the time and a "this wasn't me" hint). Identifiers are e-mail
 * addresses; the destination is the user's address.
 */
public final class EmailOtpChannel implements OtpChannel {

    /** Channel id. */
    public static final String ID = "email";
    /** E-mail template (theme {@code email}, folders html/ and text/). */
    public static final String TEMPLATE = "usso-otp.ftl";
    /** Message key of the subject; {0} = realm display name. */
    public static final String SUBJECT = "ussoOtpSubject";
    /** Longest address accepted. */
    public static final int MAX_EMAIL = 254;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String amr() {
        return io.usso.keycloak.common.UssoAmr.OTP;
    }

    @Override
    public Optional<String> normaliseIdentifier(String raw, OtpConfig config) {
        return normaliseEmail(raw);
    }

    /**
     * @param raw what was typed
     * @return the address in lower case when it looks like one ({@code local@domain.tld}, no spaces or controls)
     */
    public static Optional<String> normaliseEmail(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > MAX_EMAIL) {
            return Optional.empty();
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            return Optional.empty();
        }
        String domain = email.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.empty();
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '\\') {
                return Optional.empty();
            }
        }
        return Optional.of(email);
    }

    /**
     * An account whose address is not verified is never found by it (pre-account hijacking: whoever created it never
     * proved the address, so a code sent there must not sign in to it); the answer is the same as for an unknown one.
     */
    @Override
    public Optional<UserModel> findUser(KeycloakSession session, RealmModel realm, String identifier) {
        return Optional.ofNullable(session.users().getUserByEmail(realm, identifier)).filter(UserModel::isEmailVerified);
    }

    @Override
    public Optional<String> destinationOf(UserModel user, OtpConfig config) {
        return normaliseEmail(user.getEmail());
    }

    @Override
    public void deliver(OtpDelivery delivery) throws OtpSendException {
        RealmModel realm = delivery.realm();
        String realmName = realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                ? realm.getDisplayName() : realm.getName();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("code", delivery.code());
        attributes.put("codeExpiration", delivery.config().lifetimeMinutes());
        attributes.put("device", delivery.device());
        attributes.put("requestTime", delivery.requestTime());
        try {
            delivery.session().getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(delivery.user())
                    .setAuthenticationSession(delivery.authSession())
                    .send(SUBJECT, List.of(realmName), TEMPLATE, attributes);
        } catch (EmailException | RuntimeException e) {
            throw new OtpSendException("smtp_error", "could not send the code e-mail: " + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public String display(String destination, boolean masked) {
        return masked ? mask(destination) : destination;
    }

    /**
     * @param email an address
     * @return e.g. {@code a•••@example.com}
     */
    public static String mask(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "•••";
        }
        return email.charAt(0) + "•••" + email.substring(at);
    }

    @Override
    public boolean markVerified(UserModel user, String destination) {
        if (!user.isEmailVerified()) {
            user.setEmailVerified(true);
            return true;
        }
        return false;
    }
}
