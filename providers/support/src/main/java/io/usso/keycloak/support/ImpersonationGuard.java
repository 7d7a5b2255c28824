package io.usso.keycloak.support;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * What USSO adds to Keycloak's impersonation check: a reason of the tenant's length, and no escalation (a user of the
 * tenant may not impersonate someone holding administration roles they lack). Server operators (the master realm)
 * are above every tenant and need only the reason. Refusals are {@code IMPERSONATE_ERROR} events; an accepted reason
 * is left in the session for {@link ImpersonationNoticeListener}.
 */
public final class ImpersonationGuard {

    /** Event error: no or a bad reason. */
    public static final String ERROR_REASON = "usso_impersonation_reason";
    /** Event error: the target holds administration roles the caller lacks. */
    public static final String ERROR_ESCALATION = "usso_impersonation_escalation";

    private static final Logger LOG = Logger.getLogger(ImpersonationGuard.class);

    private final KeycloakSession session;

    /** @param session the request's session */
    public ImpersonationGuard(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @param target realm and user of the request
     * @param authorization its {@code Authorization} header
     * @param body its body, as read (at most {@value ImpersonationReason#MAX_BODY_BYTES} + 1 bytes)
     * @param reasonHeader its {@value ImpersonationNotes#REASON_HEADER} header
     * @return a refusal, or null to let Keycloak decide (unknown realm, user or caller: Keycloak answers in its words)
     */
    public JsonReply check(ImpersonationTarget target, String authorization, byte[] body, String reasonHeader) {
        RealmModel realm = session.realms().getRealmByName(target.realm());
        if (realm == null) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, target.userId());
        if (user == null) {
            return null;
        }
        ImpersonationCaller caller = ImpersonationCaller.of(session, authorization);
        if (caller == null) {
            return null;
        }
        boolean sameTenant = caller.realm().getId().equals(realm.getId());
        boolean operator = Config.getAdminRealm().equals(caller.realm().getName());
        if (!sameTenant && !operator) {
            return null;
        }
        ImpersonationReason.Read read = ImpersonationReason.read(body, reasonHeader);
        String reason = ImpersonationPolicy.normalise(read.reason());
        String problem = read.problem() != null ? read.problem()
                : ImpersonationPolicy.reasonProblem(reason, TenantSecuritySettings.of(realm)
                        .impersonationReasonMinLength());
        if (problem != null) {
            refused(realm, user, caller, ERROR_REASON);
            return JsonReply.error(400, "invalid_request", problem);
        }
        if (sameTenant) {
            ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
            List<String> beyond = management == null ? List.of()
                    : ImpersonationPolicy.rolesBeyondCaller(management.getRolesStream(), user, caller.user());
            if (!beyond.isEmpty()) {
                refused(realm, user, caller, ERROR_ESCALATION);
                LOG.warnf("refused impersonation in realm %s: %s lacks administration roles of the target %s",
                        realm.getName(), caller.user().getUsername(), beyond);
                return JsonReply.error(403, "access_denied", "this user holds administration roles you do not "
                        + beyond + "; impersonating them would give you their power");
            }
        }
        if (reason != null) {
            session.setAttribute(ImpersonationNotes.REASON_ATTRIBUTE, reason);
        }
        return null;
    }

    private void refused(RealmModel realm, UserModel user, ImpersonationCaller caller, String error) {
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.IMPERSONATE)
                .user(user).detail(Details.IMPERSONATOR_REALM, caller.realm().getName())
                .detail(Details.IMPERSONATOR, caller.user().getUsername()).error(error);
    }
}
