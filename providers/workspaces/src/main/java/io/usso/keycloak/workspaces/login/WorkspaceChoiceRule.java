package io.usso.keycloak.workspaces.login;

import java.util.List;

/**
 * When the choose-workspace page is shown and which answers it accepts. Pure.
 */
public final class WorkspaceChoiceRule {

    /** User attribute holding the remembered default workspace id (set only by the page, admin-visible only). */
    public static final String DEFAULT_ATTRIBUTE = "usso.workspace.default";

    /** Authorization parameter that asks for the page even with a valid default: {@code choose_workspace=true}. */
    public static final String PARAM = "choose_workspace";

    /** Where Keycloak keeps unknown authorization parameters in the authentication session. */
    public static final String PARAM_NOTE = "client_request_param_" + PARAM;

    /** Form field of the chosen workspace id. */
    public static final String FIELD_WORKSPACE = "workspace_id";

    /** Form field of the "remember as my default" checkbox. */
    public static final String FIELD_REMEMBER = "remember";

    /** Longest id accepted in the form (organization ids are UUIDs). */
    static final int MAX_ID = 64;

    private WorkspaceChoiceRule() {
    }

    /**
     * @param mine the user's enabled workspaces (ids)
     * @param storedDefault the remembered default, or null
     * @param asked whether the authorization request asks for the page
     * @param requestNames whether the request already names a workspace ({@code workspace_id})
     * @return whether to show the page
     */
    public static boolean ask(List<String> mine, String storedDefault, boolean asked, boolean requestNames) {
        if (mine.size() < 2 || requestNames) {
            return false;
        }
        return asked || storedDefault == null || !mine.contains(storedDefault);
    }

    /**
     * @param value a value of {@value #PARAM}
     * @return whether it asks for the page
     */
    public static boolean asks(String value) {
        return value != null && "true".equalsIgnoreCase(value.strip());
    }

    /**
     * @param raw the posted workspace id
     * @param mine the user's enabled workspaces (ids)
     * @return whether it is one of them (anything else, another tenant's id included, is refused)
     */
    public static boolean accepted(String raw, List<String> mine) {
        return raw != null && !raw.isEmpty() && raw.length() <= MAX_ID && mine.contains(raw);
    }

    /**
     * @param raw the posted checkbox value (absent when unchecked)
     * @return whether the choice is remembered as the default
     */
    public static boolean remember(String raw) {
        return raw != null && ("on".equals(raw) || "true".equals(raw));
    }
}
