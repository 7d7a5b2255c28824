package io.usso.keycloak.apikeys.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.rest.ApiKeyRequests;
import io.usso.keycloak.common.UssoScopes;

class AccountFormsTest {

    private static String error(String name, List<String> scopes, String days) {
        return assertThrows(ApiKeyRequestException.class, () -> AccountForms.createRequest(name, scopes, days)).error();
    }

    @Test
    void aFilledFormBecomesTheSameRequestAsTheJsonApi() {
        ApiKeyRequests.CreateRequest request = AccountForms.createRequest("  backup script ",
                List.of("read:media/files", "create:media/files"), " 30 ");
        assertEquals("backup script", request.name());
        assertEquals(List.of("read:media/files", "create:media/files"), UssoScopes.toStrings(request.scopes()));
        assertEquals(30, request.expiresInDays());
    }

    @Test
    void anEmptyLifetimeMeansTheTenantDefault() {
        assertNull(AccountForms.createRequest("k", List.of("read:x"), "").expiresInDays());
        assertNull(AccountForms.createRequest("k", List.of("read:x"), null).expiresInDays());
    }

    @Test
    void badFormsAreRefusedLikeBadJson() {
        assertEquals(ApiKeyRequests.INVALID_REQUEST, error(null, List.of("read:x"), null));
        assertEquals(ApiKeyRequests.INVALID_REQUEST, error("   ", List.of("read:x"), null));
        assertEquals(ApiKeyRequests.INVALID_REQUEST, error("x".repeat(256), List.of("read:x"), null));
        assertEquals(ApiKeyRequests.INVALID_REQUEST, error("tab\tname", List.of("read:x"), null));
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, error("k", List.of(), null));
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, error("k", null, null));
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, error("k", List.of("not a scope"), null));
        assertEquals(ApiKeyRequestException.INVALID_SCOPE, error("k", Arrays.asList(new String[101]), null));
        for (String days : List.of("0", "-3", "1.5", "abc", "36501", "99999999999999999999", "３")) {
            assertEquals(ApiKeyRequestException.INVALID_LIFETIME, error("k", List.of("read:x"), days), days);
        }
    }
}
