package io.usso.keycloak.otp;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.UssoAmr;
import io.usso.keycloak.common.security.TenantSecuritySettings;
import io.usso.keycloak.otp.phone.PhoneAttributes;
import io.usso.keycloak.otp.phone.PhoneNumbers;
import io.usso.keycloak.otp.phone.SmsCountryPolicy;
import io.usso.keycloak.otp.sms.SmsMessage;
import io.usso.keycloak.otp.sms.SmsSendException;
import io.usso.keycloak.otp.sms.SmsSender;
import io.usso.keycloak.otp.sms.SmsSettings;

/**
 * Codes by SMS through the tenant's {@link SmsSender} ({@code sms.sender}, default {@code log}). Identifiers are
 * phone numbers in any common notation, normalised to USSO's canonical form with the tenant's default region; users
 * are found by the {@value PhoneAttributes#PHONE_NUMBER} attribute.
 */
public final class SmsOtpChannel implements OtpChannel {

    /** Channel id. */
    public static final String ID = "sms";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String amr() {
        return UssoAmr.SMS;
    }

    @Override
    public Optional<String> normaliseIdentifier(String raw, OtpConfig config) {
        return PhoneNumbers.canonical(raw, config.defaultRegion());
    }

    @Override
    public Optional<UserModel> findUser(KeycloakSession session, RealmModel realm, String identifier) {
        return PhoneAttributes.findUser(session, realm, identifier);
    }

    @Override
    public Optional<String> destinationOf(UserModel user, OtpConfig config) {
        return PhoneAttributes.phone(user).flatMap(raw -> PhoneNumbers.canonical(raw, config.defaultRegion()));
    }

    /** Numbers of countries the tenant does not allow ({@link SmsCountryPolicy}) get nothing. */
    @Override
    public Optional<String> refusal(String destination, OtpConfig config, TenantSecuritySettings security) {
        return SmsCountryPolicy.allows(destination, config.defaultRegion(), security) ? Optional.empty()
                : Optional.of(SmsCountryPolicy.REASON);
    }

    @Override
    public void deliver(OtpDelivery delivery) throws OtpSendException {
        send(delivery.session(), delivery.realm(), delivery.user(), delivery.destination(), delivery.code(),
                delivery.config(), delivery.settings());
    }

    /**
     * Sends a code SMS (also used by the phone verification required action).
     *
     * @param session the session
     * @param realm the tenant
     * @param user the recipient's account (its language)
     * @param to canonical number
     * @param code the code
     * @param config the tenant's code settings
     * @param settings the provider config holding the {@code sms.*} gateway settings
     * @throws OtpSendException when the gateway did not take it
     */
    public static void send(KeycloakSession session, RealmModel realm, UserModel user, String to, String code,
            OtpConfig config, java.util.Map<String, String> settings) throws OtpSendException {
        String senderId = ConfigValues.string(settings, SmsSettings.SENDER);
        if (senderId == null) {
            senderId = SmsSettings.DEFAULT_SENDER;
        }
        SmsSender sender;
        try {
            sender = session.getProvider(SmsSender.class, senderId);
        } catch (RuntimeException e) {
            sender = null;
        }
        if (sender == null) {
            throw new OtpSendException("unknown_sender", "no SMS sender '" + senderId + "' is installed", null);
        }
        boolean webOtp = ConfigValues.bool(settings, SmsSettings.WEB_OTP, true, new java.util.ArrayList<>());
        String host = webOtp ? session.getContext().getUri().getBaseUri().getHost() : null;
        SmsText.Localized text = SmsText.build(session, realm, user, code, config.lifetimeMinutes(), host);
        try {
            sender.send(new SmsMessage(to, text.text(), code, text.languageTag()), settings);
        } catch (SmsSendException e) {
            throw new OtpSendException(e.reason(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new OtpSendException("sender_error", "SMS sender failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String display(String destination, boolean masked) {
        return masked ? PhoneNumbers.mask(destination) : PhoneNumbers.display(destination);
    }

    @Override
    public boolean markVerified(UserModel user, String destination) {
        if (PhoneAttributes.verified(user) && PhoneAttributes.phone(user).map(destination::equals).orElse(false)) {
            return false;
        }
        // stores the canonical form too, so that the number can be used to sign in
        PhoneAttributes.setVerified(user, destination);
        return true;
    }
}
