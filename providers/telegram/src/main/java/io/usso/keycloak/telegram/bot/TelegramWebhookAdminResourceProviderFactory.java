package io.usso.keycloak.telegram.bot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Admin realm resource {@value #ID}: {@code POST /admin/realms/{realm}/telegram/webhook} registers the tenant bot's
 * webhook with Telegram ({@link TelegramWebhookAdminResource}); needs the right to manage identity providers.
 */
public final class TelegramWebhookAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment under {@code /admin/realms/{realm}/}. */
    public static final String ID = "telegram";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
                    AdminEventBuilder adminEvent) {
                return new TelegramWebhookAdminResource(s, realm, auth, adminEvent);
            }

            @Override
            public void close() {
            }
        };
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
        info.put("path", "POST /admin/realms/{realm}/" + ID + "/webhook");
        info.put("permission", "manage identity providers");
        return info;
    }
}
