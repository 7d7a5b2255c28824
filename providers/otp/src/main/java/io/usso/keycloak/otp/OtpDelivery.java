package io.usso.keycloak.otp;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Everything a channel needs to deliver one code.
 *
 * @param session the request's session
 * @param realm the tenant
 * @param user the user the code is for (never null: nothing is delivered for unknown identifiers)
 * @param authSession the authentication session (e-mail templates read the client and locale from it)
 * @param destination where to send it (e-mail address or canonical phone number)
 * @param code the code
 * @param config the tenant's code settings
 * @param settings the raw provider config (gateway settings for SMS)
 * @param device what asked for the code, e.g. {@code Chrome on Windows (203.0.113.7)}
 * @param requestTime when, already formatted
 */
public record OtpDelivery(KeycloakSession session, RealmModel realm, UserModel user,
        AuthenticationSessionModel authSession, String destination, String code, OtpConfig config,
        Map<String, String> settings, String device, String requestTime) {

    /** Never shows the code. */
    @Override
    public String toString() {
        return "OtpDelivery{realm=" + (realm == null ? null : realm.getName()) + ", user="
                + (user == null ? null : user.getId()) + "}";
    }
}
