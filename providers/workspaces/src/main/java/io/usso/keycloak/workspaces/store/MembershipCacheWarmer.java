package io.usso.keycloak.workspaces.store;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Fills Keycloak's own cache of a user's organization memberships, so that Keycloak's per-lookup check stops
 * querying the database.
 *
 * <p>Why: Keycloak 26.7 asks, on every user lookup (even one served by the user cache), whether the user is a
 * managed member of a disabled organization ({@code Organizations.isReadOnlyOrganizationMember}), one
 * {@code isManagedMember} per organization of the user. Its cache provider reads that answer from a cached
 * membership entry but only {@code getMemberById} ever writes the entry, and nothing on a token or REST request calls
 * it: a member of 200 workspaces paid 200 queries per request (docs/BENCHMARKS.md). Calling
 * {@code getMemberById} once per membership writes the entries through Keycloak's own cache API; Keycloak
 * invalidates them itself when the membership changes, across the cluster. A warm entry costs a cache read.
 */
public final class MembershipCacheWarmer {

    private MembershipCacheWarmer() {
    }

    /**
     * @param session the request's session
     * @param user the member
     * @param workspaces the user's workspaces, read by {@link MemberWorkspaces}
     */
    public static void warm(KeycloakSession session, UserModel user, List<MemberWorkspace> workspaces) {
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        if (orgs == null || user == null || workspaces.isEmpty()) {
            return;
        }
        for (MemberWorkspace workspace : workspaces) {
            OrganizationModel org = orgs.getById(workspace.id());
            if (org != null) {
                orgs.getMemberById(org, user.getId());
            }
        }
    }
}
