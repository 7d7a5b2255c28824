package io.usso.keycloak.workspaces;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.storage.adapter.InMemoryUserAdapter;

import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.common.security.TenantSendBudget;

/**
 * Invites someone to a workspace with Keycloak's own organization invitation: a stored
 * {@link OrganizationInvitationModel} (listed, resent and revoked in the admin console), Keycloak's
 * {@link InviteOrgActionToken} (accepting it makes the person a member) and Keycloak's invitation e-mail
 * ({@code org-invite} template of the tenant's e-mail theme). A known e-mail address gets the link that joins
 * the existing account; an unknown one the registration link that creates the account and joins it.
 *
 * <p>Limits (cluster-wide, before anything is stored or sent; 429 with the seconds to wait): at most
 * {@value #PER_INVITER_PER_HOUR} invitations per inviter and hour, and the tenant's hourly e-mail budget
 * ({@link TenantSendBudget}, shared with magic links and e-mail codes).
 */
public final class WorkspaceInvitations {

    /** Most invitations one user sends per hour (all workspaces of the tenant). */
    public static final int PER_INVITER_PER_HOUR = 30;

    private static final Logger LOG = Logger.getLogger(WorkspaceInvitations.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the request's session
     * @param realm the tenant
     */
    public WorkspaceInvitations(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param org an enabled workspace
     * @param email a validated, lower-case e-mail address
     * @param inviter the user who invites
     * @param nowSeconds the moment
     * @return the invitation
     * @throws WorkspaceInputException 409 when the person is a member or has a pending invitation or the tenant
     *         has no mail server, 400 when the workspace is disabled, 503 when the mail server refused the mail
     */
    public OrganizationInvitationModel invite(OrganizationModel org, String email, UserModel inviter,
            long nowSeconds) {
        if (!org.isEnabled()) {
            throw WorkspaceInputException.invalid("The workspace is disabled");
        }
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            throw new WorkspaceInputException(409, "mail_not_configured",
                    "The tenant has no mail server: invitations cannot be sent");
        }
        InvitationManager invitations = session.getProvider(OrganizationProvider.class).getInvitationManager();
        OrganizationInvitationModel pending = invitations.getByEmail(org, email);
        if (pending != null) {
            if (!pending.isExpired()) {
                throw new WorkspaceInputException(409, "conflict", "This address has a pending invitation");
            }
            invitations.remove(pending.getId());
        }
        UserModel existing = session.users().getUserByEmail(realm, email);
        if (existing != null && org.isMember(existing)) {
            throw new WorkspaceInputException(409, "conflict", "This person is a member already");
        }
        long wait = new WindowCounter(session.singleUseObjects(), "usso-workspace-invites", realm.getId(), 3600)
                .acquire("inviter", inviter.getId(), PER_INVITER_PER_HOUR, nowSeconds);
        if (wait == 0) {
            wait = TenantSendBudget.of(session, realm).acquire(TenantSendBudget.Channel.EMAIL, nowSeconds);
        }
        if (wait > 0) {
            throw new WorkspaceInputException(429, "too_many_requests",
                    "Too many invitations: try again in " + wait + " seconds");
        }
        UserModel invitee = existing;
        if (invitee == null) {
            invitee = new InMemoryUserAdapter(session, realm, Workspaces.newId());
            invitee.setEmail(email);
        }
        OrganizationInvitationModel invitation = invitations.create(org, email, invitee.getFirstName(),
                invitee.getLastName());
        String token = token(org, invitee, invitation);
        String link = existing != null
                ? LoginActionsService.actionTokenProcessor(session.getContext().getUri()).queryParam("key", token)
                        .build(realm.getName()).toString()
                : OIDCLoginProtocolService.registrationsUrl(session.getContext().getUri().getBaseUriBuilder())
                        .queryParam(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OIDCLoginProtocol.CODE_PARAM)
                        .queryParam(OIDCLoginProtocol.CLIENT_ID_PARAM, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID)
                        .queryParam("token", token)
                        .buildFromMap(Map.of("realm", realm.getName(), "protocol", OIDCLoginProtocol.LOGIN_PROTOCOL))
                        .toString();
        invitation.setInviteLink(link);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(invitee)
                    .sendOrgInviteEmail(org, link, TimeUnit.SECONDS.toMinutes(lifespan()));
        } catch (EmailException e) {
            LOG.debugf("workspace invitation mail not sent: %s", e.getClass().getSimpleName());
            invitations.remove(invitation.getId());
            throw new WorkspaceInputException(503, "mail_failed", "The invitation e-mail could not be sent");
        }
        return invitation;
    }

    private String token(OrganizationModel org, UserModel invitee, OrganizationInvitationModel invitation) {
        InviteOrgActionToken token = new InviteOrgActionToken(invitee.getId(), invitation.getExpiresAt(),
                invitee.getEmail(), Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        token.setOrgId(org.getId());
        token.id(invitation.getId());
        String redirect = org.getRedirectUrl();
        if (redirect == null || redirect.isBlank()) {
            redirect = accountUrl();
        }
        token.setRedirectUri(redirect);
        return token.serialize(session, realm, session.getContext().getUri());
    }

    private String accountUrl() {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path("account").build().toString();
    }

    private int lifespan() {
        int lifespan = realm.getActionTokenGeneratedByAdminLifespan();
        return lifespan > 0 ? lifespan : Math.max(60, realm.getActionTokenGeneratedByUserLifespan());
    }
}
