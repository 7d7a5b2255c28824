package io.usso.keycloak.workspaces;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;

/**
 * Workspace role names: the built-in {@value #OWNER}, {@value #ADMIN} and {@value #MEMBER} (every member holds
 * {@value #MEMBER} without an assignment), and custom roles named like {@code editor} or {@code billing.viewer}.
 */
public final class WorkspaceRoles {

    /** Built-in: may do everything in the workspace, including deleting it and naming other owners. */
    public static final String OWNER = "owner";
    /** Built-in: manages the workspace, its members (but not owners), roles and assignments. */
    public static final String ADMIN = "admin";
    /** Built-in: every member; reads the workspace and its members. */
    public static final String MEMBER = "member";
    /** The built-in roles. */
    public static final List<String> BUILT_IN = List.of(OWNER, ADMIN, MEMBER);
    /** Longest role name. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private WorkspaceRoles() {
    }

    /**
     * @param name a role name from a request
     * @return whether it is well-formed (lower case letters, digits, {@code _ . -}, 1..64 characters)
     */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @param name a role name
     * @return whether it is one of {@link #BUILT_IN}
     */
    public static boolean builtIn(String name) {
        return BUILT_IN.contains(name);
    }

    /**
     * A member's effective roles at a moment: {@value #MEMBER} plus every assignment not expired.
     *
     * @param assignments the member's rows
     * @param nowSeconds the moment, epoch seconds
     * @return the role names, sorted
     */
    public static Set<String> effective(Collection<WorkspaceMemberRoleEntity> assignments, long nowSeconds) {
        Set<String> names = new TreeSet<>();
        names.add(MEMBER);
        for (WorkspaceMemberRoleEntity a : assignments) {
            if (active(a, nowSeconds)) {
                names.add(a.getRoleName());
            }
        }
        return names;
    }

    /**
     * @param assignment a row
     * @param nowSeconds the moment, epoch seconds
     * @return whether it counts at that moment (no expiry, or expiry still ahead)
     */
    public static boolean active(WorkspaceMemberRoleEntity assignment, long nowSeconds) {
        return assignment.getExpiresAt() == null || assignment.getExpiresAt() > nowSeconds;
    }
}
