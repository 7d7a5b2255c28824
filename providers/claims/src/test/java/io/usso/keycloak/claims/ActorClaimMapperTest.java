package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.security.TenantSecuritySettings;

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
    void tokensOfAnImpersonatedSessionExpireWhenItsTimeLimitEnds() {
        when(f.userSession.getNote("IMPERSONATOR_ID")).thenReturn("support-1");
        when(f.userSession.getStarted()).thenReturn(1_000_000);
        when(f.realm.getAttribute(TenantSecuritySettings.IMPERSONATION_MAX_MINUTES)).thenReturn("5");
        AccessToken token = new AccessToken();
        token.exp(1_000_000L + 3600);
        mapper.transformAccessToken(token, ActorClaimMapper.create("act"), f.session, f.userSession,
                f.clientSessionCtx);
        assertEquals(1_000_300L, token.getExp(), "start + 5 minutes");

        AccessToken early = new AccessToken();
        early.exp(1_000_000L + 60);
        mapper.transformAccessToken(early, ActorClaimMapper.create("act"), f.session, f.userSession,
                f.clientSessionCtx);
        assertEquals(1_000_060L, early.getExp(), "an earlier expiry stays");
    }

    @Test
    void aTenantWithoutSettingsLimitsImpersonationToThirtyMinutes() {
        when(f.userSession.getNote("IMPERSONATOR_ID")).thenReturn("support-1");
        when(f.userSession.getStarted()).thenReturn(2_000_000);
        IDToken token = new IDToken();
        ActorClaimMapper.capExpiry(token, f.userSession);
        assertEquals(2_000_000L + 30 * 60, token.getExp());
    }

    @Test
    void ordinarySessionsKeepTheirExpiry() {
        AccessToken token = new AccessToken();
        token.exp(5_000_000L);
        mapper.transformAccessToken(token, ActorClaimMapper.create("act"), f.session, f.userSession,
                f.clientSessionCtx);
        assertEquals(5_000_000L, token.getExp());
    }

    @Test
    void ordinarySessionsGetNoActor() {
        ProtocolMapperModel model = ActorClaimMapper.create("act");
        assertFalse(f.access(mapper, model).getOtherClaims().containsKey("act"));
        assertEquals(null, ActorClaimMapper.actor(null));
    }
}
