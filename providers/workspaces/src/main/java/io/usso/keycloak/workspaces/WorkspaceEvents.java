package io.usso.keycloak.workspaces;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Workspace changes as Keycloak admin events of the organization (resource type {@code ORGANIZATION} or
 * {@code ORGANIZATION_MEMBERSHIP}, path {@code organizations/{id}/...}), so tenant admins find them in the admin
 * console's "Admin events"; the detail {@value #USSO_EVENT} says what happened, the acting user is the event's
 * user. No representation is attached (no e-mail addresses or settings in the event store).
 */
public final class WorkspaceEvents {

    /** Event detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    /** Event detail: the role a change is about. */
    public static final String DETAIL_ROLE = "workspace_role";
    /** Event detail: the member a change is about. */
    public static final String DETAIL_MEMBER = "member_id";

    /** Event detail: the template a workspace was created from, or the template a change is about. */
    public static final String DETAIL_TEMPLATE = "workspace_template";
    /** Admin event resource type of template changes. */
    public static final String TEMPLATE_RESOURCE = "USSO_WORKSPACE_TEMPLATE";
    /** {@value #USSO_EVENT}: a workspace template was created or replaced. */
    public static final String TEMPLATE_SAVED = "workspace_template_saved";
    /** {@value #USSO_EVENT}: a workspace template was deleted. */
    public static final String TEMPLATE_DELETED = "workspace_template_deleted";
    /** {@value #USSO_EVENT}: a workspace was created. */
    public static final String CREATED = "workspace_created";
    /** {@value #USSO_EVENT}: name, description, logo or settings changed. */
    public static final String UPDATED = "workspace_updated";
    /** {@value #USSO_EVENT}: a workspace was deleted. */
    public static final String DELETED = "workspace_deleted";
    /** {@value #USSO_EVENT}: someone was invited by e-mail. */
    public static final String INVITED = "workspace_member_invited";
    /** {@value #USSO_EVENT}: a member was removed. */
    public static final String MEMBER_REMOVED = "workspace_member_removed";
    /** {@value #USSO_EVENT}: a member left. */
    public static final String MEMBER_LEFT = "workspace_member_left";
    /** {@value #USSO_EVENT}: a custom role was created or a role's scopes changed. */
    public static final String ROLE_SAVED = "workspace_role_saved";
    /** {@value #USSO_EVENT}: a custom role was deleted. */
    public static final String ROLE_DELETED = "workspace_role_deleted";
    /** {@value #USSO_EVENT}: a member was given a role (or its expiry changed). */
    public static final String ROLE_GRANTED = "workspace_role_granted";
    /** {@value #USSO_EVENT}: a member's role was taken. */
    public static final String ROLE_REVOKED = "workspace_role_revoked";
    /** {@value #USSO_EVENT}: a service's scope catalog entry was set. */
    public static final String CATALOG_SET = "scope_catalog_set";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAuth actor;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param token the caller's token
     * @param user the caller
     * @param client the caller's client, may be null
     */
    public WorkspaceEvents(KeycloakSession session, RealmModel realm, AccessToken token, UserModel user,
            ClientModel client) {
        this.session = session;
        this.realm = realm;
        this.actor = new AdminAuth(realm, token, user, client);
    }

    /**
     * @param what the {@value #USSO_EVENT} value
     * @param operation create, update, delete or action
     * @param membership whether it is about a membership (else the workspace itself)
     * @param workspaceId the workspace
     * @param memberId the member it is about, may be null
     * @param role the role it is about, may be null
     */
    public void send(String what, OperationType operation, boolean membership, String workspaceId, String memberId,
            String role) {
        AdminEventBuilder event = new AdminEventBuilder(realm, actor, session, session.getContext().getConnection())
                .resource(membership ? ResourceType.ORGANIZATION_MEMBERSHIP : ResourceType.ORGANIZATION)
                .operation(operation);
        if (memberId != null) {
            event.resourcePath("organizations", workspaceId, "members", memberId);
            event.detail(DETAIL_MEMBER, memberId);
        } else {
            event.resourcePath("organizations", workspaceId);
        }
        if (role != null) {
            event.detail(DETAIL_ROLE, role);
        }
        event.detail(USSO_EVENT, what).success();
    }

    /**
     * A workspace was created ({@value #CREATED}), with the template it was created from.
     *
     * @param workspaceId the workspace
     * @param template the template's name, or null
     */
    public void created(String workspaceId, String template) {
        AdminEventBuilder event = new AdminEventBuilder(realm, actor, session, session.getContext().getConnection())
                .resource(ResourceType.ORGANIZATION).operation(OperationType.CREATE)
                .resourcePath("organizations", workspaceId);
        if (template != null) {
            event.detail(DETAIL_TEMPLATE, template);
        }
        event.detail(USSO_EVENT, CREATED).success();
    }

    /**
     * A workspace template was saved or deleted: resource type {@value #TEMPLATE_RESOURCE}, path
     * {@code workspace-templates/{name}}.
     *
     * @param what {@value #TEMPLATE_SAVED} or {@value #TEMPLATE_DELETED}
     * @param operation create, update or delete
     * @param template the template's name
     */
    public void template(String what, OperationType operation, String template) {
        new AdminEventBuilder(realm, actor, session, session.getContext().getConnection())
                .resource(TEMPLATE_RESOURCE).operation(operation).resourcePath("workspace-templates", template)
                .detail(DETAIL_TEMPLATE, template).detail(USSO_EVENT, what).success();
    }

    /**
     * A service's catalog entry was set: resource type {@code USSO_SCOPE_CATALOG}, path {@code scope-catalog/{service}}.
     *
     * @param service the service
     */
    public void catalogSet(String service) {
        new AdminEventBuilder(realm, actor, session, session.getContext().getConnection())
                .resource("USSO_SCOPE_CATALOG").operation(OperationType.UPDATE)
                .resourcePath("scope-catalog", service).detail(USSO_EVENT, CATALOG_SET).success();
    }
}
