package io.usso.keycloak.apikeys.admin;

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

/**
 * Admin console tab "API keys" under Realm settings ({@code /:realm/realm-settings/api-keys}), a declarative UI tab:
 * a form of the tenant's API key settings whose save validates the values and writes the realm attributes that
 * {@link io.usso.keycloak.apikeys.ApiKeyConfig} reads (see {@link ApiKeySettingsForm} for what a save writes).
 * The admin console renders the tab only when Keycloak runs with the experimental feature {@code declarative-ui};
 * Keycloak 26.7 loads this factory either way, so the same component (and its validation) also works through the
 * admin REST API ({@code /admin/realms/{realm}/components}), and the attributes can always be edited under Realm
 * settings, Attributes. Saving needs {@code manage-realm} (it is a realm component).
 */
public final class ApiKeysSettingsTabFactory implements UiTabProviderFactory<ComponentModel>,
        ServerInfoAwareProviderFactory {

    /** Provider id; the admin console shows it as the tab title. */
    public static final String ID = "API keys";
    /** Route of the tab in the admin console. */
    public static final String PATH = "/:realm/realm-settings/:tab";
    /** The {@code :tab} segment. */
    public static final String TAB = "api-keys";
    /** Help text of the tab. */
    static final String HELP = "USSO API key settings of this realm (stored as realm attributes usso.api-keys.*).";

    @Override
    public UiTabProvider create(KeycloakSession session) {
        return new ApiKeysSettingsTab();
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
            // first save: the form showed defaults, not what the realm may already have
            ApiKeySettingsForm.adoptExisting(form, realm.getAttributes()).forEach((key, value) -> {
                model.put(key, value);
                form.put(key, value);
            });
        }
        List<String> problems = ApiKeySettingsForm.problems(form);
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        apply(realm, ApiKeySettingsForm.attributeChanges(null, form(model)));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        apply(realm, ApiKeySettingsForm.attributeChanges(form(oldModel), form(newModel)));
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
        for (ApiKeySettingsField field : ApiKeySettingsField.values()) {
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
        return ApiKeySettingsForm.properties();
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
        return Map.of("path", PATH.replace(":tab", TAB), "feature", "declarative-ui (experimental)");
    }
}
