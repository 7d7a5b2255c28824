package io.usso.keycloak.apikeys.admin;

/**
 * Who may do what with another user's API keys, from Keycloak's admin permissions: listing needs {@code view-users}
 * on the owner, creating, rotating and revoking need {@code manage-users} on the owner (or the fine-grained
 * equivalents). A user id the caller cannot see answers 404 only when the caller may query users, 403 otherwise, so
 * that nobody learns which ids exist without the right to look them up (as Keycloak's own user endpoints do).
 */
public final class AdminAccess {

    /** What a request needs. */
    public enum Need {
        /** Listing keys: view the owner. */
        VIEW,
        /** Creating, rotating, revoking: manage the owner. */
        MANAGE
    }

    /** The outcome of the check. */
    public enum Decision {
        /** Go ahead. */
        ALLOW,
        /** 404: no such user in this realm (and the caller may know that). */
        NO_SUCH_USER,
        /** 403: the caller lacks the permission. */
        FORBIDDEN
    }

    private AdminAccess() {
    }

    /**
     * @param need what the request needs
     * @param userFound whether the owner exists in this realm
     * @param canQueryUsers whether the caller may search users of the realm
     * @param canView whether the caller may view the owner (ignored when not found)
     * @param canManage whether the caller may manage the owner (ignored when not found)
     * @return the decision
     */
    public static Decision decide(Need need, boolean userFound, boolean canQueryUsers, boolean canView,
            boolean canManage) {
        if (!userFound) {
            return canQueryUsers ? Decision.NO_SUCH_USER : Decision.FORBIDDEN;
        }
        boolean allowed = need == Need.VIEW ? canView || canManage : canManage;
        return allowed ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    /**
     * @param need what the request needed
     * @return the client-safe description of a 403
     */
    public static String forbiddenDescription(Need need) {
        return need == Need.VIEW
                ? "The caller may not view this user's API keys (needs view-users)"
                : "The caller may not manage this user's API keys (needs manage-users)";
    }
}
