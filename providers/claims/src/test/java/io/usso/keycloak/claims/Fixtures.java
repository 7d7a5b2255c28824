package io.usso.keycloak.claims;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/** Mocked Keycloak objects for mapper tests. */
final class Fixtures {

    final KeycloakSession session = mock(KeycloakSession.class);
    final KeycloakContext context = mock(KeycloakContext.class);
    final ClientModel client = mock(ClientModel.class);
    final RealmModel realm = mock(RealmModel.class);
    final UserModel user = mock(UserModel.class);
    final UserSessionModel userSession = mock(UserSessionModel.class);
    final ClientSessionContext clientSessionCtx = mock(ClientSessionContext.class);

    Fixtures() {
        when(session.getContext()).thenReturn(context);
        when(context.getClient()).thenReturn(client);
        when(context.getRealm()).thenReturn(realm);
        when(realm.getName()).thenReturn("acme");
        when(realm.getId()).thenReturn("2b5e0d8a-realm-id");
        when(user.getId()).thenReturn("user-123");
        when(userSession.getId()).thenReturn("session-456");
        when(userSession.getRealm()).thenReturn(realm);
        when(userSession.getUser()).thenReturn(user);
        when(user.getAttributeStream("usso.scopes")).thenAnswer(i -> Stream.empty());
        when(clientSessionCtx.getRolesStream()).thenAnswer(i -> Stream.empty());
    }

    /** Roles returned by {@link ClientSessionContext#getRolesStream()} (a fresh stream per call). */
    Fixtures rolesInScope(RoleModel... roles) {
        List<RoleModel> list = Arrays.asList(roles);
        when(clientSessionCtx.getRolesStream()).thenAnswer(i -> list.stream());
        return this;
    }

    /** {@code mapper} applied to a fresh access token with this fixture's session objects. */
    AccessToken access(AbstractOIDCProtocolMapper mapper, ProtocolMapperModel model) {
        return mapper.transformAccessToken(new AccessToken(), model, session, userSession, clientSessionCtx);
    }

    /** {@code mapper} applied to a fresh ID token with this fixture's session objects. */
    IDToken id(AbstractOIDCProtocolMapper mapper, ProtocolMapperModel model) {
        return mapper.transformIDToken(new IDToken(), model, session, userSession, clientSessionCtx);
    }

    /** {@code mapper} applied to a fresh userinfo response with this fixture's session objects. */
    AccessToken userInfo(AbstractOIDCProtocolMapper mapper, ProtocolMapperModel model) {
        return mapper.transformUserInfoToken(new AccessToken(), model, session, userSession, clientSessionCtx);
    }

    /** {@code mapper} applied to a fresh introspection response with this fixture's session objects. */
    AccessToken introspection(AbstractOIDCProtocolMapper mapper, ProtocolMapperModel model) {
        return mapper.transformIntrospectionToken(new AccessToken(), model, session, userSession, clientSessionCtx);
    }

    static RoleModel realmRole(String id, String name, String... scopeAttributeValues) {
        return role(id, name, false, scopeAttributeValues);
    }

    static RoleModel clientRole(String clientId, String name, String... scopeAttributeValues) {
        ClientModel owner = mock(ClientModel.class);
        when(owner.getClientId()).thenReturn(clientId);
        RoleModel role = role(clientId + "-" + name, name, true, scopeAttributeValues);
        when(role.getContainer()).thenReturn(owner);
        return role;
    }

    private static RoleModel role(String id, String name, boolean clientRole, String... scopeAttributeValues) {
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn(id);
        when(role.getName()).thenReturn(name);
        when(role.isClientRole()).thenReturn(clientRole);
        List<String> values = Arrays.asList(scopeAttributeValues);
        when(role.getAttributeStream("usso.scopes")).thenAnswer(i -> values.stream());
        return role;
    }
}
