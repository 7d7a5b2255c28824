package io.usso.keycloak.workspaces.people;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.workspaces.UserVisibility;
import io.usso.keycloak.workspaces.WorkspaceInputException;
import io.usso.keycloak.workspaces.WorkspaceSettings;
import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.store.VisiblePeople;
import io.usso.keycloak.workspaces.store.VisiblePeople.Person;

/**
 * {@code GET /realms/{r}/workspaces/people?q=}: finds users the caller may see. Tenant admins (who can list users in
 * the admin console anyway: {@code realm-management} {@code view-users} or {@code manage-users}) see every user; other
 * users see what the tenant setting {@value WorkspaceSettings#USER_VISIBILITY} allows: everyone ({@code all}) or only
 * users sharing a workspace with them ({@code shared-workspace}, the default; a user of no workspace finds nobody).
 * Each caller may search {@value #PER_MINUTE} times a minute (cluster-wide, {@link WindowCounter}); more is 429.
 */
public final class PeopleSearch {

    /** Searches one user may run per minute. */
    public static final int PER_MINUTE = 30;
    /** Rate-limit namespace. */
    static final String NAMESPACE = "usso-people-search";

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the request's session
     * @param realm the tenant
     */
    public PeopleSearch(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param caller the signed-in user
     * @param query the validated query
     * @param nowSeconds the moment
     * @return {@code [{"id", "username", "name", "email"}]}
     * @throws WorkspaceInputException 429 beyond the rate limit
     */
    public List<Map<String, Object>> find(UserModel caller, PeopleQuery query, long nowSeconds) {
        long wait = new WindowCounter(session.singleUseObjects(), NAMESPACE, realm.getId(), 60)
                .acquire("user", caller.getId(), PER_MINUTE, nowSeconds);
        if (wait > 0) {
            throw new WorkspaceInputException(429, "too_many_requests",
                    "Too many searches: try again in " + wait + " seconds");
        }
        VisiblePeople people = new VisiblePeople(session, realm.getId());
        List<Person> found = seesEveryone(caller)
                ? people.everyone(query.likePattern(), query.first(), query.max())
                : people.sharingWorkspaceWith(caller.getId(), query.likePattern(), query.first(), query.max());
        List<Map<String, Object>> out = new ArrayList<>(found.size());
        for (Person p : found) {
            out.add(json(p));
        }
        return out;
    }

    /**
     * @param caller a user of the tenant
     * @return whether they see every user: a tenant admin, or the tenant shows everyone to everyone
     */
    boolean seesEveryone(UserModel caller) {
        return WorkspaceSettings.of(realm).userVisibility() == UserVisibility.ALL
                || holdsManagementRole(caller, "view-users") || holdsManagementRole(caller, Workspaces.TENANT_ADMIN_ROLE);
    }

    private boolean holdsManagementRole(UserModel user, String roleName) {
        ClientModel management = realm.getClientByClientId("realm-management");
        RoleModel role = management == null ? null : management.getRole(roleName);
        return role != null && user.hasRole(role);
    }

    /**
     * @param p a person found
     * @return {@code {"id", "username", "name", "email"}}, name = first and last name, null when both are empty
     */
    static Map<String, Object> json(Person p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("username", p.username());
        String name = ((p.firstName() == null ? "" : p.firstName()) + " "
                + (p.lastName() == null ? "" : p.lastName())).strip();
        out.put("name", name.isEmpty() ? null : name);
        out.put("email", p.email());
        return out;
    }
}
