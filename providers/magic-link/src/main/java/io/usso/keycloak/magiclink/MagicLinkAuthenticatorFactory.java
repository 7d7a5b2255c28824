package io.usso.keycloak.magiclink;

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
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers the {@value #ID} authenticator and its per-tenant settings ({@link MagicLinkConfig}) in the admin
 * console. Stateless: one {@link MagicLinkAuthenticator} serves every request.
 */
public final class MagicLinkAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-magic-link";

    private static final MagicLinkAuthenticator SINGLETON = new MagicLinkAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.ALTERNATIVE,
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
        return "USSO magic link (e-mail)";
    }

    @Override
    public String getReferenceCategory() {
        return "email-link";
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
        return "Passwordless sign-in with a single-use link sent by e-mail. Only the newest link of a window works, "
                + "opening it changes nothing until the person confirms (link scanners are harmless), and by default "
                + "only the browser that asked can use it (another device needs the window's code when allowed).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MagicLinkConfig.LIFETIME).label("Link lifetime (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(MagicLinkConfig.DEFAULT_LIFETIME))
                .helpText("How long a link works, " + MagicLinkConfig.MIN_LIFETIME + ".." + MagicLinkConfig.MAX_LIFETIME
                        + " seconds.").add()
                .property().name(MagicLinkConfig.PER_ADDRESS).label("Links per address")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(MagicLinkConfig.DEFAULT_PER_ADDRESS))
                .helpText("Links sent to one address per rate-limit window; 0 = no limit.").add()
                .property().name(MagicLinkConfig.PER_IP).label("Link requests per IP")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(MagicLinkConfig.DEFAULT_PER_IP))
                .helpText("Link requests from one client IP per rate-limit window; 0 = no limit.").add()
                .property().name(MagicLinkConfig.WINDOW).label("Rate-limit window (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(MagicLinkConfig.DEFAULT_WINDOW))
                .helpText("Length of the fixed window the two limits count in.").add()
                .property().name(MagicLinkConfig.CROSS_DEVICE).label("Link opened on another device")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(CrossDeviceMode.SAME_BROWSER.configValue(),
                        CrossDeviceMode.RETURN_TO_FIRST_WINDOW.configValue(), CrossDeviceMode.LOG_IN_BOTH.configValue())
                .defaultValue(CrossDeviceMode.SAME_BROWSER.configValue())
                .helpText("same-browser (safest): only the browser that asked can use the link. "
                        + "return-to-first-window: another device may confirm after typing the two-digit number the "
                        + "first window shows, and the first window signs in. log-in-both: as before, and the other "
                        + "device is signed in as well.").add()
                .property().name(MagicLinkConfig.ALLOW_REGISTRATION).label("Register on first link")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("An unknown address gets a link that creates its account (e-mail verified). Only when "
                        + "user registration is enabled for the realm.").add()
                .property().name(MagicLinkConfig.API_MAX_LIFETIME).label("API link maximum lifetime (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(MagicLinkConfig.DEFAULT_API_MAX_LIFETIME))
                .helpText("Longest lifetime a back end may ask for with POST /realms/{realm}/magic-link.").add()
                .property().name(MagicLinkConfig.API_LINK_CLIENTS).label("API: clients that may receive links")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Client ids for which POST /realms/{realm}/magic-link may return the link to its caller "
                        + "(\"send\": false) instead of e-mailing it. A returned link signs in as the user: empty = "
                        + "never.").add()
                .property().name(MagicLinkConfig.API_LINK_DENIED_ROLES).label("API: roles that never get links")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Holders of these roles (realm role name, or client-id/role) never get a returned link. "
                        + "Holders of any realm-management role or of the admin role never do anyway.").add()
                .build();
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
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("default-lifetime-seconds", Integer.toString(MagicLinkConfig.DEFAULT_LIFETIME));
        info.put("store", "singleUseObjects (cluster-wide)");
        info.put("mail-executor", MagicLinkMailer.EXECUTOR);
        return info;
    }
}
