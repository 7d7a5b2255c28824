package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class WorkspaceTemplateInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WorkspaceInputException refused(Runnable r) {
        return assertThrows(WorkspaceInputException.class, r::run);
    }

    @Test
    void aTemplateHasCustomRolesAndScopesForBuiltInOnes() {
        WorkspaceTemplate t = WorkspaceTemplateInput.template("team", json("{'description': ' A team ', 'roles': ["
                + "{'name': 'owner', 'scopes': ['*:docs/*']},"
                + "{'name': 'editor', 'description': 'writes', 'scopes': ['update:docs/*', 'create:docs/*']},"
                + "{'name': 'viewer'}]}"));
        assertEquals("team", t.name());
        assertEquals("A team", t.description());
        assertEquals(List.of("owner", "editor", "viewer"), t.roles().stream().map(r -> r.name()).toList());
        assertEquals(List.of("owner:docs/*"), t.roles().get(0).scopes(), "canonical, like role creation");
        assertEquals(List.of("create:docs/*", "update:docs/*"), t.roles().get(1).scopes(), "sorted");
        assertEquals(List.of(), t.roles().get(2).scopes());
        assertEquals(3, t.allScopes().size());
        Map<String, Object> out = t.toJson(true);
        assertEquals("team", out.get("name"));
        assertTrue(!t.toJson(false).containsKey("name"), "the stored document is keyed by name");
    }

    @Test
    void badTemplatesAreRefusedWithTheRoleTheyAreAbout() {
        assertEquals("invalid_request", refused(() -> WorkspaceTemplateInput.template("Team", JSON.createObjectNode()
                .set("roles", JSON.createArrayNode()))).error());
        refused(() -> WorkspaceTemplateInput.template("team", JSON.createObjectNode()));
        refused(() -> WorkspaceTemplateInput.template("team", JSON.createArrayNode()));
        refused(() -> WorkspaceTemplateInput.template(null, JSON.createObjectNode()));
        WorkspaceInputException unknown = refused(() -> WorkspaceTemplateInput.template("team",
                json("{'roles': [], 'extra': 1}")));
        assertTrue(unknown.getMessage().contains("Unknown field"), unknown.getMessage());
        WorkspaceInputException scope = refused(() -> WorkspaceTemplateInput.template("team",
                json("{'roles': [{'name': 'a'}, {'name': 'b', 'scopes': ['not a scope']}]}")));
        assertEquals("invalid_scope", scope.error());
        assertTrue(scope.getMessage().startsWith("roles[1]: "), scope.getMessage());
        WorkspaceInputException twice = refused(() -> WorkspaceTemplateInput.template("team",
                json("{'roles': [{'name': 'a'}, {'name': 'a'}]}")));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        refused(() -> WorkspaceTemplateInput.template("team", json("{'roles': ['editor']}")));
        refused(() -> WorkspaceTemplateInput.template("team", json("{'roles': {'name': 'a'}}")));
        refused(() -> WorkspaceTemplateInput.template("team", json("{'roles': [{'name': 'BAD'}]}")));
        ObjectNode many = JSON.createObjectNode();
        ArrayNode roles = many.putArray("roles");
        for (int i = 0; i <= WorkspaceTemplateInput.MAX_ROLES; i++) {
            roles.addObject().put("name", "r" + i);
        }
        refused(() -> WorkspaceTemplateInput.template("team", many));
        roles.remove(0);
        assertEquals(WorkspaceTemplateInput.MAX_ROLES, WorkspaceTemplateInput.template("team", many).roles().size());
    }

    @Test
    void theStoredDocumentRoundTripsAndUnreadableEntriesAreLeftOut() {
        WorkspaceTemplate team = WorkspaceTemplateInput.template("team",
                json("{'roles': [{'name': 'editor', 'scopes': ['read:docs/*']}]}"));
        TreeMap<String, WorkspaceTemplate> all = new TreeMap<>(Map.of("team", team));
        String doc = WorkspaceTemplateDocument.write(all);
        assertEquals(team, WorkspaceTemplateDocument.read(doc).get("team"));

        String mixed = "{'team': {'roles': []}, 'Bad Name': {'roles': []}, 'broken': {'roles': 'x'},"
                + " 'scopes': {'roles': [{'name': 'x', 'scopes': ['nope']}]}}";
        assertEquals(List.of("team"), List.copyOf(WorkspaceTemplateDocument.read(mixed.replace('\'', '"')).keySet()));
        assertTrue(WorkspaceTemplateDocument.read(null).isEmpty());
        assertTrue(WorkspaceTemplateDocument.read("not json").isEmpty());
        assertTrue(WorkspaceTemplateDocument.read("[1, 2]").isEmpty());
        assertNull(WorkspaceTemplateDocument.read("{}").get("team"));
    }

    @Test
    void creationNamesATemplateByTheGrammarOfRoleNames() {
        assertEquals("team", WorkspaceInput.create(json("{'name': 'A', 'template': 'team'}")).template());
        assertNull(WorkspaceInput.create(json("{'name': 'A'}")).template());
        refused(() -> WorkspaceInput.create(json("{'name': 'A', 'template': 'Team A'}")));
        refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "A").put("template", 3)));
        assertNull(WorkspaceInput.update(JSON.createObjectNode().put("name", "A")).template());
        refused(() -> WorkspaceInput.update(JSON.createObjectNode().put("template", "team")));
    }
}
