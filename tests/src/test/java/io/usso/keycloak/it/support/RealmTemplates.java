package io.usso.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The realm templates shipped in the distribution (from the usso-realm-templates jar). */
public final class RealmTemplates {

    private RealmTemplates() {
    }

    public static ObjectNode load(String name) {
        try (InputStream in = RealmTemplates.class.getResourceAsStream("/realm-templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("realm template not on the classpath: " + name);
            }
            return (ObjectNode) Http.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tenant template renamed to {@code realm}, ready to POST to /admin/realms. The template's placeholder
     * realm name {@value #PLACEHOLDER} also appears in the default role and built-in client URLs (and must not be
     * replaced blindly: provider ids such as usso-tenant-id-mapper contain it).
     */
    public static ObjectNode tenant(String realm, String displayName) {
        try {
            String text = Http.JSON.writeValueAsString(load("tenant-template.json"))
                    .replace("default-roles-" + PLACEHOLDER, "default-roles-" + realm)
                    .replace("/realms/" + PLACEHOLDER + "/", "/realms/" + realm + "/")
                    .replace("/admin/" + PLACEHOLDER + "/", "/admin/" + realm + "/")
                    .replace("\"realm\":\"" + PLACEHOLDER + "\"", "\"realm\":\"" + realm + "\"");
            ObjectNode rep = (ObjectNode) Http.JSON.readTree(text);
            stripIds(rep);
            rep.put("displayName", displayName);
            return rep;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm name of the tenant template, to be replaced by the tenant's. */
    public static final String PLACEHOLDER = "usso-tenant";

    /** Ids in a template would collide between realms created from it. */
    private static void stripIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("id");
            object.remove("containerId");
            object.forEach(RealmTemplates::stripIds);
        } else if (node.isArray()) {
            node.forEach(RealmTemplates::stripIds);
        }
    }
}
