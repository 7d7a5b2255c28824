package io.usso.keycloak.workspaces;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stored form of a tenant's workspace templates: realm attribute {@value #ATTRIBUTE}, one JSON object keyed by
 * template name ({@code {"team": {"description", "roles": [...]}, ...}}; Keycloak keeps realm attribute values in an
 * unbounded text column, {@code REALM_ATTRIBUTE.VALUE} is NCLOB since Keycloak 13). Written by the template API,
 * also settable in a realm import (the attribute's value is that JSON as a string). Reading is lenient: an entry that
 * fails {@link WorkspaceTemplateInput} (say, a hand-edited import) is left out and logged at debug level, never an
 * error answer. Pure apart from the log.
 */
public final class WorkspaceTemplateDocument {

    /** Realm attribute holding the templates. */
    public static final String ATTRIBUTE = "usso.workspaces.templates";
    /** Most templates in one tenant. */
    public static final int MAX_TEMPLATES = 20;
    /** Longest stored document, in characters (the realm, attributes included, is cached and loaded as a whole). */
    public static final int MAX_CHARS = 128 * 1024;

    private static final Logger LOG = Logger.getLogger(WorkspaceTemplateDocument.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkspaceTemplateDocument() {
    }

    /**
     * @param raw the attribute value, may be null
     * @return the readable templates by name
     */
    public static SortedMap<String, WorkspaceTemplate> read(String raw) {
        SortedMap<String, WorkspaceTemplate> out = new TreeMap<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            LOG.debugf("workspace templates: attribute %s is not JSON, ignored", ATTRIBUTE);
            return out;
        }
        if (doc == null || !doc.isObject()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields();
        while (fields.hasNext() && out.size() < MAX_TEMPLATES) {
            Map.Entry<String, JsonNode> e = fields.next();
            try {
                out.put(e.getKey(), WorkspaceTemplateInput.template(e.getKey(), e.getValue()));
            } catch (WorkspaceInputException ex) {
                LOG.debugf("workspace templates: an entry of %s is not a valid template, ignored", ATTRIBUTE);
            }
        }
        return out;
    }

    /**
     * @param templates templates by name
     * @return the attribute value
     */
    public static String write(SortedMap<String, WorkspaceTemplate> templates) {
        Map<String, Object> doc = new LinkedHashMap<>();
        templates.forEach((name, t) -> doc.put(name, t.toJson(false)));
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("templates not serialisable", e);
        }
    }
}
