package io.usso.keycloak.workspaces.rest;

import java.io.InputStream;

import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.common.RequestBody;
import io.usso.keycloak.workspaces.WorkspaceInput;
import io.usso.keycloak.workspaces.WorkspaceInputException;

/** The JSON object body of a workspace request; another content type is refused (a form's fields would be lost). */
final class JsonBody {

    private JsonBody() {
    }

    /**
     * @param session the request's session
     * @param body the body stream
     * @param emptyAllowed whether an empty body counts as {@code {}}
     * @return the object
     * @throws WorkspaceInputException 400 for another content type
     */
    static JsonNode read(KeycloakSession session, InputStream body, boolean emptyAllowed) {
        MediaType type = session.getContext().getRequestHeaders() == null ? null
                : session.getContext().getRequestHeaders().getMediaType();
        if (type != null && !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw WorkspaceInputException.invalid("The body must be application/json");
        }
        return RequestBody.object(body, WorkspaceInput.MAX_BODY_BYTES, emptyAllowed);
    }
}
