package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UssoScopeImpliesTest {

    private static boolean implies(String held, String wanted) {
        return UssoScope.parse(held).implies(UssoScope.parse(wanted));
    }

    @ParameterizedTest(name = "{0} implies {1}")
    @CsvSource({
        "read:media, read:media",
        "create:media, read:media",
        "update:media, create:media",
        "delete:media, update:media",
        "manage:media, delete:media",
        "admin:media, manage:media",
        "owner:media, admin:media",
        "*:media, admin:media",
        "superadmin:media, owner:media",
        "superadmin:*, owner:billing/invoices/2024?workspace_id=w1",
        "read:media/*, read:media/files",
        "read:media/*, read:media/files/images",
        "read:*/files, read:media/files",
        "read:media/file*, read:media/files",
        "read:media/*s, read:media/files",
        "read:media/f*s, read:media/fs",
        "read:media/*, read:media/*",
        "read:media, read:media?workspace_id=w1",
        "read:media?workspace_id=w1, read:media?workspace_id=w1",
        "read:media?workspace_id=w1, read:media?region=eu&workspace_id=w1"
    })
    void implied(String held, String wanted) {
        assertTrue(implies(held, wanted));
    }

    @ParameterizedTest(name = "{0} does not imply {1}")
    @CsvSource({
        "read:media, create:media",
        "manage:media, admin:media",
        "admin:media, *:media",
        "owner:media, superadmin:media",
        "read:media, read:media/files",
        "read:media/files, read:media",
        "read:media/*, read:media",
        "read:*/files, read:media/files/x",
        "read:*/files, read:files",
        "read:media/file*, read:media/files/x",
        "read:media/files, read:media/*",
        "read:media/*s, read:media/filex",
        "read:media/files, read:media/Files",
        "read:media?workspace_id=w1, read:media",
        "read:media?workspace_id=w1, read:media?workspace_id=w2",
        "read:media?workspace_id=w1&region=eu, read:media?workspace_id=w1",
        "superadmin:media, read:billing"
    })
    void notImplied(String held, String wanted) {
        assertFalse(implies(held, wanted));
    }

    @Test
    void nullIsNeverImplied() {
        assertFalse(UssoScope.parse("superadmin:*").implies(null));
    }
}
