package io.usso.keycloak.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeCatalogRuleTest {

    @Test
    void anEmptyCatalogAllowsEverythingUnlessRequired() {
        assertEquals(List.of(), ScopeCatalogRule.refused(List.of("read:a"), List.of(), false));
        assertEquals(List.of("read:a"), ScopeCatalogRule.refused(List.of("read:a"), List.of(), true));
    }

    @Test
    void catalogedScopesAndWhatTheyImplyAreAllowed() {
        List<String> catalog = List.of("manage:media/*", "read:billing");
        assertEquals(List.of(), ScopeCatalogRule.refused(List.of("read:media/files", "manage:media/x"), catalog,
                false));
        assertEquals(List.of("manage:billing", "read:other"),
                ScopeCatalogRule.refused(List.of("read:billing", "manage:billing", "read:other"), catalog, false));
    }
}
