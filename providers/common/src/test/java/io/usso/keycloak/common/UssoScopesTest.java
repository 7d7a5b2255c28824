package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class UssoScopesTest {

    private static List<UssoScope> scopes(String... raw) {
        return Arrays.stream(raw).map(UssoScope::parse).collect(Collectors.toList());
    }

    @Test
    void parseAllSplitsOnWhitespaceAndCommasDeduplicatesAndSorts() {
        ParsedScopes parsed = UssoScopes.parseAll(Arrays.asList(
                "read:b, read:a\tcreate:x\n",
                null,
                "READ:a,,read:b",
                "  "));
        assertEquals(List.of("create:x", "read:a", "read:b"), UssoScopes.toStrings(parsed.scopes()));
        assertFalse(parsed.hasInvalid());
    }

    @Test
    void parseAllCollectsInvalidEntriesOnce() {
        ParsedScopes parsed = UssoScopes.parseAll(List.of("read:a write:b", "write:b bogus", "read:a?x="));
        assertEquals(List.of("read:a"), UssoScopes.toStrings(parsed.scopes()));
        assertEquals(List.of("write:b", "bogus", "read:a?x="), parsed.invalid());
        assertTrue(parsed.hasInvalid());
    }

    @Test
    void parseAllOfNullIsEmpty() {
        ParsedScopes parsed = UssoScopes.parseAll(null);
        assertTrue(parsed.scopes().isEmpty());
        assertTrue(parsed.invalid().isEmpty());
    }

    @Test
    void collapseDropsImpliedScopesAndKeepsTheStrongerOne() {
        List<UssoScope> collapsed = UssoScopes.collapse(scopes(
                "read:media/files",
                "manage:media/*",
                "read:billing?workspace_id=w1",
                "read:billing",
                "create:billing",
                "read:media/files",
                "delete:media?workspace_id=w1"));
        assertEquals(List.of("create:billing", "delete:media?workspace_id=w1", "manage:media/*"),
                UssoScopes.toStrings(collapsed));
    }

    @Test
    void collapseKeepsUnrelatedScopes() {
        List<UssoScope> collapsed = UssoScopes.collapse(scopes("read:a?w=1", "read:a?w=2", "admin:b"));
        assertEquals(List.of("admin:b", "read:a?w=1", "read:a?w=2"), UssoScopes.toStrings(collapsed));
    }

    @Test
    void collapseOfSuperadminStarLeavesOnlyIt() {
        List<UssoScope> collapsed = UssoScopes.collapse(scopes("read:a", "owner:b/c?x=1", "superadmin:*"));
        assertEquals(List.of("superadmin:*"), UssoScopes.toStrings(collapsed));
    }

    @Test
    void narrowKeepsOnlyRequestedScopesThatAreHeld() {
        List<UssoScope> held = scopes("manage:media/*", "read:billing?workspace_id=w1");
        List<UssoScope> requested = scopes(
                "read:media/files",
                "admin:media/files",
                "read:billing",
                "read:billing?workspace_id=w1",
                "read:billing?workspace_id=w2",
                "read:media/files");
        assertEquals(List.of("read:billing?workspace_id=w1", "read:media/files"),
                UssoScopes.toStrings(UssoScopes.narrow(held, requested)));
    }

    @Test
    void narrowWithNothingHeldIsEmpty() {
        assertTrue(UssoScopes.narrow(List.of(), scopes("read:a")).isEmpty());
        assertTrue(UssoScopes.narrow(null, null).isEmpty());
    }

    @Test
    void withinLimitKeepsTheLimitScopesTheUserStillHolds() {
        java.util.List<UssoScope> held = UssoScopes.parseAll(java.util.List.of("manage:media/files", "read:billing"))
                .scopes();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("read:media/files"),
                UssoScopes.withinLimit(held, "read:media/files write:users"), "implied by manage; users not held");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("read:billing"),
                UssoScopes.withinLimit(held, "  read:billing   read:billing "), "de-duplicated");
        org.junit.jupiter.api.Assertions.assertTrue(UssoScopes.withinLimit(held, "").isEmpty(), "blank limit: none");
        org.junit.jupiter.api.Assertions.assertTrue(UssoScopes.withinLimit(java.util.List.of(), "read:billing").isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(UssoScopes.withinLimit(held, "not a scope!").isEmpty());
    }
}
