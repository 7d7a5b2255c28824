package io.usso.keycloak.loginflow;

import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.common.admin.RealmSettingsForm;
import io.usso.keycloak.common.admin.RealmSettingsTabFactory;

/**
 * Admin console tab "Login methods" under Realm settings ({@code /:realm/realm-settings/usso-login-methods}), a
 * declarative UI tab: which sign-in methods the USSO browser flow offers and the second-factor policy. Saving
 * validates ({@link LoginMethodsForm}) and writes the realm attributes {@code usso.login.*} that the flow's
 * conditions read on every sign-in. Also works through the admin REST API as a realm component (provider type
 * {@code org.keycloak.services.ui.extend.UiTabProvider}, provider id {@value #ID}); saving needs {@code manage-realm}.
 */
public final class LoginMethodsTabFactory extends RealmSettingsTabFactory {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "Login methods";
    /** The {@code :tab} segment. */
    public static final String TAB = "usso-login-methods";
    /** Help text of the tab. */
    static final String HELP = "Sign-in methods of this realm's USSO browser flow and its second-factor policy "
            + "(realm attributes " + LoginMethodSettings.METHODS + ", " + LoginMethodSettings.SECOND_FACTOR + ").";

    /** The form's rules ({@link LoginMethodsForm}): every save writes both attributes (an empty field = default). */
    static final RealmSettingsForm RULES = new RealmSettingsForm() {
        @Override
        public List<ProviderConfigProperty> properties() {
            return LoginMethodsForm.properties();
        }

        @Override
        public List<String> formKeys() {
            return List.of(LoginMethodsForm.METHODS, LoginMethodsForm.SECOND_FACTOR);
        }

        @Override
        public List<String> problems(Map<String, String> form) {
            return LoginMethodsForm.problems(form);
        }

        @Override
        public Map<String, String> adoptExisting(Map<String, String> form, Map<String, String> realmAttributes) {
            return Map.of();
        }

        @Override
        public Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after) {
            return LoginMethodsForm.attributes(after);
        }
    };

    @Override
    protected RealmSettingsForm settingsForm() {
        return RULES;
    }

    @Override
    protected String tab() {
        return TAB;
    }

    @Override
    public String getHelpText() {
        return HELP;
    }

    @Override
    public String getId() {
        return ID;
    }
}
