package io.usso.keycloak.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.common.admin.RealmSettingsForm;
import io.usso.keycloak.common.admin.RealmSettingsTabFactory;
import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * Admin console tab "Security" under Realm settings ({@code /:realm/realm-settings/usso-security}), a declarative UI
 * tab: a form of the tenant's security settings whose save validates the values and writes the realm attributes
 * {@code usso.security.*} that {@link TenantSecuritySettings} reads (see {@link SecuritySettingsForm} for what a save
 * writes). The console draws it with the experimental feature {@code declarative-ui} (the distribution enables it);
 * the component (and its validation) also works through the admin REST API ({@code /admin/realms/{realm}/components},
 * provider type {@code org.keycloak.services.ui.extend.UiTabProvider}), and the attributes can always be edited under
 * Realm settings, Attributes. Saving needs {@code manage-realm} (it is a realm component).
 */
public final class SecuritySettingsTabFactory extends RealmSettingsTabFactory {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "Security";
    /** The {@code :tab} segment (Keycloak's own "Security defenses" tab is {@code security-defenses}). */
    public static final String TAB = "usso-security";
    /** Help text of the tab. */
    static final String HELP = "USSO security settings of this realm: send budgets, SMS countries and limits, "
            + "sign-in age of sensitive actions (stored as realm attributes usso.security.*).";

    /** The form's rules ({@link SecuritySettingsForm}) for the shared tab behaviour. */
    static final RealmSettingsForm RULES = new RealmSettingsForm() {
        @Override
        public List<ProviderConfigProperty> properties() {
            return SecuritySettingsForm.properties();
        }

        @Override
        public List<String> formKeys() {
            return Arrays.stream(SecuritySettingsField.values()).map(SecuritySettingsField::formKey).toList();
        }

        @Override
        public List<String> problems(Map<String, String> form) {
            return SecuritySettingsForm.problems(form);
        }

        @Override
        public Map<String, String> adoptExisting(Map<String, String> form, Map<String, String> realmAttributes) {
            return SecuritySettingsForm.adoptExisting(form, realmAttributes);
        }

        @Override
        public Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after) {
            return SecuritySettingsForm.attributeChanges(before, after);
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

    @Override
    protected Map<String, String> operationalDetails() {
        return Map.of("defaults", TenantSecuritySettings.defaults().toString());
    }
}
