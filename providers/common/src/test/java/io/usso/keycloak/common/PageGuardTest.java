package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageGuardTest {

    @Test
    void bracesAnywhereMakeAPageUnrenderable() {
        assertTrue(PageGuard.hasBraces("/realms/t/qr-login/scan/${7*7}"));
        assertTrue(PageGuard.hasBraces("token=}"));
        assertFalse(PageGuard.hasBraces("/realms/t/magic-link/open"));
        assertFalse(PageGuard.hasBraces(null));
    }
}
