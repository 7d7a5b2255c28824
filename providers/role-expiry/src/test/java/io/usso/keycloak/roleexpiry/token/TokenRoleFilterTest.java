package io.usso.keycloak.roleexpiry.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class TokenRoleFilterTest {

    private static AccessToken token() {
        AccessToken token = new AccessToken();
        AccessToken.Access realm = new AccessToken.Access();
        realm.addRole("auditor");
        realm.addRole("user");
        token.setRealmAccess(realm);
        token.addAccess("billing").addRole("invoice-admin");
        token.addAccess("crm").addRole("viewer").addRole("editor");
        token.getOtherClaims().put("roles", new ArrayList<>(List.of("auditor", "billing:invoice-admin", "user")));
        token.getOtherClaims().put("scopes", new ArrayList<>(List.of("read:audit", "read:profile")));
        return token;
    }

    @Test
    void expiredRolesLeaveEveryRoleClaim() {
        AccessToken token = token();
        TokenRoleFilter.apply(token, Set.of("auditor"), Map.of("billing", Set.of("invoice-admin"),
                "crm", Set.of("editor")), List.of("read:audit"));
        assertEquals(Set.of("user"), token.getRealmAccess().getRoles());
        assertFalse(token.getResourceAccess().containsKey("billing"), "an emptied client entry goes");
        assertEquals(Set.of("viewer"), token.getResourceAccess("crm").getRoles());
        assertEquals(List.of("user"), token.getOtherClaims().get("roles"));
        assertEquals(List.of("read:profile"), token.getOtherClaims().get("scopes"));
    }

    @Test
    void nothingExpiredChangesNothing() {
        AccessToken token = token();
        TokenRoleFilter.apply(token, Set.of(), Map.of(), List.of());
        assertEquals(Set.of("auditor", "user"), token.getRealmAccess().getRoles());
        assertEquals(Set.of("invoice-admin"), token.getResourceAccess("billing").getRoles());
        assertEquals(List.of("auditor", "billing:invoice-admin", "user"), token.getOtherClaims().get("roles"));
    }

    @Test
    void anEmptiedClaimIsOmittedAndAnIdTokenWorksToo() {
        IDToken token = new IDToken();
        token.getOtherClaims().put("roles", new ArrayList<>(List.of("auditor")));
        TokenRoleFilter.apply(token, Set.of("auditor"), Map.of(), List.of());
        assertNull(token.getOtherClaims().get("roles"));
    }

    @Test
    void aRealmRoleNamedLikeAClientRoleLabelIsNotConfused() {
        AccessToken token = token();
        TokenRoleFilter.apply(token, Set.of("invoice-admin"), Map.of(), List.of());
        assertEquals(List.of("auditor", "billing:invoice-admin", "user"), token.getOtherClaims().get("roles"));
    }
}
