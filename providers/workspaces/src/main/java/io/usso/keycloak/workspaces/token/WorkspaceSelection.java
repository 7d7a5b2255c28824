package io.usso.keycloak.workspaces.token;

import java.util.List;

/**
 * Which workspace a token is for: exactly one, or none for a user without workspaces. Pure. In order: the
 * workspace the request asks for (refused when the user is not a member of it), the one this client's session is
 * bound to, the one the user last chose in this sign-in session (any client), the default the user remembered on
 * the choose-workspace page (user attribute {@code usso.workspace.default}), else the user's first workspace (by
 * name). A bound, chosen or default workspace the user has left is dropped silently.
 */
public final class WorkspaceSelection {

    /**
     * User attribute of the remembered default workspace id: written only by the choose-workspace page
     * ({@code login/ChooseWorkspaceRequiredAction}), admin-only in the templates' user profile, and trusted only while
     * the user is a member of that workspace.
     */
    public static final String DEFAULT_ATTRIBUTE = "usso.workspace.default";

    /**
     * @param workspaceId the chosen workspace, null for none
     * @param refused whether the request asked for a workspace the user is not a member of
     */
    public record Choice(String workspaceId, boolean refused) {
    }

    private WorkspaceSelection() {
    }

    /**
     * @param requested the workspace the request asks for, or null
     * @param bound the workspace this client session is bound to, or null
     * @param remembered the workspace last chosen in the user session, or null
     * @param memberships the user's workspaces, in the order the first is taken by default
     * @return the choice
     */
    public static Choice choose(String requested, String bound, String remembered, List<String> memberships) {
        return choose(requested, bound, remembered, null, memberships);
    }

    /**
     * @param requested the workspace the request asks for, or null
     * @param bound the workspace this client session is bound to, or null
     * @param remembered the workspace last chosen in the user session, or null
     * @param preferred the user's remembered default workspace, or null
     * @param memberships the user's workspaces, in the order the first is taken by default
     * @return the choice
     */
    public static Choice choose(String requested, String bound, String remembered, String preferred,
            List<String> memberships) {
        if (requested != null) {
            return memberships.contains(requested) ? new Choice(requested, false) : new Choice(null, true);
        }
        if (bound != null && memberships.contains(bound)) {
            return new Choice(bound, false);
        }
        if (remembered != null && memberships.contains(remembered)) {
            return new Choice(remembered, false);
        }
        if (preferred != null && memberships.contains(preferred)) {
            return new Choice(preferred, false);
        }
        return new Choice(memberships.isEmpty() ? null : memberships.get(0), false);
    }
}
