package io.usso.keycloak.roleexpiry.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Hands the per-request {@link RoleExpiryAdminResource} to Keycloak's admin API. */
public final class RoleExpiryAdminResourceProvider implements AdminRealmResourceProvider {

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return new RoleExpiryAdminResource(session, realm, auth, adminEvent);
    }

    @Override
    public void close() {
    }
}
