package io.usso.keycloak.roleexpiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.roleexpiry.store.RoleExpiryEntity;

/** The expiry path's race: of two requests seeing the same expired row, only the one that deletes it acts. */
class RoleExpiryServiceTest {

    private KeycloakSession session;
    private RealmModel realm;
    private UserModel user;
    private RoleModel role;
    private Query delete;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        realm = mock(RealmModel.class, RETURNS_DEEP_STUBS);
        when(realm.getId()).thenReturn("realm-1");
        when(realm.getName()).thenReturn("tenant");
        user = mock(UserModel.class);
        when(user.getId()).thenReturn("user-1");
        role = mock(RoleModel.class);
        when(role.getId()).thenReturn("role-1");
        when(role.getName()).thenReturn("auditor");
        when(role.getContainer()).thenReturn(realm);
        when(session.roles().getRoleById(realm, "role-1")).thenReturn(role);

        EntityManager em = mock(EntityManager.class);
        JpaConnectionProvider jpa = mock(JpaConnectionProvider.class);
        when(jpa.getEntityManager()).thenReturn(em);
        doReturn(jpa).when(session).getProvider(JpaConnectionProvider.class);
        RoleExpiryEntity row = new RoleExpiryEntity();
        row.setId("row-1");
        row.setRealmId("realm-1");
        row.setUserId("user-1");
        row.setRoleId("role-1");
        row.setExpiresAt(100);
        TypedQuery<RoleExpiryEntity> due = mock(TypedQuery.class);
        when(due.setParameter(anyString(), any())).thenReturn(due);
        when(due.getResultList()).thenReturn(List.of(row));
        when(em.createNamedQuery(RoleExpiryEntity.EXPIRED_FOR_USER, RoleExpiryEntity.class)).thenReturn(due);
        delete = mock(Query.class);
        when(delete.setParameter(anyString(), any())).thenReturn(delete);
        when(em.createNamedQuery(RoleExpiryEntity.DELETE_BY_ID)).thenReturn(delete);
    }

    @Test
    void theRequestThatDeletesTheRowRemovesTheMapping() {
        when(delete.executeUpdate()).thenReturn(1);
        when(user.hasDirectRole(role)).thenReturn(true);

        Set<String> expired = new RoleExpiryService(session, realm).expireDue(user, RoleExpiryEvents.TRIGGER_TOKEN);

        assertEquals(Set.of("role-1"), expired);
        verify(user).deleteRoleMapping(role);
    }

    @Test
    void aRequestThatLostTheRaceLeavesTheMappingAloneButStillFiltersTheRole() {
        when(delete.executeUpdate()).thenReturn(0);
        when(user.hasDirectRole(role)).thenReturn(true);

        Set<String> expired = new RoleExpiryService(session, realm).expireDue(user, RoleExpiryEvents.TRIGGER_TOKEN);

        assertEquals(Set.of("role-1"), expired);
        verify(user, never()).deleteRoleMapping(role);
    }
}
