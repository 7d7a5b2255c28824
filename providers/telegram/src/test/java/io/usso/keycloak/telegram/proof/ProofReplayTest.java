package io.usso.keycloak.telegram.proof;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

class ProofReplayTest {

    @Test
    void aProofIsAcceptedOncePerTenantAndKind() {
        Set<String> claimed = new HashSet<>();
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(store.putIfAbsent(anyString(), anyLong())).thenAnswer(i -> claimed.add(i.getArgument(0)));
        RealmModel a = realm("a");
        RealmModel b = realm("b");
        ProofReplay replay = new ProofReplay(store);

        assertTrue(replay.firstUse(a, "widget", "f00d", 300));
        assertFalse(replay.firstUse(a, "widget", "f00d", 300));
        assertTrue(replay.firstUse(a, "webapp", "f00d", 300));
        assertTrue(replay.firstUse(b, "widget", "f00d", 300));
        assertTrue(claimed.stream().noneMatch(k -> k.contains("f00d")), "keys hold a digest, not the proof");
    }

    private static RealmModel realm(String id) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(id);
        return realm;
    }
}
