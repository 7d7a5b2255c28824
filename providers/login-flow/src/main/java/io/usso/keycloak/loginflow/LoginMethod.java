package io.usso.keycloak.loginflow;

import java.util.Locale;
import java.util.Optional;

/**
 * A first-factor sign-in method of the USSO browser flow, as a tenant names it in the realm attribute
 * {@value LoginMethodSettings#METHODS}, with the authenticator that performs it.
 */
public enum LoginMethod {

    /** Keycloak's password form. */
    PASSWORD("password", "auth-password-form", "Password", true),
    /** Keycloak's passkey (passwordless WebAuthn) authenticator. */
    PASSKEY("passkey", "webauthn-authenticator-passwordless", "Passkey", true),
    /** USSO's magic link by e-mail. */
    MAGIC_LINK("magic-link", "usso-magic-link", "E-mail link", true),
    /** USSO's one-time code by e-mail. */
    EMAIL_OTP("email-otp", "usso-email-otp", "E-mail code", true),
    /** USSO's one-time code by SMS (needs an SMS gateway, so off by default). */
    SMS_OTP("sms-otp", "usso-sms-otp", "SMS code", false),
    /** USSO's QR login approved from a signed-in phone (needs the phone app, so off by default). */
    QR_LOGIN("qr-login", "usso-qr-login", "QR code from a signed-in phone", false);

    private final String id;
    private final String authenticator;
    private final String label;
    private final boolean onByDefault;

    LoginMethod(String id, String authenticator, String label, boolean onByDefault) {
        this.id = id;
        this.authenticator = authenticator;
        this.label = label;
        this.onByDefault = onByDefault;
    }

    /** @return the name in the realm attribute and in the condition's config */
    public String id() {
        return id;
    }

    /** @return the provider id of the authenticator that performs this method */
    public String authenticator() {
        return authenticator;
    }

    /** @return the name an admin reads */
    public String label() {
        return label;
    }

    /** @return whether a tenant that never chose has it on */
    public boolean onByDefault() {
        return onByDefault;
    }

    /**
     * @param raw a method name as typed, may be null
     * @return the method, empty when unknown
     */
    public static Optional<LoginMethod> of(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.strip().toLowerCase(Locale.ROOT);
        for (LoginMethod method : values()) {
            if (method.id.equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
