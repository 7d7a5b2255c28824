package io.usso.keycloak.workspaces.admin;

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
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

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
public final class WorkspaceSettingsTabFactory implements UiTabProviderFactory<ComponentModel>,
        ServerInfoAwareProviderFactory {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "Workspaces";
    /** Route of the tab in the admin console. */
    public static final String PATH = "/:realm/realm-settings/:tab";
    /** The {@code :tab} segment. */
    public static final String TAB = "usso-workspaces";
    /** Help text of the tab. */
    static final String HELP = "USSO workspace settings of this realm: who creates workspaces, how many one user owns, "
            + "the scope catalog rule and which users people see (stored as realm attributes usso.workspaces.*).";

    @Override
    public UiTabProvider create(KeycloakSession session) {
        return new WorkspaceSettingsTab();
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
        Map<String, String> form = form(model);
        if (model.getId() == null) {
            // first save: the form showed its defaults, not what the realm may already have
            WorkspaceSettingsForm.adoptExisting(form, realm.getAttributes()).forEach((key, value) -> {
                model.put(key, value);
                form.put(key, value);
            });
        }
        List<String> problems = WorkspaceSettingsForm.problems(form);
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        apply(realm, WorkspaceSettingsForm.attributeChanges(null, form(model)));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        apply(realm, WorkspaceSettingsForm.attributeChanges(form(oldModel), form(newModel)));
    }

    private static void apply(RealmModel realm, Map<String, String> changes) {
        changes.forEach((attribute, value) -> {
            if (value == null) {
                realm.removeAttribute(attribute);
            } else {
                realm.setAttribute(attribute, value);
            }
        });
    }

    /** @return form key to first value, for our fields only */
    static Map<String, String> form(ComponentModel model) {
        Map<String, String> form = new HashMap<>();
        for (WorkspaceSettingsField field : WorkspaceSettingsField.values()) {
            String value = model.get(field.formKey());
            if (value != null) {
                form.put(field.formKey(), value);
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
        return WorkspaceSettingsForm.properties();
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
        return Map.of("path", PATH.replace(":tab", TAB), "attributes", String.join(", ", WorkspaceSettings.ATTRIBUTES));
    }
}
