package io.usso.keycloak.roleexpiry.console;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import io.usso.keycloak.roleexpiry.RoleExpiryLookup;
import io.usso.keycloak.roleexpiry.RoleExpiryService;
import io.usso.keycloak.roleexpiry.store.RoleExpiryStore;

/**
 * Admin console page {@value #ID} (left menu, declarative UI page; the distribution enables the feature
 * {@code declarative-ui}). Its list shows the realm's time-limited role assignments (user, role, expiry in UTC): one
 * entry per row of {@code USSO_ROLE_EXPIRY}, kept by {@link RoleExpiryMirror}. The console's actions go to the same
 * {@link RoleExpiryService} as the REST API: "Create item" grants (user, role, "Expires at" or "Expires in"),
 * editing an entry's expiry moves it, deleting an entry revokes the assignment (mapping removed). User and role of an
 * entry cannot change. Needs {@code manage-realm} (the components endpoint) plus the REST API's rights on the user
 * and the role.
 */
public final class RoleExpiryPageFactory implements UiPageProviderFactory<ComponentModel>,
        ServerInfoAwareProviderFactory {

    /** Provider id; the console shows it as the page's title and menu entry. */
    public static final String ID = "Time-limited roles";
    /** Help text of the page. */
    static final String HELP = "Realm and client roles given until a moment (USSO role expiry). Create an item to "
            + "give a role until a time; delete an item to revoke it now. Expired roles are removed automatically.";

    @Override
    public UiPageProvider create(KeycloakSession session) {
        return new RoleExpiryPage();
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (RoleExpiryMirror.writing(session)) {
            return;
        }
        ConsoleCaller caller = ConsoleCaller.of(session, realm);
        if (caller == null) {
            restoreImported(session, realm, model);
            return;
        }
        ComponentModel stored = model.getId() == null ? null : realm.getComponent(model.getId());
        UserModel user = RoleExpiryLookup.userByReference(session, realm, model.get(RoleExpiryPageForm.USER));
        if (user == null) {
            throw new ComponentValidationException("No such user in this realm");
        }
        RoleModel role = RoleExpiryLookup.roleByReference(session, realm, model.get(RoleExpiryPageForm.ROLE));
        if (role == null) {
            throw new ComponentValidationException("No such role in this realm (a realm role name or clientId.roleName)");
        }
        if (stored != null && (!user.getId().equals(stored.get(RoleExpiryPageForm.USER_ID))
                || !role.getId().equals(stored.get(RoleExpiryPageForm.ROLE_ID)))) {
            throw new ComponentValidationException("User and role of an entry cannot change: delete it and create "
                    + "another");
        }
        long expiresAt;
        try {
            expiresAt = RoleExpiryPageForm.expiresAt(model, Time.currentTime());
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException(e.getMessage());
        }
        caller.requireMayMap(user, role);
        model.setName(user.getUsername() + " " + RoleExpiryLookup.reference(role));
        RoleExpiryPageForm.fill(model, user, role, expiresAt);
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        apply(session, realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        apply(session, realm, newModel);
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (RoleExpiryMirror.writing(session)) {
            return;
        }
        UserModel user = RoleExpiryLookup.userById(session, realm, model.get(RoleExpiryPageForm.USER_ID));
        RoleModel role = RoleExpiryLookup.roleById(session, realm, model.get(RoleExpiryPageForm.ROLE_ID));
        ConsoleCaller caller = ConsoleCaller.of(session, realm);
        if (user == null || role == null || caller == null) {
            return;
        }
        caller.requireMayMap(user, role);
        new RoleExpiryService(session, realm).revoke(user, role, false, caller.events());
    }

    private static void apply(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (RoleExpiryMirror.writing(session)) {
            return;
        }
        ConsoleCaller caller = ConsoleCaller.of(session, realm);
        UserModel user = RoleExpiryLookup.userById(session, realm, model.get(RoleExpiryPageForm.USER_ID));
        RoleModel role = RoleExpiryLookup.roleById(session, realm, model.get(RoleExpiryPageForm.ROLE_ID));
        long expiresAt = RoleExpiryPageForm.storedExpiry(model);
        if (caller == null || user == null || role == null || expiresAt < 0) {
            return;
        }
        new RoleExpiryService(session, realm).grant(user, role, expiresAt, caller.userId(), caller.events(),
                model.getId());
    }

    /**
     * A realm import (no administrator request) brings entries back from an export: the expiry row is written again
     * from the entry's hidden ids, so an export and import does not turn time-limited roles into permanent ones.
     */
    private static void restoreImported(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String userId = model.get(RoleExpiryPageForm.USER_ID);
        String roleId = model.get(RoleExpiryPageForm.ROLE_ID);
        long expiresAt = RoleExpiryPageForm.storedExpiry(model);
        if (userId == null || roleId == null || expiresAt < 0) {
            throw new ComponentValidationException("A time-limited role entry needs an administrator's request");
        }
        RoleExpiryStore store = new RoleExpiryStore(session, realm.getId());
        if (store.find(userId, roleId) == null) {
            store.put(userId, roleId, expiresAt, null, Time.currentTime());
        }
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(RoleExpiryPageForm.USER, RoleExpiryPageForm.ROLE,
                RoleExpiryPageForm.EXPIRES_AT));
    }

    @Override
    public String getHelpText() {
        return HELP;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return RoleExpiryPageForm.properties();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("menu", ID, "entries", "one per row of USSO_ROLE_EXPIRY");
    }
}
