package io.usso.keycloak.workspaces.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

import io.usso.keycloak.common.admin.RealmSettingsForm;
import io.usso.keycloak.common.admin.RealmSettingsTabFactory;
import io.usso.keycloak.workspaces.WorkspaceSettings;

/**
 * Admin console tab "Workspaces" under Realm settings ({@code /:realm/realm-settings/usso-workspaces}), a declarative
 * UI tab: a form of the tenant's workspace settings whose save validates the values and writes the realm attributes
 * {@code usso.workspaces.*} that {@link WorkspaceSettings} reads (see {@link WorkspaceSettingsForm} for what a save
 * writes). The console draws it with the experimental feature {@code declarative-ui} (the distribution enables it);
 * the component (and its validation) also works through the admin REST API ({@code /admin/realms/{realm}/components},
 * provider type {@code org.keycloak.services.ui.extend.UiTabProvider}, provider id {@value #ID}). Saving needs
 * {@code manage-realm} (it is a realm component).
 */
public final class WorkspaceSettingsTabFactory extends RealmSettingsTabFactory {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "Workspaces";
    /** The {@code :tab} segment. */
    public static final String TAB = "usso-workspaces";
    /** Help text of the tab. */
    static final String HELP = "USSO workspace settings of this realm: who creates workspaces, how many one user owns, "
            + "the scope catalog rule and which users people see (stored as realm attributes usso.workspaces.*).";

    /** The form's rules ({@link WorkspaceSettingsForm}) for the shared tab behaviour. */
    static final RealmSettingsForm RULES = new RealmSettingsForm() {
        @Override
        public List<ProviderConfigProperty> properties() {
            return WorkspaceSettingsForm.properties();
        }

        @Override
        public List<String> formKeys() {
            return Arrays.stream(WorkspaceSettingsField.values()).map(WorkspaceSettingsField::formKey).toList();
        }

        @Override
        public List<String> problems(Map<String, String> form) {
            return WorkspaceSettingsForm.problems(form);
        }

        @Override
        public Map<String, String> adoptExisting(Map<String, String> form, Map<String, String> realmAttributes) {
            return WorkspaceSettingsForm.adoptExisting(form, realmAttributes);
        }

        @Override
        public Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after) {
            return WorkspaceSettingsForm.attributeChanges(before, after);
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
        return Map.of("attributes", String.join(", ", WorkspaceSettings.ATTRIBUTES));
    }
}
