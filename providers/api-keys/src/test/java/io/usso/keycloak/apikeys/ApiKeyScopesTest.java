package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.UssoScope;
import io.usso.keycloak.common.UssoScopes;

class ApiKeyScopesTest {

    private static List<UssoScope> scopes(String... raw) {
        return Arrays.stream(raw).map(UssoScope::parse).collect(Collectors.toList());
    }

    private static List<String> strings(List<UssoScope> scopes) {
        return UssoScopes.toStrings(scopes);
    }

    @Test
    void grantsHeldScopesAsRequestedAndReportsTheRest() {
        List<UssoScope> owner = scopes("manage:media/*", "read:billing?workspace_id=w1");
        ApiKeyScopes.Grant grant = ApiKeyScopes.grantable(owner, scopes(
                "read:media/files", "admin:media/files", "read:billing", "read:billing?workspace_id=w1",
                "read:media/files"));
        assertEquals(List.of("read:billing?workspace_id=w1", "read:media/files"), strings(grant.granted()),
                "stored as requested, not widened to manage:media/*");
        assertEquals(List.of("admin:media/files", "read:billing"), strings(grant.refused()));
        assertFalse(grant.isComplete());
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class, grant::requireComplete);
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, e.error());
        assertEquals("The key owner does not hold these scopes: admin:media/files, read:billing", e.getMessage());
    }

    @Test
    void completeGrant() {
        ApiKeyScopes.Grant grant = ApiKeyScopes.grantable(scopes("superadmin:*"), scopes("read:a", "owner:b/c?x=1"));
        assertTrue(grant.isComplete());
        assertEquals(List.of("owner:b/c?x=1", "read:a"), strings(grant.requireComplete()));
    }

    @Test
    void anOwnerWithoutScopesCanGrantNothing() {
        ApiKeyScopes.Grant grant = ApiKeyScopes.grantable(null, scopes("read:a"));
        assertTrue(grant.granted().isEmpty());
        assertEquals(List.of("read:a"), strings(grant.refused()));
    }

    @Test
    void explicitScopesAreRequired() {
        for (List<UssoScope> empty : Arrays.asList(null, List.<UssoScope>of(), Collections.<UssoScope>singletonList(null))) {
            ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                    () -> ApiKeyScopes.grantable(scopes("superadmin:*"), empty));
            assertEquals("Name at least one scope for the API key", e.getMessage());
        }
        assertThrows(ApiKeyRequestException.class, () -> ApiKeyScopes.parseRequested(List.of()));
        assertThrows(ApiKeyRequestException.class, () -> ApiKeyScopes.parseRequested(null));
    }

    @Test
    void atMostOneHundredScopes() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ApiKeyScopes.MAX_SCOPES; i++) {
            many.add("read:s" + i);
        }
        assertThrows(ApiKeyRequestException.class, () -> ApiKeyScopes.parseRequested(many));
        List<UssoScope> parsed = ApiKeyScopes.parseRequested(many.subList(0, ApiKeyScopes.MAX_SCOPES));
        assertEquals(ApiKeyScopes.MAX_SCOPES, parsed.size());
        List<UssoScope> tooMany = new ArrayList<>(parsed);
        tooMany.add(UssoScope.parse("read:one-more"));
        assertThrows(ApiKeyRequestException.class, () -> ApiKeyScopes.grantable(scopes("read:*"), tooMany));
    }

    @Test
    void parseRequestedIsStrictAndNamesTheBadElements() {
        assertEquals(List.of("read:a", "create:b?w=1"),
                strings(ApiKeyScopes.parseRequested(List.of("READ:a", " create:b?w=1 "))));
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyScopes.parseRequested(Arrays.asList("read:a", "read:a read:b", null, "write:x")));
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, e.error());
        assertTrue(e.getMessage().startsWith("3 invalid scopes: scopes[1]: "), e.getMessage());
        assertTrue(e.getMessage().contains("scopes[2]: "), e.getMessage());
        assertTrue(e.getMessage().contains("scopes[3]: "), e.getMessage());

        List<String> allBad = Collections.nCopies(8, "nonsense");
        ApiKeyRequestException many = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyScopes.parseRequested(allBad));
        assertTrue(many.getMessage().endsWith("(and 3 more)"), many.getMessage());
    }

    @Test
    void keyLosesAScopeWhenItsOwnerLosesTheRole() {
        List<UssoScope> key = scopes("read:media/files", "create:media/files", "read:billing");
        List<UssoScope> ownerBefore = scopes("manage:media/*", "read:billing");
        assertEquals(strings(key.stream().sorted().collect(Collectors.toList())),
                strings(ApiKeyScopes.effective(key, ownerBefore)));

        List<UssoScope> ownerAfterLosingEditor = scopes("read:media/*", "read:billing");
        assertEquals(List.of("read:billing", "read:media/files"),
                strings(ApiKeyScopes.effective(key, ownerAfterLosingEditor)));

        assertTrue(ApiKeyScopes.effective(key, List.of()).isEmpty(), "owner lost everything");
        assertTrue(ApiKeyScopes.effective(key, null).isEmpty());
        assertTrue(ApiKeyScopes.effective(null, ownerBefore).isEmpty());
    }

    @Test
    void keyNeverGainsWhatItsOwnerGainsLater() {
        List<UssoScope> key = scopes("read:media/files");
        List<UssoScope> ownerNow = scopes("superadmin:*", "read:billing", "manage:media/*");
        assertEquals(List.of("read:media/files"), strings(ApiKeyScopes.effective(key, ownerNow)));
    }

    @Test
    void aScopeOnlyPartlyCoveredNowIsDroppedNotNarrowed() {
        List<UssoScope> key = scopes("read:media", "read:billing?workspace_id=w1");
        List<UssoScope> ownerNow = scopes("read:media?workspace_id=w1", "read:billing");
        assertEquals(List.of("read:billing?workspace_id=w1"), strings(ApiKeyScopes.effective(key, ownerNow)));
    }

    @Test
    void effectiveIsAlwaysASubsetOfTheKeyCoveredByTheOwner() {
        List<UssoScope> universe = scopes("read:a", "create:a", "manage:a", "read:a/b", "read:a/*", "admin:*",
                "read:b?w=1", "read:b", "delete:b?w=2", "owner:c/d", "read:c/*", "update:c/d");
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            List<UssoScope> key = sample(universe, random);
            List<UssoScope> owner = sample(universe, random);
            List<UssoScope> effective = ApiKeyScopes.effective(key, owner);
            for (UssoScope scope : effective) {
                assertTrue(key.contains(scope), "gained " + scope);
                assertTrue(owner.stream().anyMatch(o -> o.implies(scope)), "not covered: " + scope);
            }
            for (UssoScope scope : key) {
                if (owner.stream().anyMatch(o -> o.implies(scope))) {
                    assertTrue(effective.contains(scope), "lost a covered scope " + scope);
                }
            }
            if (!key.isEmpty()) {
                ApiKeyScopes.Grant grant = ApiKeyScopes.grantable(owner, key);
                assertEquals(effective, grant.granted(), "creation and use apply the same rule");
            }
        }
    }

    private static List<UssoScope> sample(List<UssoScope> universe, Random random) {
        List<UssoScope> picked = new ArrayList<>();
        for (UssoScope scope : universe) {
            if (random.nextInt(3) == 0) {
                picked.add(scope);
            }
        }
        return picked;
    }
}
