package io.usso.keycloak.roleexpiry;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import io.usso.keycloak.roleexpiry.store.RoleExpiryEntity;
import io.usso.keycloak.roleexpiry.store.RoleExpiryStore;

/**
 * The cleanup task {@value #TASK}: deletes expired role mappings and their rows (at most {@value #BATCH} per run),
 * one admin event each, every row in its own transaction (a failing row, e.g. a refusing event listener, does not
 * hold up the others; it is tried again next run). Scheduled through Keycloak's {@code ClusterAwareScheduledTaskRunner},
 * so one node of the cluster runs it per interval.
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
            String realmId = row.getRealmId();
            String userId = row.getUserId();
            String roleId = row.getRoleId();
            long expiresAt = row.getExpiresAt();
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> removeOne(s, realmId, userId, roleId, expiresAt));
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

    private static void removeOne(KeycloakSession session, String realmId, String userId, String roleId,
            long expiresAt) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm != null) {
            session.getContext().setRealm(realm);
            UserModel user = session.users().getUserById(realm, userId);
            RoleModel role = session.roles().getRoleById(realm, roleId);
            if (user != null && role != null && user.hasDirectRole(role)) {
                user.deleteRoleMapping(role);
                RoleExpiryEvents.expired(session, realm, user.getId(), role, expiresAt);
            }
        }
        new RoleExpiryStore(session, realmId).remove(userId, roleId);
    }

    @Override
    public String getTaskName() {
        return TASK;
    }
}
