package io.usso.keycloak.workspaces.store;

import java.util.Map;

/**
 * A workspace as its member's list and tokens need it, read with one query ({@link MemberWorkspaces}) instead of
 * one organization model (and its attributes) per workspace.
 *
 * @param id the organization id
 * @param name its name
 * @param alias its alias (the workspace slug)
 * @param description its description, may be null
 * @param enabled whether it is enabled
 * @param attributes the USSO attributes it has (logo, settings, creator), first value each
 */
public record MemberWorkspace(String id, String name, String alias, String description, boolean enabled,
        Map<String, String> attributes) {

    /** Keeps its own copy of the attributes. */
    public MemberWorkspace {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** @return the attributes, read-only */
    @Override
    public Map<String, String> attributes() {
        return java.util.Collections.unmodifiableMap(attributes);
    }
}
