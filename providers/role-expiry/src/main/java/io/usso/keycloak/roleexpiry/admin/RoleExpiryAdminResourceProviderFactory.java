package io.usso.keycloak.roleexpiry.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import io.usso.keycloak.roleexpiry.RoleExpiryCleanup;
import io.usso.keycloak.roleexpiry.RoleExpiryService;
import io.usso.keycloak.roleexpiry.store.RoleExpiryStore;

/**
 * Admin realm resource {@value #ID} ({@code /admin/realms/{realm}/usso-role-expiry}). Also removes the rows of
 * deleted realms, users and roles, and schedules {@link RoleExpiryCleanup} every {@value #CLEANUP_SECONDS} seconds
 * (default 60; 0 = never) on one node of the cluster.
 */
public final class RoleExpiryAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "usso-role-expiry";
    /** Config key: seconds between cleanups. */
    public static final String CLEANUP_SECONDS = "cleanupSeconds";

    private static final long DEFAULT_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(RoleExpiryAdminResourceProviderFactory.class);

    private long cleanupSeconds = DEFAULT_SECONDS;

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new RoleExpiryAdminResourceProvider();
    }

    @Override
    public void init(Config.Scope config) {
        cleanupSeconds = config == null ? DEFAULT_SECONDS
                : Math.max(0, config.getLong(CLEANUP_SECONDS, DEFAULT_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent ready) {
                schedule(ready.getFactory());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new RoleExpiryStore(removed.getKeycloakSession(), removed.getRealm().getId()).deleteRealm();
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new RoleExpiryService(removed.getKeycloakSession(), removed.getRealm())
                        .userRemoved(removed.getUser().getId());
            } else if (event instanceof RoleContainerModel.RoleRemovedEvent removed) {
                roleRemoved(removed.getKeycloakSession(), removed.getRole());
            }
        });
    }

    private static void roleRemoved(KeycloakSession session, RoleModel role) {
        RealmModel realm = role.getContainer() instanceof ClientModel client ? client.getRealm()
                : role.getContainer() instanceof RealmModel r ? r : null;
        if (realm == null) {
            RoleExpiryStore.deleteRole(session, role.getId());
        } else {
            new RoleExpiryService(session, realm).roleRemoved(role.getId());
        }
    }

    private void schedule(KeycloakSessionFactory factory) {
        if (cleanupSeconds <= 0) {
            return;
        }
        long interval = cleanupSeconds * 1000;
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            if (timer != null) {
                timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new RoleExpiryCleanup(), interval),
                        interval, RoleExpiryCleanup.TASK);
                LOG.infof("role expiry: cleanup of expired role mappings every %d s", cleanupSeconds);
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLEANUP_SECONDS).type("int").defaultValue(DEFAULT_SECONDS)
                .helpText("Seconds between removals of expired role mappings, on one node of the cluster (tokens "
                        + "leave expired roles out at once). 0 = never.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("path", "/admin/realms/{realm}/" + ID);
        info.put("cleanupSeconds", Long.toString(cleanupSeconds));
        return info;
    }
}
