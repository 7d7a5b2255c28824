package io.usso.keycloak.common.admin;

import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * The rules of one realm-settings tab, without Keycloak's runtime: its fields, their validation and which realm
 * attributes a save writes. The realm attributes stay the one source of truth; the tab only writes them:
 * on the first save every field (a field the admin left as the new form showed it takes the realm's existing valid
 * attribute, {@link #adoptExisting}), on later saves only the fields changed in the form ({@link #attributeChanges}).
 */
public interface RealmSettingsForm {

    /** @return the fields as admin-console form properties */
    List<ProviderConfigProperty> properties();

    /** @return the form keys of the fields (what a saved component holds) */
    List<String> formKeys();

    /**
     * @param form form key to submitted value
     * @return what is wrong, one message per problem (empty when the form can be saved)
     */
    List<String> problems(Map<String, String> form);

    /**
     * @param form form key to submitted value
     * @param realmAttributes the realm's attributes, may be null
     * @return form key to the value to save instead, only for the fields that change
     */
    Map<String, String> adoptExisting(Map<String, String> form, Map<String, String> realmAttributes);

    /**
     * @param before the form as saved last time, null on the first save (then every field is written)
     * @param after the form being saved
     * @return realm attribute to new value, null = remove the attribute (default); only what must change
     */
    Map<String, String> attributeChanges(Map<String, String> before, Map<String, String> after);
}
