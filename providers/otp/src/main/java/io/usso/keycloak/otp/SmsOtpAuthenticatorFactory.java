package io.usso.keycloak.otp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Authenticator {@value #ID}: a one-time code by SMS, as first factor (asks for the phone number; users are found
 * by their {@code phone_number} attribute) or second factor (after the user is identified). Settings per execution
 * in the admin console: {@link OtpConfig} and the gateway ({@code sms.*}, see
 * {@link io.usso.keycloak.otp.sms.SmsSettings}).
 */
public final class SmsOtpAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-sms-otp";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.ALTERNATIVE,
        AuthenticationExecutionModel.Requirement.DISABLED
    };

    private final OtpHasher hasher = new OtpHasher();
    private final SendTimings timings = new SendTimings(300);
    private final OtpIssuer issuer = new OtpIssuer(new OtpCodeGenerator(), hasher, timings);
    private final OtpChannel channel = new SmsOtpChannel();

    @Override
    public Authenticator create(KeycloakSession session) {
        return new OtpAuthenticator(channel, ID, issuer, hasher);
    }

    @Override
    public String getDisplayType() {
        return "USSO SMS one-time code";
    }

    /** "otp": Keycloak's brute-force detection only counts failures of the password / otp categories. */
    @Override
    public String getReferenceCategory() {
        return OtpAuthenticator.BRUTE_FORCE_CATEGORY;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Sends a one-time code by SMS. Without an identified user it first asks for the phone number "
                + "(passwordless); after a password it is a second factor.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OtpConfigProperties.sms();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaults", OtpConfig.defaults().toString());
        info.put("average-send-ms", Long.toString(timings.averageMillis()));
        return info;
    }
}
