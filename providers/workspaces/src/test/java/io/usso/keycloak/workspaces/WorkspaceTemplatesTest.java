package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import io.usso.keycloak.workspaces.WorkspaceInput.RoleFields;

class WorkspaceTemplatesTest {

    private final Map<String, String> attributes = new HashMap<>();

    private RealmModel realm() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.getArgument(0, String.class)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(realm).setAttribute(anyString(),
                anyString());
        doAnswer(i -> attributes.remove(i.getArgument(0, String.class))).when(realm).removeAttribute(anyString());
        return realm;
    }

    private static WorkspaceTemplate template(String name, int roles, int scopesEach) {
        List<RoleFields> list = new java.util.ArrayList<>();
        for (int r = 0; r < roles; r++) {
            List<String> scopes = new java.util.ArrayList<>();
            for (int s = 0; s < scopesEach; s++) {
                scopes.add("read:service-" + r + "/collection-with-a-longish-name-" + s);
            }
            list.add(new RoleFields("role-" + r, null, scopes));
        }
        return new WorkspaceTemplate(name, "d", list);
    }

    @Test
    void savedTemplatesAreListedFoundReplacedAndDeleted() {
        WorkspaceTemplates templates = new WorkspaceTemplates(realm());
        assertTrue(templates.save(template("team", 1, 1)), "new");
        assertFalse(templates.save(template("team", 2, 1)), "replaced");
        assertTrue(templates.save(template("agency", 1, 0)));
        assertEquals(List.of("agency", "team"), templates.list().stream().map(WorkspaceTemplate::name).toList());
        assertEquals(2, templates.find("team").roles().size());
        assertNull(templates.find("nope"));
        WorkspaceInputException unknown = assertThrows(WorkspaceInputException.class, () -> templates.require("nope"));
        assertEquals(400, unknown.status());
        templates.delete("team");
        assertNull(templates.find("team"));
        assertEquals(404, assertThrows(WorkspaceInputException.class, () -> templates.delete("team")).status());
        templates.delete("agency");
        assertFalse(attributes.containsKey(WorkspaceTemplateDocument.ATTRIBUTE), "no empty document left behind");
    }

    @Test
    void aTenantHasAtMostTwentyTemplatesAndABoundedDocument() {
        WorkspaceTemplates templates = new WorkspaceTemplates(realm());
        for (int i = 0; i < WorkspaceTemplateDocument.MAX_TEMPLATES; i++) {
            templates.save(template("t" + i, 1, 1));
        }
        WorkspaceInputException full = assertThrows(WorkspaceInputException.class,
                () -> templates.save(template("one-more", 1, 1)));
        assertEquals(409, full.status());
        assertEquals("limit_reached", full.error());
        templates.save(template("t0", 1, 2));

        WorkspaceTemplates other = new WorkspaceTemplates(realmWithFreshAttributes());
        other.save(template("big", 30, 40));
        WorkspaceInputException tooBig = assertThrows(WorkspaceInputException.class,
                () -> other.save(template("bigger", 30, 100)));
        assertEquals(409, tooBig.status());
        assertNull(other.find("bigger"), "nothing stored");
    }

    private RealmModel realmWithFreshAttributes() {
        attributes.clear();
        return realm();
    }
}
