package io.usso.keycloak.roleexpiry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.usso.keycloak.roleexpiry.admin.RoleExpiryAdminResourceProviderFactory;

/**
 * Admin events of role expiry: resource type {@code REALM_ROLE_MAPPING} or {@code CLIENT_ROLE_MAPPING}, path
 * {@code usso-role-expiry/users/<userId>/roles/<roleId>}, details {@value #DETAIL_EVENT}, {@value #DETAIL_ROLE}
 * ({@code realm:<name>} or {@code <clientId>:<name>}), {@value #DETAIL_EXPIRES_AT} and, for {@value #EXPIRED},
 * {@value #DETAIL_TRIGGER}. No tokens, no secrets.
 */
public final class RoleExpiryEvents {

    /** Detail: what happened. */
    public static final String DETAIL_EVENT = "usso_event";
    /** Detail: the role. */
    public static final String DETAIL_ROLE = "role";
    /** Detail: the expiry, epoch seconds. */
    public static final String DETAIL_EXPIRES_AT = "expires_at";
    /** Detail of {@value #EXPIRED}: what saw it expired ({@value #TRIGGER_TOKEN}, {@value #TRIGGER_SIGN_IN},
     *  {@value #TRIGGER_CLEANUP}). */
    public static final String DETAIL_TRIGGER = "trigger";
    /** {@value #DETAIL_EVENT}: a time-limited role was granted (or its expiry moved). */
    public static final String GRANTED = "role_expiry_granted";
    /** {@value #DETAIL_EVENT}: an administrator revoked a time-limited role before its expiry (mapping deleted). */
    public static final String REVOKED = "role_expiry_revoked";
    /** {@value #DETAIL_EVENT}: an administrator dropped the expiry and kept the role (it is permanent now). */
    public static final String EXPIRY_REMOVED = "role_expiry_removed";
    /** {@value #DETAIL_EVENT}: an expired mapping was deleted. */
    public static final String EXPIRED = "role_expired";
    /** {@value #DETAIL_TRIGGER}: a token was being issued, refreshed or introspected (the token mapper). */
    public static final String TRIGGER_TOKEN = "token_request";
    /** {@value #DETAIL_TRIGGER}: a sign-in, code exchange, refresh or client login event of any client. */
    public static final String TRIGGER_SIGN_IN = "sign_in";
    /** {@value #DETAIL_TRIGGER}: the scheduled cleanup. */
    public static final String TRIGGER_CLEANUP = "cleanup";

    private static final Logger LOG = Logger.getLogger(RoleExpiryEvents.class);

    private RoleExpiryEvents() {
    }

    /** @return the event's resource type */
    public static ResourceType resourceType(RoleModel role) {
        return role.isClientRole() ? ResourceType.CLIENT_ROLE_MAPPING : ResourceType.REALM_ROLE_MAPPING;
    }

    /** @return the event's details */
    public static Map<String, String> details(String event, RoleModel role, long expiresAt) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(DETAIL_EVENT, event);
        details.put(DETAIL_ROLE, RoleExpiryJson.label(role));
        details.put(DETAIL_EXPIRES_AT, Long.toString(expiresAt));
        return details;
    }

    /** An administrator's change, through the request's builder. */
    public static void admin(AdminEventBuilder builder, OperationType operation, String event, String userId,
            RoleModel role, long expiresAt) {
        AdminEventBuilder b = builder.resource(resourceType(role)).operation(operation)
                .resourcePath(RoleExpiryAdminResourceProviderFactory.ID, "users", userId, "roles", role.getId());
        details(event, role, expiresAt).forEach(b::detail);
        b.representation(Map.of("role", Objects.requireNonNull(RoleExpiryJson.label(role)), "expires_at", expiresAt))
                .success();
    }

    /**
     * The removal of an expired mapping: no administrator acts, so the event is sent to the realm's and the global
     * listeners and stored (when admin events are enabled) by hand, with the realm as the actor's realm and no user.
     */
    public static void expired(KeycloakSession session, RealmModel realm, String userId, RoleModel role,
            long expiresAt, String trigger) {
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(Time.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.DELETE);
        event.setResourceType(resourceType(role));
        event.setResourcePath(RoleExpiryAdminResourceProviderFactory.ID + "/users/" + userId + "/roles/"
                + role.getId());
        Map<String, String> details = details(EXPIRED, role, expiresAt);
        details.put(DETAIL_TRIGGER, trigger);
        event.setDetails(details);
        Set<String> listeners = new LinkedHashSet<>();
        realm.getEventsListenersStream().forEach(listeners::add);
        session.getKeycloakSessionFactory().getProviderFactoriesStream(EventListenerProvider.class)
                .filter(f -> f instanceof EventListenerProviderFactory factory && factory.isGlobal())
                .forEach(f -> listeners.add(f.getId()));
        for (String id : listeners) {
            EventListenerProvider listener = session.getProvider(EventListenerProvider.class, id);
            if (listener != null) {
                try {
                    listener.onEvent(event, false);
                } catch (RuntimeException e) {
                    // as Keycloak's EventBuilder: a failing listener does not undo the removal
                    LOG.warnf("role expiry: event listener %s failed (%s)", id, e.getClass().getName());
                }
            }
        }
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, false);
            }
        }
    }
}
