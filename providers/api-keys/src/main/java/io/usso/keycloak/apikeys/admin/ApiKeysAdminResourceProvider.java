package io.usso.keycloak.apikeys.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.usso.keycloak.apikeys.ApiKeyRuntime;

/** Hands the per-request {@link ApiKeysAdminResource} to Keycloak's admin API. */
public final class ApiKeysAdminResourceProvider implements AdminRealmResourceProvider {

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return new ApiKeysAdminResource(session, realm, auth, adminEvent, ApiKeyRuntime.of(session));
    }

    @Override
    public void close() {
    }
}
