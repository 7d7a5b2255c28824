package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.representations.AccessToken;

class SessionUserWorkspaceMappersTest {

    private final Fixtures f = new Fixtures();
    private final SessionIdClaimMapper sessionId = new SessionIdClaimMapper();
    private final UserIdClaimMapper userId = new UserIdClaimMapper();
    private final WorkspaceIdClaimMapper workspaceId = new WorkspaceIdClaimMapper();

    @Test
    void sessionIdInAccessAndIdToken() {
        ProtocolMapperModel model = SessionIdClaimMapper.create("session_id");
        assertEquals("session-456", f.access(sessionId, model).getOtherClaims().get("session_id"));
        assertEquals("session-456", f.id(sessionId, model).getOtherClaims().get("session_id"));
    }

    @Test
    void sessionIdWithoutUserSessionIsOmitted() {
        AccessToken access = sessionId.transformAccessToken(new AccessToken(), SessionIdClaimMapper.create("s"),
                f.session, null, f.clientSessionCtx);
        assertTrue(access.getOtherClaims().isEmpty());
    }

    @Test
    void userIdInAllTokens() {
        ProtocolMapperModel model = UserIdClaimMapper.create("user_id");
        assertEquals("user-123", f.access(userId, model).getOtherClaims().get("user_id"));
        assertEquals("user-123", f.userInfo(userId, model).getOtherClaims().get("user_id"));
        assertEquals("user-123", f.id(userId, model).getOtherClaims().get("user_id"));
    }

    @Test
    void workspaceIdFromSessionNote() {
        when(f.userSession.getNote("usso.workspace_id")).thenReturn("w-42");
        AccessToken access = f.access(workspaceId, WorkspaceIdClaimMapper.create("workspace_id"));
        assertEquals("w-42", access.getOtherClaims().get("workspace_id"));
    }

    @Test
    void workspaceIdOmittedWhenNoteMissingOrBlank() {
        ProtocolMapperModel model = WorkspaceIdClaimMapper.create("workspace_id");
        assertFalse(f.access(workspaceId, model).getOtherClaims().containsKey("workspace_id"));
        when(f.userSession.getNote("usso.workspace_id")).thenReturn("  ");
        assertFalse(f.access(workspaceId, model).getOtherClaims().containsKey("workspace_id"));
    }
}
