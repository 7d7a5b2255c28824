package io.usso.keycloak.workspaces;

import java.util.Locale;

/**
 * Which users a signed-in user of the tenant sees in the people search we expose (tenant setting
 * {@value WorkspaceSettings#USER_VISIBILITY}); tenant admins always see everyone. Member lists are per workspace and
 * show only that workspace's members whatever the setting.
 */
public enum UserVisibility {

    /** Every user of the tenant (a company directory). */
    ALL("all"),
    /**
     * Only users who share at least one workspace with the caller (the default: a signed-in user learns nothing about
     * people outside their workspaces, so a self-registered account cannot harvest the tenant's names and addresses).
     */
    SHARED_WORKSPACE("shared-workspace");

    private final String value;

    UserVisibility(String value) {
        this.value = value;
    }

    /** @return the attribute value */
    public String value() {
        return value;
    }

    /**
     * @param raw the attribute value, may be null
     * @return {@link #ALL} for {@code all}, else {@link #SHARED_WORKSPACE} (the default, also for unreadable values)
     */
    public static UserVisibility parse(String raw) {
        return raw != null && ALL.value.equals(raw.strip().toLowerCase(Locale.ROOT)) ? ALL : SHARED_WORKSPACE;
    }

    /**
     * @param raw a submitted value
     * @return whether it names one of the values exactly (case-insensitive, trimmed)
     */
    public static boolean valid(String raw) {
        if (raw == null) {
            return false;
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        return ALL.value.equals(v) || SHARED_WORKSPACE.value.equals(v);
    }
}
