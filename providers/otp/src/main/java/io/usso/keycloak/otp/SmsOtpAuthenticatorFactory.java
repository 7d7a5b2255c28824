package io.usso.keycloak.otp;

/**
 * Authenticator {@value #ID}: a one-time code by SMS, as first factor (asks for the phone number; users are found
 * by their {@code phone_number} attribute) or second factor (after the user is identified). Settings per execution
 * in the admin console: {@link OtpConfig} and the gateway ({@code sms.*}, see
 * {@link io.usso.keycloak.otp.sms.SmsSettings}).
 */
public final class SmsOtpAuthenticatorFactory extends OtpAuthenticatorFactoryBase {

    /** Provider id. */
    public static final String ID = "usso-sms-otp";

    public SmsOtpAuthenticatorFactory() {
        super(ID, "USSO SMS one-time code",
                "Sends a one-time code by SMS. Without an identified user it first asks for the phone number "
                        + "(passwordless); after a password it is a second factor.",
                new SmsOtpChannel(), 300, OtpConfigProperties::sms);
    }
}
