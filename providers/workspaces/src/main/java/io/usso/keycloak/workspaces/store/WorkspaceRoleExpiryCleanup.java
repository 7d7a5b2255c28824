package io.usso.keycloak.workspaces.store;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes expired workspace role assignments. Scheduled through Keycloak's {@code ClusterAwareScheduledTaskRunner},
 * so one node of the cluster runs it per interval (the task name is the cluster-wide key); an expired assignment
 * already counts for nothing before this runs.
 */
public final class WorkspaceRoleExpiryCleanup implements ScheduledTask {

    /** Task name (also the cluster-wide key). */
    public static final String TASK = "usso-workspace-role-expiry";

    private static final Logger LOG = Logger.getLogger(WorkspaceRoleExpiryCleanup.class);

    @Override
    public void run(KeycloakSession session) {
        try {
            int removed = WorkspaceStore.deleteExpired(
                    session.getProvider(JpaConnectionProvider.class).getEntityManager(), Time.currentTime());
            if (removed > 0) {
                LOG.debugf("workspaces: removed %d expired role assignments", removed);
            }
        } catch (RuntimeException e) {
            LOG.debugf("workspaces: expired role assignments not removed now: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public String getTaskName() {
        return TASK;
    }
}
