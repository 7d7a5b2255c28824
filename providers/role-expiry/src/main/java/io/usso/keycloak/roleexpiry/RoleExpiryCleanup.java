package io.usso.keycloak.roleexpiry;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import io.usso.keycloak.roleexpiry.store.RoleExpiryEntity;
import io.usso.keycloak.roleexpiry.store.RoleExpiryStore;

/**
 * The cleanup task {@value #TASK}: deletes expired role mappings that no token request or sign-in has removed yet
 * (users who are not active), with their rows, at most {@value #BATCH} per run, one admin event each, every row in its
 * own transaction (a failing row does not hold up the others; it is tried again next run). Scheduled through
 * Keycloak's {@code ClusterAwareScheduledTaskRunner}, which runs it under {@code ClusterProvider#executeIfNotExecuted}
 * with the task name as key: one node of the cluster per interval.
 */
public final class RoleExpiryCleanup implements ScheduledTask {

    /** Task name (also the cluster lock's name). */
    public static final String TASK = "usso-role-expiry-cleanup";
    /** Rows handled per run. */
    public static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(RoleExpiryCleanup.class);

    @Override
    public void run(KeycloakSession session) {
        List<RoleExpiryEntity> expired = RoleExpiryStore.expired(session, Time.currentTime(), BATCH);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        int removed = 0;
        for (RoleExpiryEntity row : expired) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> removeOne(s, row));
                removed++;
            } catch (RuntimeException e) {
                LOG.warnf("role expiry: an expired role mapping was not removed now (%s), next run tries again",
                        e.getClass().getName());
            }
        }
        if (removed > 0) {
            LOG.debugf("role expiry: handled %d expired role mappings", removed);
        }
    }

    private static void removeOne(KeycloakSession session, RoleExpiryEntity row) {
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        if (realm == null) {
            new RoleExpiryStore(session, row.getRealmId()).delete(row);
            return;
        }
        session.getContext().setRealm(realm);
        new RoleExpiryService(session, realm).expire(row, RoleExpiryEvents.TRIGGER_CLEANUP);
    }

    @Override
    public String getTaskName() {
        return TASK;
    }
}
