package io.usso.keycloak.apikeys.agents;

import java.util.function.BooleanSupplier;

import jakarta.ws.rs.ForbiddenException;

import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;
import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.auth.TokenPolicy;

/**
 * The caller of the agents endpoint: a bearer access token of this realm, and Keycloak's admin permission
 * evaluator for it, so that the {@code realm-management} roles ({@code manage-clients}, {@code view-clients},
 * {@code manage-users}) and fine-grained admin permissions decide, exactly as for the admin REST API.
 */
final class AgentCaller implements AgentRoleGrants.Authority {


    private final AuthResult auth;
    private final AdminAuth adminAuth;
    private final AdminPermissionEvaluator permissions;
    private final JsonReply refusal;

    private AgentCaller(AuthResult auth, AdminAuth adminAuth, AdminPermissionEvaluator permissions,
            JsonReply refusal) {
        this.auth = auth;
        this.adminAuth = adminAuth;
        this.permissions = permissions;
        this.refusal = refusal;
    }

    /**
     * @param session the request's session
     * @param realm this realm
     * @param policy what the endpoint needs of the token ({@link io.usso.keycloak.common.auth.UssoEndpoints})
     * @return the caller; its {@link #refusal()} is set when the token is missing, invalid or not issued for this
     *         endpoint (API-key, session-less and transient tokens never manage agents)
     */
    static AgentCaller authenticate(KeycloakSession session, RealmModel realm, TokenPolicy policy) {
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, policy);
        if (!authorization.ok()) {
            return new AgentCaller(null, null, null, authorization.reply());
        }
        AuthResult auth = authorization.auth();
        AdminAuth adminAuth = new AdminAuth(realm, auth.token(), auth.user(), auth.client());
        try {
            return new AgentCaller(auth, adminAuth, AdminPermissions.evaluator(session, realm, adminAuth), null);
        } catch (ForbiddenException e) {
            return new AgentCaller(auth, adminAuth, null, null);
        }
    }

    /** @return the answer refusing the caller, or null when the token may call the endpoint */
    JsonReply refusal() {
        return refusal;
    }

    /** @return the caller's user (a person, or the service account of an automation client) */
    UserModel user() {
        return auth.user();
    }

    /** @return the client the caller's token was issued to, may be null */
    ClientModel client() {
        return auth.client();
    }

    /** @return the admin identity, for client policies */
    AdminAuth adminAuth() {
        return adminAuth;
    }

    /** @return whether the caller may create clients ({@code manage-clients} or equivalent) */
    boolean canManageClients() {
        return check(() -> permissions.clients().canManage());
    }

    /** @return whether the caller may see all clients ({@code view-clients} or {@code manage-clients}) */
    boolean canViewClients() {
        return check(() -> permissions.clients().canView() || permissions.clients().canManage());
    }

    /**
     * @param client a client of this realm
     * @return whether the caller may change or delete it
     */
    boolean canManage(ClientModel client) {
        return check(() -> permissions.clients().canManage(client));
    }

    /**
     * @param client a client of this realm
     * @return whether the caller may see it
     */
    boolean canView(ClientModel client) {
        return check(() -> permissions.clients().canView(client));
    }

    @Override
    public boolean holds(RoleModel role) {
        return auth.user().hasRole(role);
    }

    @Override
    public boolean mayMap(RoleModel role) {
        return check(() -> permissions.roles().canMapRole(role));
    }

    @Override
    public boolean isAdministrative(RoleModel role) {
        return AdminRoles.isAdminRoleOrComposite(role);
    }

    private boolean check(BooleanSupplier question) {
        if (permissions == null) {
            return false;
        }
        try {
            return question.getAsBoolean();
        } catch (ForbiddenException e) {
            return false;
        }
    }
}
