package io.usso.keycloak.loginflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * Admin console tab "Login methods" under Realm settings ({@code /:realm/realm-settings/usso-login-methods}), a
 * declarative UI tab: which sign-in methods the USSO browser flow offers and the second-factor policy. Saving
 * validates ({@link LoginMethodsForm}) and writes the realm attributes {@code usso.login.*} that the flow's
 * conditions read on every sign-in. Also works through the admin REST API as a realm component (provider type
 * {@code org.keycloak.services.ui.extend.UiTabProvider}, provider id {@value #ID}); saving needs {@code manage-realm}.
 */
public final class LoginMethodsTabFactory implements UiTabProviderFactory<ComponentModel> {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "Login methods";
    /** Route of the tab. */
    public static final String PATH = "/:realm/realm-settings/:tab";
    /** The {@code :tab} segment. */
    public static final String TAB = "usso-login-methods";
    /** Help text of the tab. */
    static final String HELP = "Sign-in methods of this realm's USSO browser flow and its second-factor policy "
            + "(realm attributes " + LoginMethodSettings.METHODS + ", " + LoginMethodSettings.SECOND_FACTOR + ").";

    @Override
    public UiTabProvider create(KeycloakSession session) {
        return new LoginMethodsTab();
    }

    @Override
    public String getPath() {
        return PATH;
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", TAB);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        List<String> problems = LoginMethodsForm.problems(form(model));
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        apply(realm, LoginMethodsForm.attributes(form(model)));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        apply(realm, LoginMethodsForm.attributes(form(newModel)));
    }

    private static void apply(RealmModel realm, Map<String, String> attributes) {
        attributes.forEach((attribute, value) -> {
            if (value == null) {
                realm.removeAttribute(attribute);
            } else {
                realm.setAttribute(attribute, value);
            }
        });
    }

    static Map<String, String> form(ComponentModel model) {
        Map<String, String> form = new HashMap<>();
        for (String key : List.of(LoginMethodsForm.METHODS, LoginMethodsForm.SECOND_FACTOR)) {
            String value = model.get(key);
            if (value != null) {
                form.put(key, value);
            }
        }
        return form;
    }

    @Override
    public String getHelpText() {
        return HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return LoginMethodsForm.properties();
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
}
