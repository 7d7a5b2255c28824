package io.usso.keycloak.otp;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * How codes travel: by e-mail ({@link EmailOtpChannel}) or SMS ({@link SmsOtpChannel}). A channel knows its
 * identifiers (what people type on a first-factor page), where a user's codes go, how to deliver one and how to show
 * a destination.
 */
public interface OtpChannel {

    /** @return {@code email} or {@code sms}: part of note keys, counter names and events */
    String id();

    /** @return the AMR value a successful code adds ({@code otp} for e-mail, {@code sms} for SMS) */
    String amr();

    /**
     * @param raw what was typed on the first-factor page
     * @param config the tenant's settings (default phone region)
     * @return the canonical identifier, or empty when it is not a valid address / number
     */
    Optional<String> normaliseIdentifier(String raw, OtpConfig config);

    /**
     * @param session the session
     * @param realm the tenant
     * @param identifier a canonical identifier
     * @return the user it belongs to, if exactly one
     */
    Optional<UserModel> findUser(KeycloakSession session, RealmModel realm, String identifier);

    /**
     * @param user a user
     * @param config the tenant's settings
     * @return where the user's codes go (canonical), or empty when the user has no address / number
     */
    Optional<String> destinationOf(UserModel user, OtpConfig config);

    /**
     * @param destination a canonical destination
     * @param config the tenant's code settings
     * @param security the tenant's security settings
     * @return why the tenant sends nothing there (a machine-readable reason), or empty when it may get codes
     */
    default Optional<String> refusal(String destination, OtpConfig config, TenantSecuritySettings security) {
        return Optional.empty();
    }

    /**
     * @param delivery the code and where it goes
     * @throws OtpSendException when it could not be delivered
     */
    void deliver(OtpDelivery delivery) throws OtpSendException;

    /**
     * @param destination a canonical destination
     * @param masked whether to hide most of it (second factor: the person has not typed it on this page)
     * @return the text shown on the code page
     */
    String display(String destination, boolean masked);

    /**
     * Marks the user's destination as proven (a correct code proves possession). Callers only call it when the
     * accepted code went to {@link #destinationOf} of the user.
     *
     * @param user the user
     * @param destination the user's canonical destination the accepted code went to
     * @return whether something changed
     */
    boolean markVerified(UserModel user, String destination);
}
