package io.usso.keycloak.apikeys.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.usso.keycloak.apikeys.rest.ApiKeyJson;
import io.usso.keycloak.apikeys.service.ApiKeyEvents;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

/**
 * The two records of a change made by an administrator: an admin event (resource {@code USER}, path
 * {@code usso-api-keys/users/<owner>/<key>}, representation = the list item, never the key or its hash) and the
 * owner's user event ({@link ApiKeyEvents#keyChanged} with {@value ApiKeyEvents#DETAIL_ADMIN_USER_ID}).
 */
public final class ApiKeyAdminEvents {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAuth admin;
    private final AdminEventBuilder adminEvent;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param admin the calling administrator
     * @param adminEvent the request's admin event builder
     */
    public ApiKeyAdminEvents(KeycloakSession session, RealmModel realm, AdminAuth admin, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.admin = admin;
        this.adminEvent = adminEvent;
    }

    /**
     * @param owner the key's owner
     * @param entity the new key's row
     */
    public void created(UserModel owner, ApiKeyEntity entity) {
        record(OperationType.CREATE, EventType.UPDATE_CREDENTIAL, owner, entity, ApiKeyJson.listItem(entity), Map.of());
    }

    /**
     * @param owner the key's owner
     * @param entity the new key's row
     * @param oldId the replaced key's id
     * @param oldExpiresAt the replaced key's new expiry in epoch milliseconds, null when revoked at once
     */
    public void rotated(UserModel owner, ApiKeyEntity entity, String oldId, Long oldExpiresAt) {
        Map<String, Object> representation = new LinkedHashMap<>(ApiKeyJson.listItem(entity));
        representation.put("replaces", oldId);
        representation.put("old_key_expires_at", ApiKeyJson.seconds(oldExpiresAt));
        record(OperationType.UPDATE, EventType.UPDATE_CREDENTIAL, owner, entity, representation,
                Map.of(ApiKeyEvents.DETAIL_ROTATED_FROM, oldId));
    }

    /**
     * @param owner the key's owner
     * @param entity the revoked key's row
     */
    public void revoked(UserModel owner, ApiKeyEntity entity) {
        record(OperationType.DELETE, EventType.REMOVE_CREDENTIAL, owner, entity, ApiKeyJson.listItem(entity), Map.of());
    }

    private void record(OperationType operation, EventType userEvent, UserModel owner, ApiKeyEntity entity,
            Map<String, Object> representation, Map<String, String> extra) {
        adminEvent.resource(ResourceType.USER)
                .operation(operation)
                .resourcePath(ApiKeysAdminResourceProviderFactory.ID, "users", owner.getId(), entity.getId())
                .representation(representation)
                .success();
        Map<String, String> details = new LinkedHashMap<>(extra);
        if (admin.getUser() != null) {
            details.put(ApiKeyEvents.DETAIL_ADMIN_USER_ID, admin.getUser().getId());
        }
        new ApiKeyEvents(session, realm).keyChanged(userEvent, owner, clientOfThisRealm(), entity.getId(),
                entity.getDisplayPrefix(), details);
    }

    /** The admin's client when it belongs to the tenant (a master-realm client id would mislead in its events). */
    private ClientModel clientOfThisRealm() {
        ClientModel client = admin.getClient();
        return client != null && admin.getRealm() != null && realm.getId().equals(admin.getRealm().getId())
                ? client : null;
    }
}
