package io.usso.keycloak.qrlogin;

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

import io.usso.keycloak.common.UssoAmr;

/**
 * Registers the browser-flow authenticator {@value #ID} ("QR code login"). Put it as an ALTERNATIVE next to
 * "Username Password Form" in a sub-flow of the browser flow (the page offers "Try another way"); its settings are
 * {@link QrLoginConfig}. Stateless: one {@link QrLoginAuthenticator} serves every request.
 */
public final class QrLoginAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    /** Provider id, used in flows. */
    public static final String ID = "usso-qr-login";

    private static final QrLoginAuthenticator SINGLETON = new QrLoginAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.ALTERNATIVE,
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "QR code login";
    }

    @Override
    public String getHelpText() {
        return "Shows a QR code that a phone already signed in to this realm scans and approves (with number "
                + "matching); the browser then continues as that user. AMR 'qr'; the approver's level of "
                + "authentication carries over. The phone signs in through the client 'usso-qr-login'.";
    }

    @Override
    public String getReferenceCategory() {
        return UssoAmr.QR;
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
    public List<ProviderConfigProperty> getConfigProperties() {
        return QrLoginConfig.properties();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        QrLoginConfig d = QrLoginConfig.DEFAULTS;
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaultLifetimeSeconds", String.valueOf(d.lifetimeSeconds()));
        info.put("defaultRotationSeconds", String.valueOf(d.rotationSeconds()));
        info.put("codeEntropyBits", String.valueOf(QrSecrets.CODE_BYTES * 8));
        info.put("store", "singleUseObjects");
        return info;
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
}
