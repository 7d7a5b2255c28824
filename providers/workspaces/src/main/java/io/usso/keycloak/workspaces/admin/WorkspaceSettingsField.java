package io.usso.keycloak.workspaces.admin;

import java.util.List;
import java.util.Locale;

import io.usso.keycloak.workspaces.UserVisibility;
import io.usso.keycloak.workspaces.WorkspaceSettings;

/**
 * One field of the "Workspaces" settings tab and the realm attribute it edits ({@link WorkspaceSettings} reads them,
 * with the same bounds). Form keys have no dots (the admin console would read them as nested paths). A blank field
 * means "the default" and removes the attribute.
 */
public enum WorkspaceSettingsField {

    /** {@value WorkspaceSettings#CREATE}. */
    CREATE("create", WorkspaceSettings.CREATE, List.of("admins", "anyone"), "admins",
            "Who may create workspaces",
            "admins: only tenant admins (realm-management manage-users). anyone: every signed-in user of the realm."),
    /** {@value WorkspaceSettings#MAX_PER_USER}. */
    MAX_PER_USER("maxPerUser", WorkspaceSettings.MAX_PER_USER, List.of(), "",
            "Workspaces one user may own",
            "Most workspaces one user may own, 0 to " + WorkspaceSettings.MAX_MAX_PER_USER
                    + " (tenant admins are not limited). Empty = " + WorkspaceSettings.DEFAULT_MAX_PER_USER + "."),
    /** {@value WorkspaceSettings#CATALOG_REQUIRED}. */
    CATALOG_REQUIRED("catalogRequired", WorkspaceSettings.CATALOG_REQUIRED, List.of("false", "true"), "false",
            "Role scopes need a catalog entry",
            "On: every scope on a workspace role or template must be allowed by the tenant's scope catalog, even "
                    + "while the catalog is empty. Off: the catalog is enforced once a service has registered scopes."),
    /** {@value WorkspaceSettings#USER_VISIBILITY}. */
    USER_VISIBILITY("userVisibility", WorkspaceSettings.USER_VISIBILITY,
            List.of(UserVisibility.SHARED_WORKSPACE.value(), UserVisibility.ALL.value()),
            UserVisibility.SHARED_WORKSPACE.value(), "Users see",
            "shared-workspace: the people search shows a user only the users sharing a workspace with them. all: "
                    + "every user of the realm. Tenant admins (view-users or manage-users) always see everyone.");

    private static final int MAX_NUMBER_DIGITS = 9;

    private final String formKey;
    private final String attribute;
    private final List<String> choices;
    private final String formDefault;
    private final String label;
    private final String help;

    WorkspaceSettingsField(String formKey, String attribute, List<String> choices, String formDefault, String label,
            String help) {
        this.formKey = formKey;
        this.attribute = attribute;
        this.choices = List.copyOf(choices);
        this.formDefault = formDefault;
        this.label = label;
        this.help = help;
    }

    /** @return the key in the component's config */
    public String formKey() {
        return formKey;
    }

    /** @return the realm attribute */
    public String attribute() {
        return attribute;
    }

    /** @return the values of a choice field (a list in the console), empty for the number field */
    public List<String> choices() {
        return choices;
    }

    /** @return what a new form shows ("" = empty) */
    public String formDefault() {
        return formDefault;
    }

    /** @return the label in the admin console */
    public String label() {
        return label;
    }

    /** @return the help text in the admin console */
    public String help() {
        return help;
    }

    /**
     * @param raw a submitted value, may be null
     * @return the value to store (trimmed, choices in lower case), null for blank
     */
    public String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        return choices.isEmpty() ? value : value.toLowerCase(Locale.ROOT);
    }

    /**
     * @param raw a submitted value, may be null
     * @return whether it is what a new form shows (then a first save keeps the realm's existing value)
     */
    public boolean isFormDefault(String raw) {
        String value = normalise(raw);
        return value == null || value.equals(normalise(formDefault));
    }

    /**
     * @param raw a submitted value, may be null
     * @return what is wrong with it (for the admin), or null when it is valid or blank
     */
    public String problem(String raw) {
        String value = normalise(raw);
        if (value == null) {
            return null;
        }
        if (!choices.isEmpty()) {
            return choices.contains(value) ? null : label + " must be " + String.join(" or ", choices);
        }
        String range = label + " must be a whole number from 0 to " + WorkspaceSettings.MAX_MAX_PER_USER;
        if (value.length() > MAX_NUMBER_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return range;
        }
        return Integer.parseInt(value) > WorkspaceSettings.MAX_MAX_PER_USER ? range : null;
    }
}
