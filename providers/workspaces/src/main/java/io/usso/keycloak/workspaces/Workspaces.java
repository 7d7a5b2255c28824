package io.usso.keycloak.workspaces;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.workspaces.WorkspaceAccess.Action;
import io.usso.keycloak.workspaces.WorkspaceInput.RoleFields;
import io.usso.keycloak.workspaces.WorkspaceInput.WorkspaceFields;
import io.usso.keycloak.workspaces.store.ScopeCatalogEntity;
import io.usso.keycloak.workspaces.store.WorkspaceMemberRoleEntity;
import io.usso.keycloak.workspaces.store.WorkspaceRoleEntity;
import io.usso.keycloak.workspaces.store.WorkspaceStore;

/**
 * Workspaces of one tenant: Keycloak organizations of the realm ({@link OrganizationProvider}; membership is
 * Keycloak's) plus USSO's roles and role assignments ({@link WorkspaceStore}). The slug is the organization's alias,
 * the description its description, logo and settings are organization attributes {@value #ATTR_LOGO} and
 * {@value #ATTR_SETTINGS}. Refusals are {@link WorkspaceInputException}s with their HTTP status (404 for a workspace
 * the caller may not see, 403 for one they may see but not change, 409 for conflicts).
 */
public final class Workspaces {

    /** Organization attribute: the logo URL. */
    public static final String ATTR_LOGO = "usso.logo";
    /** Organization attribute: the settings JSON object. */
    public static final String ATTR_SETTINGS = "usso.settings";
    /** Organization attribute: the id of the user who created the workspace. */
    public static final String ATTR_CREATED_BY = "usso.created_by";
    /** Client role of {@code realm-management} that makes a user a tenant admin of workspaces. */
    public static final String TENANT_ADMIN_ROLE = "manage-users";
    /** Most members listed at once. */
    public static final int MAX_PAGE = 100;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] SLUG_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider orgs;
    private final WorkspaceStore store;

    /**
     * @param session the request's session (its context realm is {@code realm})
     * @param realm the tenant
     */
    public Workspaces(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.orgs = session.getProvider(OrganizationProvider.class);
        this.store = new WorkspaceStore(session, realm.getId());
    }

    /** @return whether the tenant has organizations switched on (else workspaces answer 404) */
    public boolean enabled() {
        return orgs != null && realm.isOrganizationsEnabled();
    }

    /**
     * @param user a user of the realm
     * @return whether the user manages every workspace of the tenant ({@code realm-management}
     *         {@value #TENANT_ADMIN_ROLE}, also through {@code realm-admin})
     */
    public boolean tenantAdmin(UserModel user) {
        ClientModel management = realm.getClientByClientId("realm-management");
        RoleModel role = management == null ? null : management.getRole(TENANT_ADMIN_ROLE);
        return role != null && user.hasRole(role);
    }

    /**
     * @param id a workspace id from a request
     * @return the workspace of this tenant, or null (unknown, malformed, or another tenant's)
     */
    public OrganizationModel find(String id) {
        if (!WorkspaceInput.plausibleId(id)) {
            return null;
        }
        try {
            return orgs.getById(id);
        } catch (ModelException e) {
            return null; // Keycloak refuses an organization of another realm: not found for this tenant
        }
    }

    /**
     * @param org a workspace
     * @param user a user
     * @param nowSeconds the moment
     * @return the user's effective roles in it, or null when not a member
     */
    public Set<String> rolesOf(OrganizationModel org, UserModel user, long nowSeconds) {
        if (!orgs.isMember(org, user)) {
            return null;
        }
        return WorkspaceRoles.effective(store.assignments(org.getId(), user.getId()), nowSeconds);
    }

    /**
     * @param id a workspace id from a request
     * @param caller the caller
     * @param tenantAdmin whether the caller is a tenant admin
     * @param action what the caller wants to do
     * @param nowSeconds the moment
     * @return the workspace
     * @throws WorkspaceInputException 404 when the caller may not see it, 403 when they may not do that
     */
    public OrganizationModel require(String id, UserModel caller, boolean tenantAdmin, Action action,
            long nowSeconds) {
        OrganizationModel org = find(id);
        WorkspaceAccess access = org == null ? null
                : new WorkspaceAccess(rolesOf(org, caller, nowSeconds), tenantAdmin);
        if (access == null || !access.visible()) {
            throw notFound("No such workspace");
        }
        if (!access.may(action)) {
            throw new WorkspaceInputException(403, "access_denied",
                    "Your workspace role does not allow this (" + action.name().toLowerCase(Locale.ROOT) + ")");
        }
        return org;
    }



    /**
     * The caller's roles in each of their workspaces with one query (assignments), not one per workspace.
     *
     * @param user a user
     * @param workspaceIds the user's workspaces
     * @param nowSeconds the moment
     * @return effective roles by workspace id
     */
    public Map<String, Set<String>> rolesInEachId(UserModel user, java.util.Collection<String> workspaceIds,
            long nowSeconds) {
        Map<String, List<WorkspaceMemberRoleEntity>> rows = new HashMap<>();
        for (WorkspaceMemberRoleEntity row : store.assignmentsOfUser(user.getId())) {
            rows.computeIfAbsent(row.getWorkspaceId(), k -> new ArrayList<>()).add(row);
        }
        Map<String, Set<String>> roles = new HashMap<>();
        for (String id : workspaceIds) {
            roles.put(id, WorkspaceRoles.effective(rows.getOrDefault(id, List.of()), nowSeconds));
        }
        return roles;
    }

    /**
     * The user's workspaces in one query (not one organization model and its attributes each): what the list and
     * the token mapper read.
     *
     * @param user a user of the tenant
     * @return the workspaces, enabled or not, by name
     */
    public List<io.usso.keycloak.workspaces.store.MemberWorkspace> mineAtOnce(UserModel user) {
        List<io.usso.keycloak.workspaces.store.MemberWorkspace> mine =
                new io.usso.keycloak.workspaces.store.MemberWorkspaces(session, realm.getId()).of(user.getId(),
                        List.of(ATTR_LOGO, ATTR_SETTINGS, ATTR_CREATED_BY));
        // the user's next requests: Keycloak's per-lookup membership check then reads its cache, not the database
        io.usso.keycloak.workspaces.store.MembershipCacheWarmer.warm(session, user, mine);
        return mine;
    }

    /**
     * @param first offset
     * @param max page size
     * @return every workspace of the tenant (tenant admins)
     */
    public List<OrganizationModel> all(int first, int max) {
        return orgs.getAllStream("", false, first, max).collect(Collectors.toList());
    }

    /**
     * Creates a workspace with the caller as its member and owner, and, with {@link WorkspaceFields#template()}, the
     * template's roles, all in the request's transaction (a refusal rolls back everything).
     *
     * @param owner the caller
     * @param tenantAdmin whether the caller is a tenant admin (not bound by the settings)
     * @param fields validated fields
     * @param nowSeconds the moment
     * @return the workspace
     * @throws WorkspaceInputException 400 for an unknown template or one whose scopes the catalog refuses now
     */
    public OrganizationModel create(UserModel owner, boolean tenantAdmin, WorkspaceFields fields, long nowSeconds) {
        WorkspaceSettings settings = WorkspaceSettings.of(realm);
        if (!tenantAdmin) {
            if (!settings.anyoneMayCreate()) {
                throw new WorkspaceInputException(403, "access_denied",
                        "In this tenant only administrators create workspaces");
            }
            if (store.countHeld(owner.getId(), WorkspaceRoles.OWNER) >= settings.maxPerUser()) {
                throw new WorkspaceInputException(409, "limit_reached",
                        "You own " + settings.maxPerUser() + " workspaces, the most this tenant allows");
            }
        }
        WorkspaceTemplate template = fields.template() == null ? null
                : new WorkspaceTemplates(realm).require(fields.template());
        if (template != null) {
            requireCatalogued(template.allScopes());
        }
        String slug = fields.slug() != null ? fields.slug() : slugFor(fields.name());
        if (orgs.getByAlias(slug) != null) {
            throw conflict("A workspace with the slug '" + slug + "' exists");
        }
        if (orgs.getAllStream(fields.name(), true, 0, 1).findAny().isPresent()) {
            throw conflict("A workspace with this name exists in the tenant");
        }
        OrganizationModel org;
        try {
            org = orgs.create(fields.name(), slug);
        } catch (ModelDuplicateException e) {
            throw conflict("A workspace with this name or slug exists in the tenant");
        } catch (ModelException e) {
            throw WorkspaceInputException.invalid("Keycloak refused the workspace: name or slug not accepted");
        }
        apply(org, fields, Map.of(ATTR_CREATED_BY, List.of(owner.getId())));
        orgs.addMember(org, owner);
        store.assign(org.getId(), owner.getId(), WorkspaceRoles.OWNER, null, owner.getId(), nowSeconds);
        if (template != null) {
            for (RoleFields role : template.roles()) {
                store.saveRole(org.getId(), role.name(), role.description(), String.join(" ", role.scopes()),
                        nowSeconds);
            }
        }
        OrganizationModel stored = orgs.getById(org.getId());
        return stored == null ? org : stored;
    }

    /**
     * @param org a workspace
     * @param fields validated fields (null = unchanged; the slug cannot change)
     */
    public void update(OrganizationModel org, WorkspaceFields fields) {
        if (fields.slug() != null && !fields.slug().equals(org.getAlias())) {
            throw WorkspaceInputException.invalid("The slug of a workspace cannot change");
        }
        if (fields.name() != null && !fields.name().equals(org.getName())) {
            if (orgs.getAllStream(fields.name(), true, 0, 1).anyMatch(o -> !o.getId().equals(org.getId()))) {
                throw conflict("A workspace with this name exists in the tenant");
            }
            org.setName(fields.name());
        }
        apply(org, fields, Map.of());
    }

    /** Sets description and the attributes in one write (Keycloak replaces all attributes at once). */
    private void apply(OrganizationModel org, WorkspaceFields fields, Map<String, List<String>> more) {
        if (fields.description() != null) {
            org.setDescription(fields.description());
        }
        if (fields.logo() != null || fields.settings() != null || !more.isEmpty()) {
            Map<String, List<String>> attributes = new HashMap<>(org.getAttributes());
            if (fields.logo() != null) {
                if (fields.logo().isEmpty()) {
                    attributes.remove(ATTR_LOGO);
                } else {
                    attributes.put(ATTR_LOGO, List.of(fields.logo()));
                }
            }
            if (fields.settings() != null) {
                attributes.put(ATTR_SETTINGS, List.of(fields.settings()));
            }
            attributes.putAll(more);
            org.setAttributes(attributes);
        }
    }

    /** @param org a workspace to delete, with its roles and assignments */
    public void delete(OrganizationModel org) {
        store.deleteWorkspace(org.getId());
        orgs.remove(org);
    }

    // ------------------------------------------------------------------ members

    /**
     * @param org a workspace
     * @param first offset
     * @param max page size (capped at {@value #MAX_PAGE})
     * @return its members
     */
    public List<UserModel> members(OrganizationModel org, int first, int max) {
        return orgs.getMembersStream(org, (String) null, null, Math.max(0, first), Math.max(1, Math.min(MAX_PAGE, max)))
                .collect(Collectors.toList());
    }

    /**
     * @param org a workspace
     * @return its assignments by member id
     */
    public Map<String, List<WorkspaceMemberRoleEntity>> assignmentsByMember(OrganizationModel org) {
        Map<String, List<WorkspaceMemberRoleEntity>> byUser = new LinkedHashMap<>();
        for (WorkspaceMemberRoleEntity row : store.assignments(org.getId())) {
            byUser.computeIfAbsent(row.getUserId(), k -> new ArrayList<>()).add(row);
        }
        return byUser;
    }

    /**
     * @param org a workspace
     * @param userId a member id from a request
     * @return the member
     * @throws WorkspaceInputException 404 when not a member
     */
    public UserModel member(OrganizationModel org, String userId) {
        UserModel user = WorkspaceInput.plausibleId(userId) ? orgs.getMemberById(org, userId) : null;
        if (user == null) {
            throw notFound("No such member");
        }
        return user;
    }

    /**
     * Removes a member (and their role assignments). Members managed by the organization's identity provider are
     * not removed here: Keycloak deletes such users with their membership.
     *
     * @param org a workspace
     * @param user a member
     * @param nowSeconds the moment
     */
    public void removeMember(OrganizationModel org, UserModel user, long nowSeconds) {
        if (orgs.isManagedMember(org, user)) {
            throw conflict("This member is managed by the workspace's identity provider; remove them in the admin "
                    + "console");
        }
        Set<String> roles = rolesOf(org, user, nowSeconds);
        if (roles != null && roles.contains(WorkspaceRoles.OWNER) && activeOwners(org, nowSeconds) <= 1) {
            throw conflict("A workspace keeps at least one owner: name another owner first");
        }
        store.deleteMember(org.getId(), user.getId());
        orgs.removeMember(org, user);
    }

    private long activeOwners(OrganizationModel org, long nowSeconds) {
        return store.holders(org.getId(), WorkspaceRoles.OWNER).stream()
                .filter(a -> WorkspaceRoles.active(a, nowSeconds)).count();
    }

    // ------------------------------------------------------------------ roles

    /**
     * @param org a workspace
     * @return its roles: the built-in ones first, then the custom ones by name; each with its scopes
     */
    public Map<String, WorkspaceRoleEntity> roles(OrganizationModel org) {
        Map<String, WorkspaceRoleEntity> rows = new LinkedHashMap<>();
        for (String builtIn : WorkspaceRoles.BUILT_IN) {
            rows.put(builtIn, null);
        }
        for (WorkspaceRoleEntity row : store.roles(org.getId())) {
            rows.put(row.getName(), row);
        }
        return rows;
    }

    /**
     * Creates a custom role, or sets the scopes (and description) of an existing one or of a built-in role.
     *
     * @param org a workspace
     * @param fields validated role
     * @param create whether this must be a new custom role (409 when it exists)
     * @param nowSeconds the moment
     * @return the row
     */
    public WorkspaceRoleEntity saveRole(OrganizationModel org, RoleFields fields, boolean create, long nowSeconds) {
        WorkspaceRoleEntity existing = store.role(org.getId(), fields.name());
        if (create && (existing != null || WorkspaceRoles.builtIn(fields.name()))) {
            throw conflict("The role '" + fields.name() + "' exists");
        }
        if (!create && existing == null && !WorkspaceRoles.builtIn(fields.name())) {
            throw notFound("No such role");
        }
        if (create && store.roles(org.getId()).size() >= 200) {
            throw new WorkspaceInputException(409, "limit_reached", "A workspace has at most 200 roles");
        }
        requireCatalogued(fields.scopes());
        return store.saveRole(org.getId(), fields.name(), fields.description(), String.join(" ", fields.scopes()),
                nowSeconds);
    }

    /**
     * @param org a workspace
     * @param name a custom role (built-in ones cannot be deleted)
     */
    public void deleteRole(OrganizationModel org, String name) {
        if (WorkspaceRoles.builtIn(name)) {
            throw WorkspaceInputException.invalid("Built-in roles cannot be deleted");
        }
        if (store.role(org.getId(), name) == null) {
            throw notFound("No such role");
        }
        store.deleteRole(org.getId(), name);
    }

    /**
     * @param org a workspace
     * @param name a role name
     * @return whether the workspace has it (built-in or custom)
     */
    public boolean hasRole(OrganizationModel org, String name) {
        return WorkspaceRoles.builtIn(name) || store.role(org.getId(), name) != null;
    }

    /**
     * @param org a workspace
     * @param user a member
     * @param role a role of the workspace other than {@value WorkspaceRoles#MEMBER}
     * @param expiresAt epoch seconds, or null
     * @param grantedBy the caller
     * @param nowSeconds the moment
     * @return the assignment
     */
    public WorkspaceMemberRoleEntity assign(OrganizationModel org, UserModel user, String role, Long expiresAt,
            UserModel grantedBy, long nowSeconds) {
        if (WorkspaceRoles.MEMBER.equals(role)) {
            throw WorkspaceInputException.invalid("Every member holds the role 'member'; it is not assigned");
        }
        if (!hasRole(org, role)) {
            throw notFound("No such role");
        }
        return store.assign(org.getId(), user.getId(), role, expiresAt, grantedBy.getId(), nowSeconds);
    }

    /**
     * @param org a workspace
     * @param user a member
     * @param role a role the member holds
     * @param nowSeconds the moment
     */
    public void unassign(OrganizationModel org, UserModel user, String role, long nowSeconds) {
        if (WorkspaceRoles.MEMBER.equals(role)) {
            throw WorkspaceInputException.invalid("Every member holds the role 'member'; remove the member instead");
        }
        if (WorkspaceRoles.OWNER.equals(role) && activeOwners(org, nowSeconds) <= 1
                && store.assignments(org.getId(), user.getId()).stream()
                        .anyMatch(a -> a.getRoleName().equals(role) && WorkspaceRoles.active(a, nowSeconds))) {
            throw conflict("A workspace keeps at least one owner: name another owner first");
        }
        if (!store.unassign(org.getId(), user.getId(), role)) {
            throw notFound("The member does not hold this role");
        }
    }

    // ------------------------------------------------------------------ tokens

    /**
     * What a member brings into a token for one workspace.
     *
     * @param roles the effective role names
     * @param scopes the scopes of those roles, canonical and sorted
     */
    public record Grant(Set<String> roles, List<String> scopes) {

        /** Copies both (sorted sets stay sorted: {@link java.util.Collections#unmodifiableSortedSet}). */
        public Grant {
            roles = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(roles));
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * @param org a workspace
     * @param user a member
     * @param nowSeconds the moment: assignments expired by then count for nothing
     * @return the member's roles and scopes in it
     */
    public Grant grant(OrganizationModel org, UserModel user, long nowSeconds) {
        return grant(org.getId(), user, nowSeconds);
    }

    /**
     * @param workspaceId a workspace
     * @param user a member
     * @param nowSeconds the moment
     * @return {@link #grant(OrganizationModel, UserModel, long)} by id
     */
    public Grant grant(String workspaceId, UserModel user, long nowSeconds) {
        Set<String> roles = WorkspaceRoles.effective(store.assignments(workspaceId, user.getId()), nowSeconds);
        Set<String> scopes = new TreeSet<>();
        for (WorkspaceRoleEntity row : store.roles(workspaceId)) {
            if (roles.contains(row.getName()) && row.getScopes() != null && !row.getScopes().isBlank()) {
                for (String scope : row.getScopes().strip().split(" +")) {
                    try {
                        scopes.add(UssoScope.parse(scope).toString());
                    } catch (IllegalArgumentException e) {
                        // stored scopes were validated when saved; skip anything unreadable
                    }
                }
            }
        }
        return new Grant(roles, new ArrayList<>(scopes));
    }

    /**
     * @param org a workspace
     * @param user a member
     * @param nowSeconds the moment
     * @return {@link PermissionExplainer#explain} of the member's assignments
     */
    public Map<String, Object> explain(OrganizationModel org, UserModel user, long nowSeconds) {
        return PermissionExplainer.explain(store.assignments(org.getId(), user.getId()), store.roles(org.getId()),
                nowSeconds);
    }

    /** Most members and login events an analytics answer looks at. */
    public static final int MAX_ANALYTICS_ROWS = 10_000;

    /**
     * @param org a workspace
     * @param nowSeconds the moment
     * @return {@code {member_count, active_members_7d, active_members_30d, invitations_pending, capped}}: active =
     *         a member with a stored {@code LOGIN} event in the window (the tenant's event store; at most
     *         {@value #MAX_ANALYTICS_ROWS} members and login events are counted, {@code capped} says when more exist)
     */
    public Map<String, Object> analytics(OrganizationModel org, long nowSeconds) {
        long memberCount = orgs.getMembersCount(org);
        Set<String> memberIds = orgs.getMembersStream(org, (String) null, null, 0, MAX_ANALYTICS_ROWS)
                .map(UserModel::getId).collect(Collectors.toSet());
        long since30 = (nowSeconds - 30L * 24 * 3600) * 1000;
        long since7 = (nowSeconds - 7L * 24 * 3600) * 1000;
        Map<String, Long> lastLogin = new HashMap<>();
        EventStoreProvider events = session.getProvider(EventStoreProvider.class);
        long loginEvents = 0;
        if (events != null) {
            List<Event> logins = events.createQuery().realm(realm.getId())
                    .type(EventType.LOGIN).fromDate(since30).orderByDescTime()
                    .maxResults(MAX_ANALYTICS_ROWS).getResultStream().collect(Collectors.toList());
            loginEvents = logins.size();
            for (Event e : logins) {
                if (e.getUserId() != null && memberIds.contains(e.getUserId())) {
                    lastLogin.merge(e.getUserId(), e.getTime(), Math::max);
                }
            }
        }
        long pending = orgs.getInvitationManager().getAllStream(org, Map.of(), 0, MAX_ANALYTICS_ROWS)
                .filter(i -> !i.isExpired()).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member_count", memberCount);
        out.put("active_members_7d", lastLogin.values().stream().filter(t -> t >= since7).count());
        out.put("active_members_30d", (long) lastLogin.size());
        out.put("invitations_pending", pending);
        out.put("capped", memberCount > MAX_ANALYTICS_ROWS || loginEvents >= MAX_ANALYTICS_ROWS);
        return out;
    }

    // ------------------------------------------------------------------ catalog

    /**
     * The catalog rule of role scopes ({@link ScopeCatalogRule}), for roles saved through the API, templates saved,
     * and workspaces created from a template.
     *
     * @param scopes canonical scopes
     * @throws WorkspaceInputException 400 {@code invalid_scope} naming (up to five of) the refused scopes
     */
    public void requireCatalogued(List<String> scopes) {
        if (scopes.isEmpty()) {
            return;
        }
        List<String> refused = ScopeCatalogRule.refused(scopes, catalogScopes(),
                WorkspaceSettings.of(realm).catalogRequired());
        if (!refused.isEmpty()) {
            throw new WorkspaceInputException(400, WorkspaceInputException.INVALID_SCOPE,
                    "Not in the tenant's scope catalog: " + String.join(" ", refused.subList(0,
                            Math.min(5, refused.size()))));
        }
    }

    /** @return every catalogued scope of the tenant */
    public List<String> catalogScopes() {
        List<String> all = new ArrayList<>();
        for (ScopeCatalogEntity entry : store.catalog()) {
            if (entry.getScopes() != null && !entry.getScopes().isBlank()) {
                all.addAll(List.of(entry.getScopes().strip().split(" +")));
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * @param name a workspace name
     * @return a slug from its letters and digits plus a random suffix (names in other scripts get only the suffix)
     */
    static String slugFor(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SLUG_CHARS[RANDOM.nextInt(SLUG_CHARS.length)]);
        }
        return base.isEmpty() ? "ws-" + suffix : base + "-" + suffix;
    }

    /** @return a fresh id (for tests and invitations) */
    static String newId() {
        return KeycloakModelUtils.generateId();
    }

    private static WorkspaceInputException notFound(String message) {
        return new WorkspaceInputException(404, "not_found", message);
    }

    private static WorkspaceInputException conflict(String message) {
        return new WorkspaceInputException(409, "conflict", message);
    }
}
