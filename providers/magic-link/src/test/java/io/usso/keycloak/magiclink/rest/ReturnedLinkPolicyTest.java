package io.usso.keycloak.magiclink.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.magiclink.MagicLinkConfig;
import io.usso.keycloak.magiclink.MagicLinkEvents;

class ReturnedLinkPolicyTest {

    private final RealmModel realm = mock(RealmModel.class);
    private final ClientModel management = mock(ClientModel.class);
    private final RoleModel viewUsers = mock(RoleModel.class);
    private final RoleModel admin = mock(RoleModel.class);
    private final RoleModel support = mock(RoleModel.class);
    private final UserModel user = mock(UserModel.class);
    private final ClientModel app = mock(ClientModel.class);

    @BeforeEach
    void realmWithManagementRoles() {
        when(realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID)).thenReturn(management);
        when(management.getRolesStream()).thenAnswer(i -> Stream.of(viewUsers));
        when(realm.getRole(ReturnedLinkPolicy.ADMIN_ROLE)).thenReturn(admin);
        when(realm.getRole("support")).thenReturn(support);
        when(user.hasRole(any())).thenReturn(false);
        when(app.getClientId()).thenReturn("invite-app");
    }

    @Test
    void noClientMayReceiveLinksUnlessTheTenantListsIt() {
        assertEquals(MagicLinkEvents.REASON_CLIENT_NOT_ALLOWED,
                ReturnedLinkPolicy.clientRefusal(MagicLinkConfig.defaults(), app));
        assertEquals(MagicLinkEvents.REASON_CLIENT_NOT_ALLOWED, ReturnedLinkPolicy.clientRefusal(
                MagicLinkConfig.parse(Map.of(MagicLinkConfig.API_LINK_CLIENTS, "crm")), app));
        assertNull(ReturnedLinkPolicy.clientRefusal(
                MagicLinkConfig.parse(Map.of(MagicLinkConfig.API_LINK_CLIENTS, "crm##invite-app")), app));
    }

    @Test
    void anOrdinaryAccountOrANewRegistrationMayGetALink() {
        assertNull(ReturnedLinkPolicy.userRefusal(realm, MagicLinkConfig.defaults(), user));
        assertNull(ReturnedLinkPolicy.userRefusal(realm, MagicLinkConfig.defaults(), null));
    }

    @Test
    void anyRealmManagementRoleEvenThroughAGroupOrCompositeRefuses() {
        when(user.hasRole(viewUsers)).thenReturn(true);
        assertEquals(MagicLinkEvents.REASON_PRIVILEGED_USER,
                ReturnedLinkPolicy.userRefusal(realm, MagicLinkConfig.defaults(), user));
    }

    @Test
    void theAdminRoleRefuses() {
        when(user.hasRole(admin)).thenReturn(true);
        assertEquals(MagicLinkEvents.REASON_PRIVILEGED_USER,
                ReturnedLinkPolicy.userRefusal(realm, MagicLinkConfig.defaults(), user));
    }

    @Test
    void aRoleTheTenantMarksRefusesOnlyWhenMarked() {
        when(user.hasRole(support)).thenReturn(true);
        assertNull(ReturnedLinkPolicy.userRefusal(realm, MagicLinkConfig.defaults(), user));
        MagicLinkConfig marked = MagicLinkConfig.parse(Map.of(MagicLinkConfig.API_LINK_DENIED_ROLES, "support"));
        assertEquals(MagicLinkEvents.REASON_PRIVILEGED_USER, ReturnedLinkPolicy.userRefusal(realm, marked, user));
    }

    @Test
    void aMarkedClientRoleIsNamedClientSlashRole() {
        ClientModel billing = mock(ClientModel.class);
        RoleModel refunds = mock(RoleModel.class);
        when(realm.getClientByClientId("billing")).thenReturn(billing);
        when(billing.getRole("refunds")).thenReturn(refunds);
        when(user.hasRole(refunds)).thenReturn(true);
        MagicLinkConfig marked = MagicLinkConfig.parse(Map.of(MagicLinkConfig.API_LINK_DENIED_ROLES,
                "billing/refunds##nobody/none"));
        assertEquals(MagicLinkEvents.REASON_PRIVILEGED_USER, ReturnedLinkPolicy.userRefusal(realm, marked, user));
    }
}
