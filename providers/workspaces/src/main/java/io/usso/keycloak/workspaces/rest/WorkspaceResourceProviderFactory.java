package io.usso.keycloak.workspaces.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import io.usso.keycloak.workspaces.WorkspaceSettings;
import io.usso.keycloak.workspaces.store.WorkspaceRoleExpiryCleanup;
import io.usso.keycloak.workspaces.store.WorkspaceStore;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/workspaces}). Also removes the workspace rows of deleted
 * realms, users and organizations, and runs the cleanup of expired role assignments ({@value #CLEANUP_TASK}, every
 * {@value #CLEANUP_SECONDS} seconds by default, on one node of the cluster per interval).
 * Tokens ignore expired assignments already; the cleanup only keeps the table small.
 */
public final class WorkspaceResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "workspaces";
    /** Config key: seconds between cleanups of expired role assignments (0 = never). */
    public static final String CLEANUP_SECONDS = "cleanupSeconds";
    /** Name of the cleanup timer task. */
    public static final String CLEANUP_TASK = WorkspaceRoleExpiryCleanup.TASK;

    private long cleanupSeconds = 3600;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new Provider(session);
    }

    @Override
    public void init(Config.Scope config) {
        cleanupSeconds = config == null ? 3600 : Math.max(0, config.getLong(CLEANUP_SECONDS, 3600L));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent ready) {
                scheduleCleanup(ready.getFactory());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new WorkspaceStore(removed.getKeycloakSession(), removed.getRealm().getId()).deleteRealm();
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new WorkspaceStore(removed.getKeycloakSession(), removed.getRealm().getId())
                        .deleteUser(removed.getUser().getId());
            } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
                RealmModel realm = removed.getKeycloakSession().getContext().getRealm();
                if (realm != null) {
                    new WorkspaceStore(removed.getKeycloakSession(), realm.getId())
                            .deleteWorkspace(removed.getOrganization().getId());
                }
            } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent left) {
                // removed in the admin console too: a member invited again starts without their old roles
                RealmModel realm = left.getSession().getContext().getRealm();
                if (realm != null) {
                    new WorkspaceStore(left.getSession(), realm.getId())
                            .deleteMember(left.getOrganization().getId(), left.getUser().getId());
                }
            }
        });
    }

    private void scheduleCleanup(KeycloakSessionFactory factory) {
        if (cleanupSeconds <= 0) {
            return;
        }
        long interval = cleanupSeconds * 1000;
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            if (timer != null) {
                // one node of the cluster per interval, as the role-expiry module's cleanup
                timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new WorkspaceRoleExpiryCleanup(),
                        interval), interval, CLEANUP_TASK);
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
                .property().name(CLEANUP_SECONDS).type("int").defaultValue(3600)
                .helpText("Seconds between removals of expired workspace role assignments (tokens ignore them at "
                        + "once). 0 = never.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("cleanupSeconds", Long.toString(cleanupSeconds));
        info.put("tenantSettings", String.join(", ", WorkspaceSettings.ATTRIBUTES));
        return info;
    }

    /** Hands the per-request {@link WorkspaceResource} to Keycloak. */
    private static final class Provider implements RealmResourceProvider {

        private final KeycloakSession session;

        Provider(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public Object getResource() {
            return new WorkspaceResource(session);
        }

        @Override
        public void close() {
        }
    }
}
