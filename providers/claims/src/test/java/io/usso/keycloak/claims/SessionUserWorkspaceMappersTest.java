package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class SessionUserWorkspaceMappersTest {

    private final Fixtures f = new Fixtures();

    @Test
    void sessionIdInAccessAndIdToken() {
        SessionIdClaimMapper mapper = new SessionIdClaimMapper();
        ProtocolMapperModel model = SessionIdClaimMapper.create("session_id");
        AccessToken access = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        IDToken id = mapper.transformIDToken(new IDToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertEquals("session-456", access.getOtherClaims().get("session_id"));
        assertEquals("session-456", id.getOtherClaims().get("session_id"));
    }

    @Test
    void sessionIdWithoutUserSessionIsOmitted() {
        SessionIdClaimMapper mapper = new SessionIdClaimMapper();
        AccessToken access = mapper.transformAccessToken(new AccessToken(), SessionIdClaimMapper.create("s"),
                f.session, null, f.clientSessionCtx);
        assertTrue(access.getOtherClaims().isEmpty());
    }

    @Test
    void userIdInAllTokens() {
        UserIdClaimMapper mapper = new UserIdClaimMapper();
        ProtocolMapperModel model = UserIdClaimMapper.create("user_id");
        AccessToken access = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        AccessToken userInfo = mapper.transformUserInfoToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        IDToken id = mapper.transformIDToken(new IDToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertEquals("user-123", access.getOtherClaims().get("user_id"));
        assertEquals("user-123", userInfo.getOtherClaims().get("user_id"));
        assertEquals("user-123", id.getOtherClaims().get("user_id"));
    }

    @Test
    void workspaceIdFromSessionNote() {
        when(f.userSession.getNote("usso.workspace_id")).thenReturn("w-42");
        WorkspaceIdClaimMapper mapper = new WorkspaceIdClaimMapper();
        AccessToken access = mapper.transformAccessToken(new AccessToken(), WorkspaceIdClaimMapper.create("workspace_id"),
                f.session, f.userSession, f.clientSessionCtx);
        assertEquals("w-42", access.getOtherClaims().get("workspace_id"));
    }

    @Test
    void workspaceIdOmittedWhenNoteMissingOrBlank() {
        WorkspaceIdClaimMapper mapper = new WorkspaceIdClaimMapper();
        ProtocolMapperModel model = WorkspaceIdClaimMapper.create("workspace_id");
        AccessToken none = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertFalse(none.getOtherClaims().containsKey("workspace_id"));
        when(f.userSession.getNote("usso.workspace_id")).thenReturn("  ");
        AccessToken blank = mapper.transformAccessToken(new AccessToken(), model, f.session, f.userSession, f.clientSessionCtx);
        assertFalse(blank.getOtherClaims().containsKey("workspace_id"));
    }
}
