package io.usso.keycloak.workspaces.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MemberWorkspacesTest {

    @Test
    void oneRowPerAttributeBecomesOneWorkspaceWithItsAttributes() {
        List<MemberWorkspace> out = MemberWorkspaces.group(List.of(
                new Object[] {"w2", "beta", "beta", null, true, "usso.logo", "https://x/l.png"},
                new Object[] {"w2", "beta", "beta", null, true, "usso.created_by", "u1"},
                new Object[] {"w1", "Alpha", "alpha", "first", false, null, null},
                new Object[] {"w3", "alpha", "alpha-2", null, true, "usso.logo", "https://y/l.png"}));
        assertEquals(List.of("w1", "w3", "w2"), out.stream().map(MemberWorkspace::id).toList(),
                "by name in Java's order (upper case first), as the organization models were sorted");
        assertEquals(Map.of("usso.logo", "https://x/l.png", "usso.created_by", "u1"), out.get(2).attributes());
        assertEquals(Map.of(), out.get(0).attributes());
        assertFalse(out.get(0).enabled());
        assertTrue(out.get(1).enabled());
        assertEquals("first", out.get(0).description());
    }

    @Test
    void noRowsNoWorkspaces() {
        assertTrue(MemberWorkspaces.group(List.of()).isEmpty());
    }
}
