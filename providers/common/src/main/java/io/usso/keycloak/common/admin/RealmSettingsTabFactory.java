package io.usso.keycloak.common.admin;

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
 * A tab under Realm settings in the admin console ({@code /:realm/realm-settings/<tab>}), drawn by Keycloak's
 * declarative UI (feature {@code declarative-ui}, which the distribution enables): a form whose save validates the
 * values ({@link RealmSettingsForm#problems}) and writes realm attributes. The same component, and its validation,
 * also works through the admin REST API ({@code /admin/realms/{realm}/components}, provider type
 * {@code org.keycloak.services.ui.extend.UiTabProvider}); saving needs {@code manage-realm} (it is a realm component).
 * A module's tab extends this with its id (the tab title), {@code :tab} segment, help text and form.
 */
public abstract class RealmSettingsTabFactory implements UiTabProviderFactory<ComponentModel>,
        ServerInfoAwareProviderFactory {

    /** Route of every settings tab in the admin console. */
    public static final String PATH = "/:realm/realm-settings/:tab";

    /** @return the form's rules */
    protected abstract RealmSettingsForm settingsForm();

    /** @return the {@code :tab} segment of the route */
    protected abstract String tab();

    @Override
    public final UiTabProvider create(KeycloakSession session) {
        return new RealmSettingsTab(getHelpText(), settingsForm().properties());
    }

    @Override
    public final String getPath() {
        return PATH;
    }

    @Override
    public final Map<String, String> getParams() {
        return Map.of("tab", tab());
    }

    @Override
    public final void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        Map<String, String> form = form(model);
        if (model.getId() == null) {
            // first save: the form showed empty fields or defaults, not what the realm may already have
            settingsForm().adoptExisting(form, realm.getAttributes()).forEach((key, value) -> {
                model.put(key, value);
                form.put(key, value);
            });
        }
        List<String> problems = settingsForm().problems(form);
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public final void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        apply(realm, settingsForm().attributeChanges(null, form(model)));
    }

    @Override
    public final void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel,
            ComponentModel newModel) {
        apply(realm, settingsForm().attributeChanges(form(oldModel), form(newModel)));
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

    /**
     * @param model the saved or submitted component
     * @return form key to first value, for the form's fields only
     */
    protected final Map<String, String> form(ComponentModel model) {
        Map<String, String> form = new HashMap<>();
        for (String key : settingsForm().formKeys()) {
            String value = model.get(key);
            if (value != null) {
                form.put(key, value);
            }
        }
        return form;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return settingsForm().properties();
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

    /** @return the route of this tab, plus {@link #operationalDetails()} */
    @Override
    public final Map<String, String> getOperationalInfo() {
        Map<String, String> info = new HashMap<>(operationalDetails());
        info.put("path", PATH.replace(":tab", tab()));
        return info;
    }

    /** @return what the server info page shows besides the route */
    protected Map<String, String> operationalDetails() {
        return Map.of();
    }
}
