package io.usso.keycloak.roleexpiry;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.roleexpiry.store.RoleExpiryEntity;

/** JSON shapes of the admin REST answers. */
public final class RoleExpiryJson {

    private RoleExpiryJson() {
    }

    /**
     * @param role a role
     * @return {@code realm:<name>} or {@code <clientId>:<name>}
     */
    public static String label(RoleModel role) {
        if (role == null) {
            return null;
        }
        if (role.isClientRole() && role.getContainer() instanceof ClientModel client) {
            return client.getClientId() + ":" + role.getName();
        }
        return "realm:" + role.getName();
    }

    /**
     * @param entity the row
     * @param user its user, may be null
     * @param role its role, may be null (deleted meanwhile)
     * @return the list item
     */
    public static Map<String, Object> item(RoleExpiryEntity entity, UserModel user, RoleModel role) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("user_id", entity.getUserId());
        item.put("username", user == null ? null : user.getUsername());
        item.put("role_id", entity.getRoleId());
        item.put("role", label(role));
        item.put("expires_at", entity.getExpiresAt());
        item.put("granted_by", entity.getGrantedBy());
        item.put("created_at", entity.getCreatedAt());
        return item;
    }
}
