package io.usso.keycloak.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;

class GrantClientsTest {

    private static final GrantClients CONFIDENTIAL_ONLY = new GrantClients("usso:x", "usso.x", false);
    private static final GrantClients PUBLIC_TOO = new GrantClients("usso:x", "usso.x", true);

    private static ClientModel client(boolean publicClient, String attribute, Map<String, ClientScopeModel> defaults,
            Map<String, ClientScopeModel> optional) {
        ClientModel c = mock(ClientModel.class);
        when(c.isPublicClient()).thenReturn(publicClient);
        when(c.getAttribute("usso.x")).thenReturn(attribute);
        when(c.getClientScopes(true)).thenReturn(defaults);
        when(c.getClientScopes(false)).thenReturn(optional);
        return c;
    }

    @Test
    void nobodyUnlessOptedIn() {
        assertFalse(CONFIDENTIAL_ONLY.allowed(null));
        assertFalse(CONFIDENTIAL_ONLY.allowed(client(false, null, Map.of(), Map.of())));
        assertFalse(CONFIDENTIAL_ONLY.allowed(client(false, "yes", Map.of(), null)));
    }

    @Test
    void attributeOrEitherKindOfScopeOptsIn() {
        ClientScopeModel scope = mock(ClientScopeModel.class);
        assertTrue(CONFIDENTIAL_ONLY.allowed(client(false, "TRUE", Map.of(), Map.of())));
        assertTrue(CONFIDENTIAL_ONLY.allowed(client(false, null, Map.of("usso:x", scope), Map.of())));
        assertTrue(CONFIDENTIAL_ONLY.allowed(client(false, null, Map.of(), Map.of("usso:x", scope))));
    }

    @Test
    void publicClientsOnlyWhereTheGrantAllowsThem() {
        assertFalse(CONFIDENTIAL_ONLY.allowed(client(true, "true", Map.of(), Map.of())));
        assertTrue(PUBLIC_TOO.allowed(client(true, "true", Map.of(), Map.of())));
        ClientModel bearerOnly = client(false, "true", Map.of(), Map.of());
        when(bearerOnly.isBearerOnly()).thenReturn(true);
        assertFalse(PUBLIC_TOO.allowed(bearerOnly));
    }
}
