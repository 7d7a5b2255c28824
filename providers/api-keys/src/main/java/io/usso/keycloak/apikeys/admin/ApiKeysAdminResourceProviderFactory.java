package io.usso.keycloak.apikeys.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/**
 * Admin realm resource {@value #ID}: {@code /admin/realms/{realm}/usso-api-keys/users/{userId}[/{keyId}[/rotate]]},
 * the API keys of any user or service account of the realm, guarded by Keycloak's admin permissions (see
 * {@link ApiKeysAdminResource}). No options; the pepper is the one of the {@code api-keys} realm resource.
 */
public final class ApiKeysAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment under {@code /admin/realms/{realm}/}. */
    public static final String ID = "usso-api-keys";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new ApiKeysAdminResourceProvider();
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
        Map<String, String> info = new LinkedHashMap<>();
        info.put("path", "/admin/realms/{realm}/" + ID + "/users/{userId}");
        info.put("list", "view-users");
        info.put("create, rotate, revoke", "manage-users");
        return info;
    }
}
