package io.usso.keycloak.apikeys.account;

import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

/**
 * The key just created or rotated, shown once in the answer to that POST and nowhere else (not stored, not in the
 * page's URL; the answer is {@code no-store}).
 */
public final class AccountNewKeyView {

    private final ApiKeyEntity entity;
    private final String key;

    /**
     * @param entity the new key's row
     * @param key the key itself
     */
    public AccountNewKeyView(ApiKeyEntity entity, String key) {
        this.entity = entity;
        this.key = key;
    }

    /** @return the new key's id */
    public String getId() {
        return entity.getId();
    }

    /** @return the new key's name */
    public String getName() {
        return entity.getName();
    }

    /** @return the key, to copy */
    public String getKey() {
        return key;
    }

    /** @return the masked form the list shows */
    public String getMasked() {
        return ApiKeyFormat.mask(entity.getDisplayPrefix());
    }

    @Override
    public String toString() {
        return "AccountNewKeyView{" + getMasked() + "}";
    }
}
