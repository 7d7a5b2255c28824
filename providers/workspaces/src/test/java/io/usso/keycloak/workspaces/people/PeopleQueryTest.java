package io.usso.keycloak.workspaces.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.workspaces.WorkspaceInputException;

class PeopleQueryTest {

    private static void refused(String q, String first, String max) {
        assertEquals(400, assertThrows(WorkspaceInputException.class, () -> PeopleQuery.parse(q, first, max))
                .status(), q + " " + first + " " + max);
    }

    @Test
    void aSearchNeedsSomeTextAndBoundedPages() {
        assertEquals(new PeopleQuery("ad", 0, 20), PeopleQuery.parse(" ad ", null, ""));
        assertEquals(new PeopleQuery("رضا", 40, 100), PeopleQuery.parse("رضا", "40", "500"));
        refused(null, null, null);
        refused("a", null, null);
        refused("  a  ", null, null);
        refused("x".repeat(101), null, null);
        refused("a\u0000b", null, null);
        refused("ab\ud800", null, null);
        refused("ab", "-1", null);
        refused("ab", "1e3", null);
        refused("ab", "99999999999999", null);
        refused("ab", "10001", null);
        refused("ab", null, "0");
        refused("ab", null, "x");
    }

    @Test
    void theTextMatchesLiterallyAnywhere() {
        assertEquals("%ada%", PeopleQuery.parse("Ada", null, null).likePattern());
        assertEquals("%50!%!_off!!%", PeopleQuery.parse("50%_off!", null, null).likePattern());
    }
}
