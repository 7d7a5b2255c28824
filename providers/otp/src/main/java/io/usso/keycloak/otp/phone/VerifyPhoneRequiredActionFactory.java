package io.usso.keycloak.otp.phone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.otp.OtpCodeGenerator;
import io.usso.keycloak.otp.OtpConfig;
import io.usso.keycloak.otp.OtpConfigProperties;
import io.usso.keycloak.otp.OtpHasher;
import io.usso.keycloak.otp.OtpIssuer;
import io.usso.keycloak.otp.SendTimings;

/**
 * Required action {@value #ID}: verify a mobile number by SMS code. Configurable in the admin console
 * (Authentication → Required actions → gear): the code settings and the SMS gateway, as for {@code usso-sms-otp}.
 */
public final class VerifyPhoneRequiredActionFactory implements RequiredActionFactory, ServerInfoAwareProviderFactory {

    /** Provider id (also the alias to register and the {@code kc_action} value). */
    public static final String ID = "usso-verify-phone";

    private final OtpHasher hasher = new OtpHasher();
    private final OtpIssuer issuer = new OtpIssuer(new OtpCodeGenerator(), hasher, new SendTimings(300));

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new VerifyPhoneRequiredAction(issuer, hasher);
    }

    @Override
    public String getDisplayText() {
        return "Verify phone number (SMS code)";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
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
        return info;
    }
}
