package io.usso.keycloak.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ImpersonationTargetTest {

    @Test
    void theImpersonationEndpointNamesRealmAndUser() {
        assertEquals(new ImpersonationTarget("acme", "0b1c"),
                ImpersonationTarget.parse("/admin/realms/acme/users/0b1c/impersonation"));
        assertEquals(new ImpersonationTarget("acme", "0b1c"),
                ImpersonationTarget.parse("admin/realms/acme/users/0b1c/impersonation/"));
    }

    @Test
    void otherPathsAndImplausibleIdsAreNotOurs() {
        assertNull(ImpersonationTarget.parse("/admin/realms/acme/users/0b1c"));
        assertNull(ImpersonationTarget.parse("/admin/realms/acme/users/0b1c/impersonation/x"));
        assertNull(ImpersonationTarget.parse("/realms/acme/users/0b1c/impersonation"));
        assertNull(ImpersonationTarget.parse("/admin/realms/acme/users/a\u0000b/impersonation"));
        assertNull(ImpersonationTarget.parse("/admin/realms/acme/users/" + "a".repeat(300) + "/impersonation"));
        assertNull(ImpersonationTarget.parse(null));
    }

    @Test
    void theCallersRealmComesFromTheIssuer() {
        assertEquals("acme", ImpersonationCaller.issuerRealm(jwt("{\"iss\":\"https://id.example/realms/acme\"}")));
        assertEquals("master", ImpersonationCaller.issuerRealm(jwt("{\"iss\":\"http://h:8080/realms/master\"}")));
        assertNull(ImpersonationCaller.issuerRealm(jwt("{\"iss\":\"https://id.example/\"}")));
        assertNull(ImpersonationCaller.issuerRealm(jwt("{\"sub\":\"x\"}")));
        assertNull(ImpersonationCaller.issuerRealm(jwt("{\"iss\":\"https://h/realms/a\\u0000b\"}")));
        assertNull(ImpersonationCaller.issuerRealm("not.a.jwt"));
        assertNull(ImpersonationCaller.issuerRealm(""));
    }

    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes()) + "." + b64.encodeToString(payload.getBytes())
                + ".c2ln";
    }
}
