package io.usso.keycloak.claims;

import static io.usso.keycloak.claims.Fixtures.clientRole;
import static io.usso.keycloak.claims.Fixtures.realmRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RoleModel;

class RolesClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final RolesClaimMapper mapper = new RolesClaimMapper();
    private final RoleModel defaultRole = realmRole("r-default", "default-roles-acme");

    @BeforeEach
    void setUp() {
        when(f.realm.getDefaultRole()).thenReturn(defaultRole);
        // A role the user holds but that is outside the client's scope: must never show up.
        RoleModel outOfScope = realmRole("r-secret", "billing-admin");
        when(f.user.getRealmRoleMappingsStream()).thenAnswer(i -> Stream.of(outOfScope));
        when(f.user.getRoleMappingsStream()).thenAnswer(i -> Stream.of(outOfScope));
        f.rolesInScope(
                realmRole("r-z", "zeta"),
                defaultRole,
                realmRole("r-offline", "offline_access"),
                realmRole("r-a", "alpha"),
                realmRole("r-a", "alpha"),
                clientRole("media-app", "uploader"));
    }

    private Object rolesClaim(ProtocolMapperModel model) {
        return f.access(mapper, model).getOtherClaims().get("roles");
    }

    @Test
    void realmRolesInScopeSortedDeduplicatedWithoutDefaultRole() {
        assertEquals(List.of("alpha", "offline_access", "zeta"), rolesClaim(RolesClaimMapper.create("roles")));
        verify(f.user, never()).getRealmRoleMappingsStream();
        verify(f.user, never()).getRoleMappingsStream();
    }

    @Test
    void defaultRoleKeptWhenNotExcluded() {
        assertEquals(List.of("alpha", "default-roles-acme", "offline_access", "zeta"),
                rolesClaim(RolesClaimMapper.create("roles", false, false)));
    }

    @Test
    void clientRolesAsClientIdColonRole() {
        assertEquals(List.of("alpha", "media-app:uploader", "offline_access", "zeta"),
                rolesClaim(RolesClaimMapper.create("roles", true, true)));
    }

    @Test
    void defaultRoleRecognisedByNameWhenRealmHasNoDefaultRoleModel() {
        when(f.realm.getDefaultRole()).thenReturn(null);
        assertEquals(List.of("alpha", "offline_access", "zeta"), rolesClaim(RolesClaimMapper.create("roles")));
    }

    @Test
    void noRolesInScopeOmitsClaim() {
        f.rolesInScope();
        assertFalse(f.access(mapper, RolesClaimMapper.create("roles")).getOtherClaims().containsKey("roles"));
    }
}
