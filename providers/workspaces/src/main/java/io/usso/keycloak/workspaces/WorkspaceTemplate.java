package io.usso.keycloak.workspaces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.usso.keycloak.workspaces.WorkspaceInput.RoleFields;

/**
 * A tenant's workspace template: preset roles (custom ones, and scopes for the built-in {@code owner},
 * {@code admin} and {@code member}) that a new workspace gets when created with {@code "template": name}.
 *
 * @param name unique in the tenant (the grammar of role names)
 * @param description free text, may be null
 * @param roles the roles, validated ({@link WorkspaceTemplateInput}), in the order given
 */
public record WorkspaceTemplate(String name, String description, List<RoleFields> roles) {

    /** Copies the roles. */
    public WorkspaceTemplate {
        roles = List.copyOf(roles);
    }

    /** @return every scope of every role (for the catalog rule) */
    public List<String> allScopes() {
        List<String> all = new ArrayList<>();
        roles.forEach(r -> all.addAll(r.scopes()));
        return all;
    }

    /**
     * @param withName whether to include the name (answers) or not (the stored document, keyed by name)
     * @return {@code {"name"?, "description"?, "roles": [{"name", "description"?, "scopes"}]}}
     */
    public Map<String, Object> toJson(boolean withName) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (withName) {
            out.put("name", name);
        }
        if (description != null) {
            out.put("description", description);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (RoleFields role : roles) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", role.name());
            if (role.description() != null) {
                r.put("description", role.description());
            }
            r.put("scopes", role.scopes());
            list.add(r);
        }
        out.put("roles", list);
        return out;
    }
}
