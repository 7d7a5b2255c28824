package io.usso.keycloak.workspaces;

import org.keycloak.models.RealmModel;

/**
 * A tenant's workspace settings, realm attributes {@code usso.workspaces.*} (safe defaults when absent):
 * <ul>
 *   <li>{@value #CREATE}: who may create workspaces, {@code admins} (default: tenant admins only) or
 *       {@code anyone} (every signed-in user; the demo tenant).</li>
 *   <li>{@value #MAX_PER_USER}: most workspaces one user may own (default {@value #DEFAULT_MAX_PER_USER}; tenant
 *       admins are not limited).</li>
 *   <li>{@value #CATALOG_REQUIRED}: {@code true} makes every role scope need a catalog entry even while the catalog
 *       is empty (default {@code false}: the catalog is enforced once a service has registered scopes).</li>
 *   <li>{@value #USER_VISIBILITY}: which users a signed-in user finds in the people search
 *       ({@link UserVisibility}; default {@code shared-workspace}, the one that discloses least).</li>
 * </ul>
 *
 * @param anyoneMayCreate whether every signed-in user may create workspaces
 * @param maxPerUser most workspaces one user may own
 * @param catalogRequired whether an empty catalog refuses every role scope
 * @param userVisibility which users non-admins see
 */
public record WorkspaceSettings(boolean anyoneMayCreate, int maxPerUser, boolean catalogRequired,
        UserVisibility userVisibility) {

    /** Realm attribute: who may create workspaces ({@code admins} or {@code anyone}). */
    public static final String CREATE = "usso.workspaces.create";
    /** Realm attribute: most workspaces one user may own. */
    public static final String MAX_PER_USER = "usso.workspaces.max-per-user";
    /** Realm attribute: whether role scopes need a catalog entry even while the catalog is empty. */
    public static final String CATALOG_REQUIRED = "usso.workspaces.catalog-required";
    /** Realm attribute: which users a signed-in user may find ({@code all} or {@code shared-workspace}). */
    public static final String USER_VISIBILITY = "usso.workspaces.user-visibility";
    /** Every tenant setting of this module, for documentation and the settings tab. */
    public static final java.util.List<String> ATTRIBUTES = java.util.List.of(CREATE, MAX_PER_USER, CATALOG_REQUIRED,
            USER_VISIBILITY);
    /** Default of {@value #MAX_PER_USER}. */
    public static final int DEFAULT_MAX_PER_USER = 10;
    /** Highest accepted {@value #MAX_PER_USER}. */
    public static final int MAX_MAX_PER_USER = 1000;

    /**
     * @param realm the tenant
     * @return its settings
     */
    public static WorkspaceSettings of(RealmModel realm) {
        return parse(realm.getAttribute(CREATE), realm.getAttribute(MAX_PER_USER), realm.getAttribute(CATALOG_REQUIRED),
                realm.getAttribute(USER_VISIBILITY));
    }

    /**
     * @param create value of {@value #CREATE}
     * @param maxPerUser value of {@value #MAX_PER_USER}
     * @param catalogRequired value of {@value #CATALOG_REQUIRED}
     * @param userVisibility value of {@value #USER_VISIBILITY}
     * @return the settings; unreadable values fall back to the defaults
     */
    public static WorkspaceSettings parse(String create, String maxPerUser, String catalogRequired,
            String userVisibility) {
        boolean anyone = create != null && create.strip().equalsIgnoreCase("anyone");
        int max = DEFAULT_MAX_PER_USER;
        if (maxPerUser != null) {
            try {
                max = Math.max(0, Math.min(MAX_MAX_PER_USER, Integer.parseInt(maxPerUser.strip())));
            } catch (NumberFormatException e) {
                max = DEFAULT_MAX_PER_USER;
            }
        }
        boolean required = catalogRequired != null && Boolean.parseBoolean(catalogRequired.strip());
        return new WorkspaceSettings(anyone, max, required, UserVisibility.parse(userVisibility));
    }
}
