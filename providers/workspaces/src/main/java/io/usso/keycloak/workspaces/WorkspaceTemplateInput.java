package io.usso.keycloak.workspaces;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.workspaces.WorkspaceInput.RoleFields;

/**
 * Turns a template body into a {@link WorkspaceTemplate}, or a {@link WorkspaceInputException} (400). Pure. A body is
 * {@code {"description"?, "roles": [{"name", "description"?, "scopes": [...]}, ...]}}: each role is checked like a
 * role created through the workspace API ({@link WorkspaceInput#role}); at most {@value #MAX_ROLES} roles, no name
 * twice. Built-in roles ({@code owner}, {@code admin}, {@code member}) may appear: they only get scopes.
 */
public final class WorkspaceTemplateInput {

    /** Most roles in one template. */
    public static final int MAX_ROLES = 30;

    private WorkspaceTemplateInput() {
    }

    /**
     * @param name the template name (from the path or the stored document's key)
     * @param body the template
     * @return the validated template
     */
    public static WorkspaceTemplate template(String name, JsonNode body) {
        String checked = WorkspaceInput.templateName(name);
        if (body == null || !body.isObject()) {
            throw WorkspaceInputException.invalid("A template is a JSON object");
        }
        WorkspaceInput.onlyFields(body, "description", "roles");
        JsonNode roles = body.get("roles");
        if (roles == null || roles.isNull()) {
            throw WorkspaceInputException.invalid("roles is required (an array, may be empty)");
        }
        if (!roles.isArray()) {
            throw WorkspaceInputException.invalid("roles must be an array of roles");
        }
        if (roles.size() > MAX_ROLES) {
            throw WorkspaceInputException.invalid("A template has at most " + MAX_ROLES + " roles");
        }
        List<RoleFields> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode role : roles) {
            RoleFields fields;
            try {
                if (!role.isObject()) {
                    throw WorkspaceInputException.invalid("a role is a JSON object");
                }
                fields = WorkspaceInput.role(role);
            } catch (WorkspaceInputException e) {
                throw new WorkspaceInputException(e.status(), e.error(), "roles[" + i + "]: " + e.getMessage());
            }
            if (!names.add(fields.name())) {
                throw WorkspaceInputException.invalid("roles[" + i + "]: the role '" + fields.name()
                        + "' is listed twice");
            }
            out.add(fields);
            i++;
        }
        return new WorkspaceTemplate(checked, WorkspaceInput.shortDescription(body.get("description")), out);
    }
}
