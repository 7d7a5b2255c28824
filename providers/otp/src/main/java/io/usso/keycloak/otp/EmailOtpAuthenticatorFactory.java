package io.usso.keycloak.otp;

/**
 * Authenticator {@value #ID}: a one-time code by e-mail, as first factor (asks for the address) or second factor
 * (after the user is identified). Settings per execution in the admin console, see {@link OtpConfig}.
 */
public final class EmailOtpAuthenticatorFactory extends OtpAuthenticatorFactoryBase {

    /** Provider id. */
    public static final String ID = "usso-email-otp";

    public EmailOtpAuthenticatorFactory() {
        super(ID, "USSO e-mail one-time code",
                "Sends a one-time code by e-mail. Without an identified user it first asks for the e-mail address "
                        + "(passwordless); after a password it is a second factor.",
                new EmailOtpChannel(), 150, OtpConfigProperties::code);
    }
}
