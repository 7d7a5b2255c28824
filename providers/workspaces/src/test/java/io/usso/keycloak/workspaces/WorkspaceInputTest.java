package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class WorkspaceInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_800_000_000L;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static WorkspaceInputException refused(Runnable r) {
        return assertThrows(WorkspaceInputException.class, r::run);
    }

    @Test
    void createNeedsANameAndKeepsTheOptionalFields() throws Exception {
        WorkspaceInput.WorkspaceFields f = WorkspaceInput.create(json("{\"name\": \"  Team A \", \"slug\": \"team-a\","
                + " \"description\": \"d\", \"logo\": \"https://cdn.example.com/l.png\", \"settings\": {\"x\": 1}}"));
        assertEquals("Team A", f.name());
        assertEquals("team-a", f.slug());
        assertEquals("https://cdn.example.com/l.png", f.logo());
        assertEquals("{\"x\":1}", f.settings());
        assertEquals("invalid_request", refused(() -> WorkspaceInput.create(JSON.createObjectNode())).error());
    }

    @Test
    void hugeOrControlNamesAreRefused() throws Exception {
        String huge = "x".repeat(WorkspaceInput.MAX_NAME + 1);
        assertEquals(400, refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", huge))).status());
        refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "a\u0000b")));
        refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "   ")));
        refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "\ud800")));
        refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", 5)));
    }

    @Test
    void unknownFieldsSlugsAndLogosAreRefused() throws Exception {
        refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "a").put("owner", "x")));
        for (String slug : List.of("A", "-a", "a-", "a_b", "x".repeat(64), "")) {
            refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "a").put("slug", slug)));
        }
        for (String logo : List.of("javascript:alert(1)", "ftp://x/y", "https://user:pw@x.example/l.png", "/rel")) {
            refused(() -> WorkspaceInput.create(JSON.createObjectNode().put("name", "a").put("logo", logo)));
        }
        refused(() -> WorkspaceInput.create(jsonUnchecked("{\"name\": \"a\", \"settings\": [1]}")));
        String big = "{\"name\": \"a\", \"settings\": {\"k\": \"" + "v".repeat(WorkspaceInput.MAX_SETTINGS) + "\"}}";
        refused(() -> WorkspaceInput.create(jsonUnchecked(big)));
    }

    @Test
    void rolesCarryCanonicalUssoScopes() throws Exception {
        WorkspaceInput.RoleFields role = WorkspaceInput.role(json(
                "{\"name\": \"editor\", \"scopes\": [\"READ:media/files\", \"read:media/files\", \"*:billing\"]}"));
        assertEquals(List.of("owner:billing", "read:media/files"), role.scopes());
        WorkspaceInputException bad = refused(() -> WorkspaceInput.role(jsonUnchecked(
                "{\"name\": \"editor\", \"scopes\": [\"fly:to/the/moon\"]}")));
        assertEquals("invalid_scope", bad.error());
        refused(() -> WorkspaceInput.role(jsonUnchecked("{\"name\": \"Editor\"}")));
        refused(() -> WorkspaceInput.role(jsonUnchecked("{\"name\": \"e\", \"scopes\": \"read:a\"}")));
        refused(() -> WorkspaceInput.role(jsonUnchecked("{\"name\": \"e\", \"scopes\": [1]}")));
    }

    @Test
    void expiriesAreInTheFutureAndBounded() throws Exception {
        assertNull(WorkspaceInput.expiry(JSON.createObjectNode(), NOW));
        assertEquals(NOW + 60, WorkspaceInput.expiry(json("{\"expires_in\": 60}"), NOW));
        assertEquals(NOW + 5, WorkspaceInput.expiry(json("{\"expires_at\": " + (NOW + 5) + "}"), NOW));
        refused(() -> WorkspaceInput.expiry(jsonUnchecked("{\"expires_at\": " + NOW + "}"), NOW));
        refused(() -> WorkspaceInput.expiry(jsonUnchecked("{\"expires_in\": 0}"), NOW));
        refused(() -> WorkspaceInput.expiry(jsonUnchecked("{\"expires_in\": 1.5}"), NOW));
        refused(() -> WorkspaceInput.expiry(jsonUnchecked("{\"expires_in\": 1e30}"), NOW));
        refused(() -> WorkspaceInput.expiry(jsonUnchecked("{\"expires_in\": 5, \"expires_at\": 9999999999}"), NOW));
    }

    @Test
    void invitationsNeedAnAddress() throws Exception {
        assertEquals("bob@example.com", WorkspaceInput.inviteEmail(json("{\"email\": \" Bob@Example.com \"}")));
        for (String email : List.of("bob", "bob@", "@x.y", "a b@c.d", "x".repeat(250) + "@e.com")) {
            refused(() -> WorkspaceInput.inviteEmail(JSON.createObjectNode().put("email", email)));
        }
    }

    @Test
    void idsAndServicesAreCheckedBeforeLookups() {
        assertTrue(WorkspaceInput.plausibleId("0b7f3c5e-1f5e-4a51-9a2e-7d4f2b3c4d5e"));
        assertEquals(false, WorkspaceInput.plausibleId("x".repeat(37)));
        assertEquals(false, WorkspaceInput.plausibleId("a\u0000"));
        assertEquals("media.api", WorkspaceInput.service("media.api"));
        refused(() -> WorkspaceInput.service("../etc"));
    }

    private static JsonNode jsonUnchecked(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
