package io.usso.keycloak.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Authentication Method Reference (AMR, RFC 8176) values recorded by USSO authenticators.
 *
 * <p>Authenticators call {@link #record(AuthenticationSessionModel, String)} on success; the value is appended
 * to the user-session note {@value UssoSessionNotes#AMR} (space separated, de-duplicated, first occurrence
 * order kept). The {@code usso-amr-mapper} reads it back with {@link #read(UserSessionModel)}.
 * Values must match {@code [a-z0-9_-]{1,32}}.
 */
public final class UssoAmr {

    /** User-session note holding the recorded values. */
    public static final String USER_SESSION_NOTE = UssoSessionNotes.AMR;

    /** Password. */
    public static final String PWD = "pwd";
    /** One-time password. */
    public static final String OTP = "otp";
    /** Proof of possession of a hardware-secured key (e.g. WebAuthn / passkey). */
    public static final String HWK = "hwk";
    /** Proof of possession of a software-secured key. */
    public static final String SWK = "swk";
    /** Confirmation by SMS. */
    public static final String SMS = "sms";
    /** Confirmation by telephone call. */
    public static final String TEL = "tel";
    /** Multiple-factor authentication. */
    public static final String MFA = "mfa";
    /** Federated login through an external identity provider (not an RFC 8176 value). */
    public static final String FED = "fed";
    /** X.509 client certificate (not an RFC 8176 value). */
    public static final String X509 = "x509";
    /** Approved from an already signed-in device by QR code (not an RFC 8176 value; qr-login module). */
    public static final String QR = "qr";
    /** A USSO API key exchanged for a token (not an RFC 8176 value; USSO's own). */
    public static final String API_KEY = "api_key";
    /**
     * Proof of control of an e-mail address by following a one-time sign-in link (magic link); not an RFC 8176
     * value (the value other identity providers use for e-mail based factors).
     */
    public static final String EMAIL_LINK = "email";
    /**
     * Confirmed in a Telegram chat with the tenant's bot by the Telegram account linked to the user (bot-confirmed
     * login, telegram module); not an RFC 8176 value.
     */
    public static final String TELEGRAM = "telegram";

    private static final Logger LOG = Logger.getLogger(UssoAmr.class);
    private static final Pattern VALUE = Pattern.compile("[a-z0-9_-]{1,32}");

    private UssoAmr() {
    }

    /**
     * @param value a candidate AMR value
     * @return whether it matches {@code [a-z0-9_-]{1,32}}
     */
    public static boolean isValid(String value) {
        return value != null && VALUE.matcher(value).matches();
    }

    /**
     * Appends {@code amrValue} to the user-session note of the authentication session.
     *
     * @param authSession the current authentication session
     * @param amrValue the value, e.g. {@value #OTP}
     * @throws IllegalArgumentException when the value is not valid
     */
    public static void record(AuthenticationSessionModel authSession, String amrValue) {
        record(authSession, null, amrValue);
    }

    /**
     * Like {@link #record(AuthenticationSessionModel, String)}, but when the authentication session has no
     * values yet, first carries over those of an existing user session (re-authentication, step-up), so that
     * re-attaching the user session does not lose the earlier values.
     *
     * @param authSession the current authentication session
     * @param existing the user session being re-authenticated, may be null
     * @param amrValue the value, e.g. {@value #OTP}
     * @throws IllegalArgumentException when the value is not valid
     */
    public static void record(AuthenticationSessionModel authSession, UserSessionModel existing, String amrValue) {
        if (!isValid(amrValue)) {
            throw new IllegalArgumentException("Invalid AMR value '" + amrValue + "': expected [a-z0-9_-]{1,32}");
        }
        String current = authSession.getUserSessionNotes().get(USER_SESSION_NOTE);
        if ((current == null || current.isBlank()) && existing != null) {
            current = existing.getNote(USER_SESSION_NOTE);
        }
        Set<String> values = new LinkedHashSet<>(split(current));
        values.add(amrValue);
        authSession.setUserSessionNote(USER_SESSION_NOTE, String.join(" ", values));
    }

    /**
     * @param userSession the user session, may be null
     * @return the recorded values in recording order; invalid entries are skipped
     */
    public static List<String> read(UserSessionModel userSession) {
        if (userSession == null) {
            return List.of();
        }
        return split(userSession.getNote(USER_SESSION_NOTE));
    }

    private static List<String> split(String note) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String value : Arrays.asList(note.strip().split("\\s+"))) {
            if (isValid(value)) {
                values.add(value);
            } else {
                LOG.debugf("Ignoring invalid value in user-session note %s", USER_SESSION_NOTE);
            }
        }
        return new ArrayList<>(values);
    }
}
