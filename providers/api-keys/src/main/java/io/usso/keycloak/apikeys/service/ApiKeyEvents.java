package io.usso.keycloak.apikeys.service;

import java.util.Map;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.apikeys.verify.ApiKeySnapshot;

/**
 * The Keycloak events of API keys: every create, rotate, revoke and verification, with the key's id and display
 * prefix, never the key or its hash. {@code credential_type} is {@value #CREDENTIAL_TYPE}.
 */
public final class ApiKeyEvents {

    /** {@code credential_type} of events. */
    public static final String CREDENTIAL_TYPE = "usso-api-key";
    /** Event detail: key id. */
    public static final String DETAIL_KEY_ID = "api_key_id";
    /** Event detail: display prefix. */
    public static final String DETAIL_DISPLAY_PREFIX = "display_prefix";
    /** Event detail of a rotation: the id of the key the new one replaces. */
    public static final String DETAIL_ROTATED_FROM = "rotated_from";
    /** Event detail: why a verification failed. */
    public static final String DETAIL_REASON = "reason";
    /** Event detail of a rate-limited verification: the limit reached, {@code ip} or {@code key}. */
    public static final String DETAIL_RATE_LIMIT = "rate_limit";
    /** {@value #DETAIL_REASON} of a rate-limited verification. */
    public static final String REASON_RATE_LIMITED = "rate_limited";
    /** Event detail of changes made by an administrator: the administrator's user id. */
    public static final String DETAIL_ADMIN_USER_ID = "admin_user_id";

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the request's session
     * @param realm the tenant the events belong to
     */
    public ApiKeyEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** @return a builder for this realm with the request's connection */
    public EventBuilder builder() {
        return new EventBuilder(realm, session, session.getContext().getConnection());
    }

    /**
     * A success event about one key (UPDATE_CREDENTIAL for create/rotate, REMOVE_CREDENTIAL for revoke).
     *
     * @param type the event type
     * @param owner the key's owner
     * @param client the client of the caller's token, may be null
     * @param keyId the key's id
     * @param displayPrefix the key's display prefix
     * @param extra more details (e.g. {@value #DETAIL_ROTATED_FROM}, {@value #DETAIL_ADMIN_USER_ID})
     */
    public void keyChanged(EventType type, UserModel owner, ClientModel client, String keyId, String displayPrefix,
            Map<String, String> extra) {
        EventBuilder event = builder().event(type).user(owner);
        if (client != null) {
            event.client(client);
        }
        event.detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(DETAIL_KEY_ID, keyId)
                .detail(DETAIL_DISPLAY_PREFIX, displayPrefix);
        extra.forEach(event::detail);
        event.success();
    }

    /**
     * A successful verification (INTROSPECT_TOKEN).
     *
     * @param owner the key's owner
     * @param key the key
     */
    public void verified(UserModel owner, ApiKeySnapshot key) {
        builder().event(EventType.INTROSPECT_TOKEN).user(owner)
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(DETAIL_KEY_ID, key.id())
                .success();
    }

    /**
     * Fills the details of a failed verification into {@code event} (any event type) without sending it.
     *
     * @param event the event to fill
     * @param reason the reason detail
     * @param key the key when found, else null
     * @param owner the owner when found, else null
     * @return the event
     */
    public static EventBuilder rejectionDetails(EventBuilder event, String reason, ApiKeySnapshot key, UserModel owner) {
        event.detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE).detail(DETAIL_REASON, reason);
        if (key != null) {
            event.detail(DETAIL_KEY_ID, key.id());
            if (owner != null) {
                event.user(owner);
            } else {
                event.user(key.userId());
            }
        }
        return event;
    }
}
