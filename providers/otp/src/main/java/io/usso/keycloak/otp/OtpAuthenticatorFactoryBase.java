package io.usso.keycloak.otp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What the e-mail and SMS one-time-code authenticator factories share: one {@link OtpAuthenticator} per request
 * over the factory's channel, issuer and hasher; configurable per execution; "otp" brute-force category. The
 * subclasses only name the channel.
 */
abstract class OtpAuthenticatorFactoryBase implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.ALTERNATIVE,
        AuthenticationExecutionModel.Requirement.DISABLED
    };

    private final String id;
    private final String displayType;
    private final String helpText;
    private final Supplier<List<ProviderConfigProperty>> configProperties;
    private final OtpHasher hasher = new OtpHasher();
    private final SendTimings timings;
    private final OtpIssuer issuer;
    private final OtpChannel channel;

    /**
     * @param id provider id
     * @param displayType name in the admin console
     * @param helpText help in the admin console
     * @param channel how codes are delivered
     * @param typicalSendMillis starting estimate of a send, for the equal-timing answer to unknown identifiers
     * @param configProperties the execution's settings
     */
    OtpAuthenticatorFactoryBase(String id, String displayType, String helpText, OtpChannel channel,
            long typicalSendMillis, Supplier<List<ProviderConfigProperty>> configProperties) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
        this.channel = channel;
        this.timings = new SendTimings(typicalSendMillis);
        this.issuer = new OtpIssuer(new OtpCodeGenerator(), hasher, timings);
        this.configProperties = configProperties;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new OtpAuthenticator(channel, id, issuer, hasher);
    }

    @Override
    public String getDisplayType() {
        return displayType;
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
        return helpText;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return configProperties.get();
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
        return id;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaults", OtpConfig.defaults().toString());
        info.put("decoy-timing", "per tenant and channel (single-use store), starting at "
                + timings.initialMillis() + " ms");
        return info;
    }
}
