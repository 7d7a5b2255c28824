package io.usso.keycloak.workspaces.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The rules of the "Workspaces" settings tab, without Keycloak's runtime: its fields, their validation and which
 * realm attributes a save writes (the attributes stay the one source of truth, read on every request):
 * <ul>
 *   <li>first save: every field; a field still as a new form shows it takes the realm's existing valid attribute
 *       instead ({@link #adoptExisting}), so a first save never undoes settings made elsewhere (realm import);</li>
 *   <li>later saves: only the fields changed in the form ({@link #attributeChanges}).</li>
 * </ul>
 */
public final class WorkspaceSettingsForm {

    private WorkspaceSettingsForm() {
    }

    /** @return the fields as admin-console form properties (lists for the choices, text for the number) */
    public static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (WorkspaceSettingsField field : WorkspaceSettingsField.values()) {
            ProviderConfigurationBuilder.ProviderConfigPropertyBuilder property = builder.property()
                    .name(field.formKey()).label(field.label()).helpText(field.help());
            if (field.choices().isEmpty()) {
                property.type(ProviderConfigProperty.STRING_TYPE);
            } else {
                property.type(ProviderConfigProperty.LIST_TYPE).options(field.choices())
                        .defaultValue(field.formDefault());
            }
            property.add();
        }
        return builder.build();
    }

    /**
     * @param form form key to submitted value
     * @return what is wrong, one message per problem (empty when the form can be saved)
     */
    public static List<String> problems(Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        for (WorkspaceSettingsField field : WorkspaceSettingsField.values()) {
            String problem = field.problem(form.get(field.formKey()));
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * Before the first save: fields still as a new form shows them take the realm's existing valid attribute.
     *
     * @param form form key to submitted value
     * @param realmAttributes the realm's attributes, may be null
     * @return form key to the value to save instead, only for the fields that change
     */
    public static Map<String, String> adoptExisting(Map<String, String> form, Map<String, String> realmAttributes) {
        Map<String, String> adopted = new LinkedHashMap<>();
        if (realmAttributes == null) {
            return adopted;
        }
        for (WorkspaceSettingsField field : WorkspaceSettingsField.values()) {
            String existing = field.normalise(realmAttributes.get(field.attribute()));
            if (existing != null && field.problem(existing) == null && field.isFormDefault(form.get(field.formKey()))
                    && !existing.equals(field.normalise(form.get(field.formKey())))) {
                adopted.put(field.formKey(), existing);
            }
        }
        return adopted;
    }

    /**
     * @param before the form as saved last time, null on the first save (then every field is written)
     * @param after the form being saved
     * @return realm attribute to new value, null = remove the attribute (default); only what must change
     */
    public static Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (WorkspaceSettingsField field : WorkspaceSettingsField.values()) {
            String now = field.normalise(after.get(field.formKey()));
            if (before == null || !Objects.equals(field.normalise(before.get(field.formKey())), now)) {
                changes.put(field.attribute(), now);
            }
        }
        return changes;
    }
}
