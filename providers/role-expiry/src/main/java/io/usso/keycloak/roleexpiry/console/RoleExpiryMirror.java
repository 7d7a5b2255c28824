package io.usso.keycloak.roleexpiry.console;

import java.util.List;
import java.util.function.Predicate;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ui.extend.UiPageProvider;

import io.usso.keycloak.roleexpiry.RoleExpiryJson;

/**
 * The entries of the admin console page {@value RoleExpiryPageFactory#ID}: one realm component per time-limited
 * assignment, written only by {@code RoleExpiryService} in the same transaction as the expiry row, so the page lists
 * exactly the assignments of {@code USSO_ROLE_EXPIRY}. Nothing reads them to decide anything: the row decides. While
 * this class writes, the page factory's hooks stand aside ({@link #writing}), so writing an entry never grants or
 * revokes anything.
 */
public final class RoleExpiryMirror {

    private static final String WRITING = "usso-role-expiry.console-write";

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the session
     * @param realm the tenant
     */
    public RoleExpiryMirror(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** @return whether the service is writing entries in this session (the page hooks then do nothing) */
    public static boolean writing(KeycloakSession session) {
        return Boolean.TRUE.equals(session.getAttribute(WRITING));
    }

    /**
     * Shows the assignment: the entry {@code keepId} (the console's own new or edited entry, already filled in by
     * the page's validation) or an entry created or updated here; other entries of the same user and role go.
     */
    public void put(UserModel user, RoleModel role, long expiresAt, String keepId) {
        write(() -> {
            List<ComponentModel> existing = entries(e -> user.getId().equals(e.get(RoleExpiryPageForm.USER_ID))
                    && role.getId().equals(e.get(RoleExpiryPageForm.ROLE_ID)));
            ComponentModel kept = keepId == null ? existing.stream().findFirst().orElse(null) : null;
            for (ComponentModel entry : existing) {
                if (!entry.getId().equals(keepId) && entry != kept) {
                    realm.removeComponent(entry);
                }
            }
            if (keepId != null) {
                return;
            }
            ComponentModel entry = kept == null ? new ComponentModel() : kept;
            entry.setName(user.getUsername() + " " + RoleExpiryJson.label(role));
            entry.setParentId(realm.getId());
            entry.setProviderType(UiPageProvider.class.getName());
            entry.setProviderId(RoleExpiryPageFactory.ID);
            RoleExpiryPageForm.fill(entry, user, role, expiresAt);
            if (kept == null) {
                realm.addComponentModel(entry);
            } else {
                realm.updateComponent(entry);
            }
        });
    }

    /** Removes the entries of one assignment. */
    public void remove(String userId, String roleId) {
        removeWhere(e -> userId.equals(e.get(RoleExpiryPageForm.USER_ID))
                && roleId.equals(e.get(RoleExpiryPageForm.ROLE_ID)));
    }

    /** Removes a deleted user's entries. */
    public void removeUser(String userId) {
        removeWhere(e -> userId.equals(e.get(RoleExpiryPageForm.USER_ID)));
    }

    /** Removes a deleted role's entries. */
    public void removeRole(String roleId) {
        removeWhere(e -> roleId.equals(e.get(RoleExpiryPageForm.ROLE_ID)));
    }

    private void removeWhere(Predicate<ComponentModel> which) {
        write(() -> entries(which).forEach(realm::removeComponent));
    }

    private List<ComponentModel> entries(Predicate<ComponentModel> which) {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> RoleExpiryPageFactory.ID.equals(c.getProviderId())).filter(which).toList();
    }

    private void write(Runnable change) {
        Object before = session.getAttribute(WRITING);
        session.setAttribute(WRITING, Boolean.TRUE);
        try {
            change.run();
        } finally {
            if (before == null) {
                session.removeAttribute(WRITING);
            } else {
                session.setAttribute(WRITING, before);
            }
        }
    }
}
