package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScopeCollectorTest {

    @Test
    void gathersMultiValuedAttributesWithMixedSeparators() {
        ScopeCollector.Result result = new ScopeCollector(false, false)
                .addRoleValues("editor", List.of("read:media/files, create:media/files", "update:media/files\nread:billing"))
                .addRoleValues("viewer", List.of("read:media/*"))
                .result();
        assertEquals(List.of("create:media/files", "read:billing", "read:media/*", "read:media/files",
                "update:media/files"), result.scopes());
        assertFalse(result.hasInvalid());
    }

    @Test
    void deduplicatesAcrossRolesAndNormalises() {
        ScopeCollector.Result result = new ScopeCollector(false, false)
                .addRoleValues("a", List.of("READ:x?b=2&a=1"))
                .addRoleValues("b", List.of("read:x?a=1&b=2", "read:x?a=1&b=2"))
                .result();
        assertEquals(List.of("read:x?a=1&b=2"), result.scopes());
    }

    @Test
    void skipsInvalidEntriesAndReportsOnlyRoleNames() {
        ScopeCollector.Result result = new ScopeCollector(true, false)
                .addRoleValues("broken", List.of("read:a write:b", "nonsense"))
                .addRoleValues("fine", List.of("read:c"))
                .addUserValues(List.of("read:d", "secret-user-value"))
                .result();
        assertEquals(List.of("read:a", "read:c", "read:d"), result.scopes());
        assertEquals(3, result.invalidCount());
        assertEquals(Set.of("broken"), result.rolesWithInvalidEntries());
        assertTrue(result.userAttributeInvalid());
    }

    @Test
    void userAttributeOnAndOff() {
        List<String> userValues = List.of("admin:users");
        assertEquals(List.of("admin:users", "read:a"), new ScopeCollector(true, false)
                .addRoleValues("r", List.of("read:a")).addUserValues(userValues).result().scopes());
        ScopeCollector.Result off = new ScopeCollector(false, false)
                .addRoleValues("r", List.of("read:a")).addUserValues(List.of("admin:users", "bogus")).result();
        assertEquals(List.of("read:a"), off.scopes());
        assertFalse(off.hasInvalid(), "ignored user values are not validated either");
    }

    @Test
    void collapseOnAndOff() {
        List<String> values = List.of("read:media/files manage:media/* read:billing?workspace_id=w1 read:billing");
        assertEquals(List.of("manage:media/*", "read:billing", "read:billing?workspace_id=w1", "read:media/files"),
                new ScopeCollector(false, false).addRoleValues("r", values).result().scopes());
        assertEquals(List.of("manage:media/*", "read:billing"),
                new ScopeCollector(false, true).addRoleValues("r", values).result().scopes());
    }

    @Test
    void nullAndEmptyValuesAreHarmless() {
        ScopeCollector.Result result = new ScopeCollector(true, true)
                .addRoleValues("r", null)
                .addRoleValues("s", Arrays.asList(null, "", " , "))
                .addUserValues(null)
                .result();
        assertTrue(result.scopes().isEmpty());
        assertFalse(result.hasInvalid());
    }
}
