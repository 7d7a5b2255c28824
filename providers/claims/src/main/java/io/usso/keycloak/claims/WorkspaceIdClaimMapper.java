package io.usso.keycloak.claims;

import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;
import io.usso.keycloak.common.UssoSessionNotes;

/**
 * Puts the workspace the session is bound to into {@code workspace_id}, read from the user-session note
 * {@value io.usso.keycloak.common.UssoSessionNotes#WORKSPACE_ID} (set by the workspaces feature). The claim is
 * omitted when the note is absent or blank. Access token, ID token and introspection.
 */
public final class WorkspaceIdClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-workspace-id-mapper";

    private static final String DEFAULT_CLAIM = UssoClaimNames.WORKSPACE_ID;

    public WorkspaceIdClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO workspace id",
                "Adds the workspace bound to the session (user-session note 'usso.workspace_id') as claim "
                        + "'workspace_id'; omitted when not set.",
                List.of());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession == null) {
            return;
        }
        String workspaceId = userSession.getNote(UssoSessionNotes.WORKSPACE_ID);
        if (workspaceId != null && !workspaceId.isBlank()) {
            writeClaim(token, mappingModel, workspaceId);
        }
    }

    /**
     * @param name mapper name
     * @return a model with the default claim name, enabled for access token, ID token and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.NO_USERINFO, Map.of());
    }
}
