package io.usso.keycloak.apikeys.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.common.admin.RealmSettingsForm;
import io.usso.keycloak.common.admin.RealmSettingsTabFactory;

/**
 * Admin console tab "API keys" under Realm settings ({@code /:realm/realm-settings/api-keys}), a declarative UI tab:
 * a form of the tenant's API key settings whose save validates the values and writes the realm attributes that
 * {@link io.usso.keycloak.apikeys.ApiKeyConfig} reads (see {@link ApiKeySettingsForm} for what a save writes).
 * The admin console renders the tab only when Keycloak runs with the experimental feature {@code declarative-ui};
 * Keycloak 26.7 loads this factory either way, so the same component (and its validation) also works through the
 * admin REST API ({@code /admin/realms/{realm}/components}), and the attributes can always be edited under Realm
 * settings, Attributes. Saving needs {@code manage-realm} (it is a realm component).
 */
public final class ApiKeysSettingsTabFactory extends RealmSettingsTabFactory {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "API keys";
    /** The {@code :tab} segment. */
    public static final String TAB = "api-keys";
    /** Help text of the tab. */
    static final String HELP = "USSO API key settings of this realm (stored as realm attributes usso.api-keys.*).";

    /** The form's rules ({@link ApiKeySettingsForm}) for the shared tab behaviour. */
    static final RealmSettingsForm RULES = new RealmSettingsForm() {
        @Override
        public List<ProviderConfigProperty> properties() {
            return ApiKeySettingsForm.properties();
        }

        @Override
        public List<String> formKeys() {
            return Arrays.stream(ApiKeySettingsField.values()).map(ApiKeySettingsField::formKey).toList();
        }

        @Override
        public List<String> problems(Map<String, String> form) {
            return ApiKeySettingsForm.problems(form);
        }

        @Override
        public Map<String, String> adoptExisting(Map<String, String> form, Map<String, String> realmAttributes) {
            return ApiKeySettingsForm.adoptExisting(form, realmAttributes);
        }

        @Override
        public Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after) {
            return ApiKeySettingsForm.attributeChanges(before, after);
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
        return Map.of("feature", "declarative-ui (experimental)");
    }
}
