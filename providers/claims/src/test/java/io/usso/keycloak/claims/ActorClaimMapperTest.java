package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;

class ActorClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final ActorClaimMapper mapper = new ActorClaimMapper();

    @Test
    void anImpersonatedSessionNamesTheImpersonator() {
        when(f.userSession.getNote("IMPERSONATOR_ID")).thenReturn("support-1");
        when(f.userSession.getNote("IMPERSONATOR_USERNAME")).thenReturn("supporter");
        ProtocolMapperModel model = ActorClaimMapper.create("act");
        Map<String, Object> expected = Map.of("sub", "support-1", "preferred_username", "supporter");
        assertEquals(expected, f.access(mapper, model).getOtherClaims().get("act"));
        assertEquals(expected, f.id(mapper, model).getOtherClaims().get("act"));
        assertEquals(expected, f.introspection(mapper, model).getOtherClaims().get("act"));
    }

    @Test
    void ordinarySessionsGetNoActor() {
        ProtocolMapperModel model = ActorClaimMapper.create("act");
        assertFalse(f.access(mapper, model).getOtherClaims().containsKey("act"));
        assertEquals(null, ActorClaimMapper.actor(null));
    }
}
