package io.usso.keycloak.apikeys.verify;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterListener;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * Evicts changed keys from the {@link ApiKeyCache} of every node of the cluster.
 *
 * <p>A change is announced after the transaction that made it commits (so no node can re-read the old row after
 * the eviction), through Keycloak's {@link ClusterProvider} on task key {@value #TASK_KEY}, to every node including
 * this one. The message is Keycloak's own {@code CacheKeyInvalidatedEvent} carrying a string, because Keycloak 26
 * marshals cluster events with ProtoStream and only knows its own event classes; it is created reflectively (the
 * class lives in {@code keycloak-model-infinispan}, which is not part of the SPI). Messages: {@code h:<hash>},
 * {@code u:<userId>} (user ids are unique across realms), {@code r:<realmId>}. If the event class ever disappears, the announcement is logged
 * and the cache's time-to-live bounds the staleness.
 */
public final class ApiKeyInvalidations implements ClusterListener {

    /** Cluster task key of the announcements. */
    public static final String TASK_KEY = "usso-api-key-invalidation";

    private static final Logger LOG = Logger.getLogger(ApiKeyInvalidations.class);
    private static final String EVENT_CLASS = "org.keycloak.models.cache.infinispan.events.CacheKeyInvalidatedEvent";

    private final ApiKeyCache cache;
    private final Constructor<?> eventConstructor;
    private final Method eventId;

    /** @param cache this node's cache */
    public ApiKeyInvalidations(ApiKeyCache cache) {
        this.cache = cache;
        Constructor<?> constructor = null;
        Method id = null;
        try {
            Class<?> type = Class.forName(EVENT_CLASS, true, ClusterEvent.class.getClassLoader());
            constructor = type.getConstructor(String.class);
            id = type.getMethod("getId");
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warnf("API keys: %s not available (%s); revoked keys leave other nodes' caches only when their "
                    + "entries expire", EVENT_CLASS, e.getClass().getSimpleName());
        }
        this.eventConstructor = constructor;
        this.eventId = id;
    }

    /** @param session a session of the starting server: registers this node's listener */
    public void register(KeycloakSession session) {
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        if (cluster != null) {
            cluster.registerListener(TASK_KEY, this);
        }
    }

    /**
     * Evicts the key on every node once {@code session}'s transaction has committed.
     *
     * @param session the session that changed the key
     * @param keyHash the key's hash
     */
    public void keyChanged(KeycloakSession session, String keyHash) {
        afterCommit(session, "h:" + keyHash);
    }

    /**
     * @param session the session that removed the user
     * @param userId owner whose keys all stop
     */
    public void userChanged(KeycloakSession session, String userId) {
        afterCommit(session, "u:" + userId);
    }

    /**
     * @param session the session that removed the realm
     * @param realmId tenant
     */
    public void realmRemoved(KeycloakSession session, String realmId) {
        afterCommit(session, "r:" + realmId);
    }

    private void afterCommit(KeycloakSession session, String message) {
        // Evict here at once as well: this node's next read must not use the old row even before the broadcast.
        apply(message);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                broadcast(session, message);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private void broadcast(KeycloakSession session, String message) {
        apply(message);
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        if (cluster == null || eventConstructor == null) {
            return;
        }
        try {
            ClusterEvent event = (ClusterEvent) eventConstructor.newInstance(message);
            cluster.notify(TASK_KEY, event, false, ClusterProvider.DCNotify.ALL_DCS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("API keys: could not announce a key change to the cluster: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public void eventReceived(ClusterEvent event) {
        if (eventId == null || event == null || !eventConstructor.getDeclaringClass().isInstance(event)) {
            return;
        }
        try {
            apply((String) eventId.invoke(event));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("API keys: unreadable cache invalidation: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Applies one message to this node's cache.
     *
     * @param message {@code h:<hash>}, {@code u:<user>} or {@code r:<realm>}
     */
    void apply(String message) {
        if (message == null || message.length() < 3 || message.charAt(1) != ':') {
            return;
        }
        String rest = message.substring(2);
        switch (message.charAt(0)) {
            case 'h' -> cache.evictHash(rest);
            case 'r' -> cache.evictRealm(rest);
            case 'u' -> cache.evictUser(rest);
            default -> {
            }
        }
    }
}
