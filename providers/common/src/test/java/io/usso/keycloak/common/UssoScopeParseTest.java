package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UssoScopeParseTest {

    @Test
    void parsesActionPathAndFilters() {
        UssoScope scope = UssoScope.parse("manage:billing/invoices?workspace_id=w1&region=eu-1");
        assertEquals(UssoAction.MANAGE, scope.action());
        assertEquals(List.of("billing", "invoices"), scope.pathSegments());
        assertEquals("billing/invoices", scope.path());
        assertEquals(Map.of("workspace_id", "w1", "region", "eu-1"), scope.filters());
    }

    @Test
    void canonicalFormSortsFiltersAndLowerCasesAction() {
        UssoScope scope = UssoScope.parse("  READ:media/Files?z=1&a=2 ");
        assertEquals("read:media/Files?a=2&z=1", scope.toString());
    }

    @Test
    void starActionIsOwner() {
        UssoScope star = UssoScope.parse("*:media");
        assertEquals(UssoAction.OWNER, star.action());
        assertEquals("owner:media", star.toString());
        assertEquals(UssoScope.parse("owner:media"), star);
    }

    @Test
    void equalityIsOnCanonicalForm() {
        UssoScope a = UssoScope.parse("Read:x?b=2&a=1");
        UssoScope b = UssoScope.parse("read:x?a=1&b=2");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, UssoScope.parse("read:x?a=1"));
        assertNotEquals(UssoScope.parse("read:X"), UssoScope.parse("read:x"), "paths are case-sensitive");
    }

    @Test
    void wildcardRunsAreCollapsed() {
        assertEquals("read:media/*/x", UssoScope.parse("read:media/**/x").toString());
        assertEquals("read:a*b", UssoScope.parse("read:a***b").toString());
    }

    @Test
    void acceptsAllActions() {
        for (String action : List.of("read", "create", "update", "delete", "manage", "admin", "owner", "superadmin")) {
            assertEquals(action, UssoScope.parse(action + ":x").action().token());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "read",
        "read:",
        "write:media",
        "reader:media",
        ":media",
        "read:/media",
        "read:media/",
        "read:media//files",
        "read:media files",
        "read:media?",
        "read:media?a",
        "read:media?=1",
        "read:media?a=",
        "read:media?a=1&",
        "read:media?a=1&a=2",
        "read:media?a=1=2",
        "read:media?a b=1",
        "read:media?a=*",
        "read:med:ia",
        "read:media#x",
        "read:mé",
        "read:media?a=1?b=2"
    })
    void rejectsInvalid(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UssoScope.parse(raw));
        assertTrue(e.getMessage().startsWith("Invalid USSO scope") || e.getMessage().contains("empty"),
                e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> UssoScope.parse(null));
    }

    @Test
    void errorMessageNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UssoScope.parse("write:media"));
        assertTrue(e.getMessage().contains("unknown action 'write'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UssoScope.parse("read:a?k=1&k=2"));
        assertTrue(e.getMessage().contains("duplicate filter key 'k'"), e.getMessage());
    }

    @Test
    void lengthLimitAppliesToTrimmedValue() {
        String prefix = "read:";
        String ok = prefix + "a".repeat(UssoScope.MAX_LENGTH - prefix.length());
        assertEquals(UssoScope.MAX_LENGTH, UssoScope.parse("  " + ok + "  ").toString().length());
        String tooLong = ok + "b";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UssoScope.parse(tooLong));
        assertTrue(e.getMessage().contains("longer than 512"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, "the message does not echo the whole input");
    }

    @Test
    void sortsByCanonicalForm() {
        List<UssoScope> sorted = new java.util.ArrayList<>(List.of(
                UssoScope.parse("read:b"), UssoScope.parse("admin:z"), UssoScope.parse("read:a")));
        java.util.Collections.sort(sorted);
        assertEquals("[admin:z, read:a, read:b]", sorted.toString());
    }
}
