package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class ApiKeyConfigCacheTest {

    private final Map<String, String> attributes = new HashMap<>();

    private RealmModel realm(String id) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(id);
        when(realm.getName()).thenReturn(id);
        when(realm.getAttributes()).thenAnswer(i -> new HashMap<>(attributes));
        when(realm.getAttribute(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        return realm;
    }

    @Test
    void parsesOncePerRealmUntilASettingChanges() {
        ApiKeyConfigCache cache = new ApiKeyConfigCache();
        RealmModel realm = realm("r1");
        attributes.put(ApiKeyConfig.PREFIX, "abc_");
        ApiKeyConfig first = cache.config(realm);
        assertSame(first, cache.config(realm), "unchanged settings: the parsed config is reused");
        verify(realm, times(1)).getAttributes();
        assertEquals("abc_", first.prefix());

        attributes.put(ApiKeyConfig.PREFIX, "xyz_");
        ApiKeyConfig changed = cache.config(realm);
        assertNotSame(first, changed);
        assertEquals("xyz_", changed.prefix(), "a changed setting is read at the next request");

        attributes.put(ApiKeyConfig.PREFIX, "xyz_");
        assertNotSame(changed, cache.config(realm("r2")), "realms are separate");
        cache.forget("r1");
        assertNotSame(changed, cache.config(realm));
    }
}
