package io.usso.keycloak.claims;

import static io.usso.keycloak.claims.Fixtures.clientRole;
import static io.usso.keycloak.claims.Fixtures.realmRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;

class ScopesClaimMapperTest {

    private final Fixtures f = new Fixtures();
    private final ScopesClaimMapper mapper = new ScopesClaimMapper();

    @BeforeEach
    void setUp() {
        f.rolesInScope(
                realmRole("r1", "editor", "read:media/files, create:media/files", "not-a-scope"),
                realmRole("r2", "default-roles-acme", "read:profile"),
                clientRole("billing-app", "payer", "manage:billing?workspace_id=w1 read:billing?workspace_id=w1"));
        when(f.user.getAttributeStream("usso.scopes")).thenAnswer(i -> Stream.of("admin:media/*"));
    }

    private Object scopesClaim(ProtocolMapperModel model) {
        return f.access(mapper, model).getOtherClaims().get("scopes");
    }

    @Test
    void rolesAndUserAttribute() {
        assertEquals(List.of("admin:media/*", "create:media/files", "manage:billing?workspace_id=w1",
                "read:billing?workspace_id=w1", "read:media/files", "read:profile"),
                scopesClaim(ScopesClaimMapper.create("scopes")));
    }

    @Test
    void withoutUserAttribute() {
        assertEquals(List.of("create:media/files", "manage:billing?workspace_id=w1",
                "read:billing?workspace_id=w1", "read:media/files", "read:profile"),
                scopesClaim(ScopesClaimMapper.create("scopes", false, false)));
    }

    @Test
    void collapsed() {
        assertEquals(List.of("admin:media/*", "manage:billing?workspace_id=w1", "read:profile"),
                scopesClaim(ScopesClaimMapper.create("scopes", true, true)));
    }
}
