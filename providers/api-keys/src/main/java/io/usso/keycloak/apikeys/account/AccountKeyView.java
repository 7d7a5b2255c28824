package io.usso.keycloak.apikeys.account;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.rest.ApiKeyJson;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

/** One row of the account page's key list, as the template reads it (JavaBean getters). Never holds the key. */
public final class AccountKeyView {

    /** How times are shown: the same for every language, in UTC. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApiKeyEntity entity;
    private final long nowMillis;

    /**
     * @param entity the stored row
     * @param nowMillis the time of the request
     */
    public AccountKeyView(ApiKeyEntity entity, long nowMillis) {
        this.entity = entity;
        this.nowMillis = nowMillis;
    }

    /** @return the key id */
    public String getId() {
        return entity.getId();
    }

    /** @return the key name */
    public String getName() {
        return entity.getName();
    }

    /** @return display prefix and an ellipsis, e.g. {@code uss_Ab3dE9…} */
    public String getMasked() {
        return ApiKeyFormat.mask(entity.getDisplayPrefix());
    }

    /** @return the key's scopes */
    public List<String> getScopes() {
        return ApiKeyJson.splitScopes(entity.getScopes());
    }

    /** @return creation time */
    public String getCreatedAt() {
        return format(entity.getCreatedAt());
    }

    /** @return expiry time, null for never */
    public String getExpiresAt() {
        return format(entity.getExpiresAt());
    }

    /** @return whether the key has expired (it stays listed until revoked) */
    public boolean isExpired() {
        return entity.getExpiresAt() != null && entity.getExpiresAt() <= nowMillis;
    }

    /** @return whole days left before expiry (rounded up), null for never or expired */
    public Long getExpiresInDays() {
        if (entity.getExpiresAt() == null || isExpired()) {
            return null;
        }
        long millis = entity.getExpiresAt() - nowMillis;
        long days = Duration.ofMillis(millis).toDays();
        return Duration.ofDays(days).toMillis() < millis ? days + 1 : days;
    }

    /** @return last use, null for never */
    public String getLastUsedAt() {
        return format(entity.getLastUsedAt());
    }

    static String format(Long millis) {
        return millis == null ? null : TIME.format(Instant.ofEpochMilli(millis));
    }
}
