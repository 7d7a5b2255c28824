package io.usso.keycloak.apikeys.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyVerifyAccess;

/**
 * The rules of the "API keys" settings tab, without Keycloak's runtime: its fields, their validation, and which
 * realm attributes a save writes. The realm attributes stay the one source of truth ({@link ApiKeyConfig} reads
 * them on every request); the tab only writes them:
 * <ul>
 *   <li>first save: every field; a field the admin left as the new form showed it takes the realm's existing
 *       valid attribute instead ({@link #adoptExisting}), so a first save never undoes settings made elsewhere;</li>
 *   <li>later saves: only the fields changed in the form ({@link #attributeChanges}), so stale values in the form
 *       never overwrite attributes changed elsewhere since.</li>
 * </ul>
 */
public final class ApiKeySettingsForm {

    private ApiKeySettingsForm() {
    }

    /** @return the fields as admin-console form properties */
    public static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (ApiKeySettingsField field : ApiKeySettingsField.values()) {
            ProviderConfigurationBuilder.ProviderConfigPropertyBuilder property = builder.property()
                    .name(field.formKey()).label(field.label()).helpText(field.help());
            switch (field.kind()) {
                case BOOLEAN -> property.type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(field.formDefault());
                case CHOICE -> property.type(ProviderConfigProperty.LIST_TYPE)
                        .options(ApiKeyVerifyAccess.ROLE.configValue(), ApiKeyVerifyAccess.ANY_CALLER.configValue())
                        .defaultValue(field.formDefault());
                default -> property.type(ProviderConfigProperty.STRING_TYPE);
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
        for (ApiKeySettingsField field : ApiKeySettingsField.values()) {
            String problem = field.problem(form.get(field.formKey()));
            if (problem != null) {
                problems.add(problem);
            }
        }
        Long max = ApiKeySettingsField.MAX_LIFETIME_DAYS.number(form.get(ApiKeySettingsField.MAX_LIFETIME_DAYS.formKey()));
        Long dflt = ApiKeySettingsField.DEFAULT_LIFETIME_DAYS.number(
                form.get(ApiKeySettingsField.DEFAULT_LIFETIME_DAYS.formKey()));
        long effectiveMax = max == null ? ApiKeyConfig.DEFAULT_MAX_LIFETIME_DAYS : max;
        if (dflt != null && effectiveMax > 0 && dflt > effectiveMax) {
            problems.add(ApiKeySettingsField.DEFAULT_LIFETIME_DAYS.label() + " must not exceed "
                    + ApiKeySettingsField.MAX_LIFETIME_DAYS.label() + " (" + effectiveMax + ")");
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
        for (ApiKeySettingsField field : ApiKeySettingsField.values()) {
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
     * @return realm attribute to new value, null = remove the attribute (tenant default); only what must change
     */
    public static Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (ApiKeySettingsField field : ApiKeySettingsField.values()) {
            String now = field.normalise(after.get(field.formKey()));
            if (before == null || !Objects.equals(field.normalise(before.get(field.formKey())), now)) {
                changes.put(field.attribute(), now);
            }
        }
        return changes;
    }
}
