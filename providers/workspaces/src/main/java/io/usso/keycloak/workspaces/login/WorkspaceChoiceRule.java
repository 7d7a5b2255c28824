package io.usso.keycloak.workspaces.login;

import java.util.List;

/**
 * When the choose-workspace page is shown and which answers it accepts. Pure.
 */
public final class WorkspaceChoiceRule {

    /** Authorization parameter that asks for the page even with a valid default: {@code choose_workspace=true}. */
    public static final String PARAM = "choose_workspace";

    /** Form field of the chosen workspace id. */
    public static final String FIELD_WORKSPACE = "workspace_id";

    /** Form field of the "remember as my default" checkbox. */
    public static final String FIELD_REMEMBER = "remember";

    /** Longest id accepted in the form (organization ids are UUIDs). */
    static final int MAX_ID = 64;

    private WorkspaceChoiceRule() {
    }

    /**
     * The page is shown at a browser sign-in that is not silent and names no workspace, once per sign-in, to a
     * member of two or more workspaces who has no valid remembered default or whose request asks for the page.
     *
     * @param mine the user's enabled workspaces (ids)
     * @param storedDefault the remembered default, or null
     * @param request what the authorization request says
     * @return whether to show the page
     */
    public static boolean ask(List<String> mine, String storedDefault, ChoiceRequest request) {
        if (!request.browser() || request.silent() || request.names() || request.chosen() || mine.size() < 2) {
            return false;
        }
        return request.asks() || storedDefault == null || !mine.contains(storedDefault);
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
