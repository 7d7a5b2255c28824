package io.usso.keycloak.workspaces.login;

import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.store.MemberWorkspace;

/**
 * One workspace as the choose-workspace page shows it (FreeMarker reads the getters).
 */
public final class WorkspaceOption {

    private final String id;
    private final String name;
    private final String slug;
    private final String logo;
    private final boolean selected;

    WorkspaceOption(String id, String name, String slug, String logo, boolean selected) {
        this.id = id;
        this.name = name;
        this.slug = slug;
        this.logo = logo;
        this.selected = selected;
    }

    /**
     * @param w a workspace of the user
     * @param selectedId the id to pre-select, or null
     * @return its option (a logo only when it is an https URL)
     */
    static WorkspaceOption of(MemberWorkspace w, String selectedId) {
        String logo = w.attributes().get(Workspaces.ATTR_LOGO);
        return new WorkspaceOption(w.id(), w.name(), w.alias() == null ? "" : w.alias(),
                logo != null && logo.startsWith("https://") ? logo : "", w.id().equals(selectedId));
    }

    /** @return the workspace id (the value posted) */
    public String getId() {
        return id;
    }

    /** @return its name */
    public String getName() {
        return name;
    }

    /** @return its slug */
    public String getSlug() {
        return slug;
    }

    /** @return its logo URL, "" for none */
    public String getLogo() {
        return logo;
    }

    /** @return whether it is pre-selected */
    public boolean isSelected() {
        return selected;
    }
}
