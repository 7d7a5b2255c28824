package io.usso.keycloak.apikeys.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.apikeys.store.ApiKeyEntity;

class AccountKeyViewTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long DAY = 86_400_000L;

    private static ApiKeyEntity entity(Long expiresAt, Long lastUsedAt) {
        ApiKeyEntity e = new ApiKeyEntity();
        e.setId("id-1");
        e.setName("ci");
        e.setDisplayPrefix("uss_Ab3dE9");
        e.setKeyHash("f".repeat(64));
        e.setScopes("read:media/files create:media/files");
        e.setCreatedAt(NOW - DAY);
        e.setExpiresAt(expiresAt);
        e.setLastUsedAt(lastUsedAt);
        return e;
    }

    @Test
    void showsWhatTheListNeedsAndNeverTheHash() {
        AccountKeyView view = new AccountKeyView(entity(NOW + 30 * DAY, null), NOW);
        assertEquals("uss_Ab3dE9…", view.getMasked());
        assertEquals(List.of("read:media/files", "create:media/files"), view.getScopes());
        assertEquals("2023-11-13 22:13 UTC", view.getCreatedAt());
        assertEquals(30L, view.getExpiresInDays());
        assertFalse(view.isExpired());
        assertNull(view.getLastUsedAt());
        assertFalse(view.toString().contains("fff"));
    }

    @Test
    void daysLeftRoundUpAndExpiredKeysSayso() {
        assertEquals(1L, new AccountKeyView(entity(NOW + 1, NOW), NOW).getExpiresInDays());
        assertEquals(2L, new AccountKeyView(entity(NOW + DAY + 1, NOW), NOW).getExpiresInDays());
        AccountKeyView expired = new AccountKeyView(entity(NOW, NOW - DAY), NOW);
        assertTrue(expired.isExpired(), "expiry is inclusive");
        assertNull(expired.getExpiresInDays());
        AccountKeyView forever = new AccountKeyView(entity(null, null), NOW);
        assertNull(forever.getExpiresAt());
        assertNull(forever.getExpiresInDays());
        assertFalse(forever.isExpired());
    }
}
