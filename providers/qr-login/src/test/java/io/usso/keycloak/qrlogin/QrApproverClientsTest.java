package io.usso.keycloak.qrlogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;

class QrApproverClientsTest {

    private static ClientModel client(String clientId) {
        ClientModel client = mock(ClientModel.class);
        when(client.getClientId()).thenReturn(clientId);
        return client;
    }

    @Test
    void withoutARestrictionEveryCallerAndTheWebPagesMayApprove() {
        assertFalse(QrLoginConfig.DEFAULTS.restrictsApprovers());
        assertTrue(QrApproverClients.accepts(QrLoginConfig.DEFAULTS, client("any-app")));
        assertTrue(QrApproverClients.accepts(QrLoginConfig.DEFAULTS, null));
    }

    @Test
    void aRestrictionAcceptsOnlyTheListedClientsAndNeverTheWebPages() {
        QrLoginConfig config = QrLoginConfig.of(Map.of(QrLoginConfig.APPROVER_CLIENTS, "tenant-app##tenant-ios"));
        assertEquals(Set.of("tenant-app", "tenant-ios"), config.approverClients());
        assertTrue(QrApproverClients.accepts(config, client("tenant-ios")));
        assertFalse(QrApproverClients.accepts(config, client("admin-cli")));
        assertFalse(QrApproverClients.accepts(config, null), "cookie confirm page");
    }

    @Test
    void theRealmWideSettingIsRestrictedWhenAnyExecutionIs() {
        QrLoginConfig open = QrLoginConfig.DEFAULTS;
        QrLoginConfig appOnly = QrLoginConfig.of(Map.of(QrLoginConfig.APPROVER_CLIENTS, "tenant-app"));
        QrLoginConfig strictest = QrLoginConfig.strictest(List.of(open, appOnly));
        assertTrue(strictest.restrictsApprovers());
        assertEquals(Set.of("tenant-app"), strictest.approverClients());
    }
}
