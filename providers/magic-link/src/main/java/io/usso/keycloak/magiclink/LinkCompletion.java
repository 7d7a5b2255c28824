package io.usso.keycloak.magiclink;

import java.util.Objects;

import jakarta.ws.rs.core.Cookie;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.UssoAmr;

/**
 * Completes a login from a confirmed link: either the confirmation waiting for this authentication session (keyed
 * by its waiting handle) or a one-time reference handed to the authorization endpoint (API links, second device),
 * which must come with the browser-binding cookie set when the link was confirmed. Each is taken from the store
 * once. Checks tenant, client and session, resolves (or, for a registration link, creates) the user, records the
 * AMR value {@link UssoAmr#EMAIL_LINK} and lets the flow go on (required actions, further factors).
 */
final class LinkCompletion {

    private final AuthenticationFlowContext context;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final MagicLinkConfig config;
    private final MagicLinkStore store;

    LinkCompletion(AuthenticationFlowContext context, MagicLinkConfig config) {
        this.context = context;
        this.session = context.getSession();
        this.realm = context.getRealm();
        this.config = config;
        this.store = new MagicLinkStore(session.singleUseObjects());
    }

    /**
     * @param handle this session's waiting handle
     * @return true when the login was completed ({@code context.success()} called)
     */
    boolean fromConfirmation(String handle) {
        if (store.status(LinkSecrets.hash(handle)) == ConfirmationState.REFUSED) {
            return false; // refused on another device: left for the waiting page to show
        }
        Confirmation confirmation = store.takeConfirmation(LinkSecrets.hash(handle));
        if (confirmation == null) {
            return false;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        LinkGrant grant = confirmation.grant();
        if (!Objects.equals(grant.rootSessionId(), authSession.getParentSession().getId())
                || !Objects.equals(grant.tabId(), authSession.getTabId()) || !matchesClientAndRealm(grant)) {
            reject(MagicLinkEvents.REASON_MISMATCH, grant);
            return false;
        }
        return complete(grant);
    }

    /**
     * @param reference the one-time reference from the authorization request
     * @return true when the login was completed
     */
    boolean fromReference(String reference) {
        if (!LinkSecrets.isWellFormed(reference)) {
            reject(LinkCheck.INVALID.reason(), null);
            return false;
        }
        Confirmation confirmation = store.takeReference(LinkSecrets.hash(reference));
        if (confirmation == null) {
            reject(LinkCheck.INVALID.reason(), null);
            return false;
        }
        Cookie cookie = context.getHttpRequest().getHttpHeaders().getCookies().get(LinkUrls.BINDING_COOKIE);
        String presented = cookie == null || !LinkSecrets.isWellFormed(cookie.getValue()) ? null
                : LinkSecrets.hash(cookie.getValue());
        if (!LinkSecrets.same(presented, confirmation.bindingHash())) {
            reject(MagicLinkEvents.REASON_OTHER_BROWSER, confirmation.grant());
            return false;
        }
        if (!matchesClientAndRealm(confirmation.grant())) {
            reject(MagicLinkEvents.REASON_MISMATCH, confirmation.grant());
            return false;
        }
        return complete(confirmation.grant());
    }

    private boolean matchesClientAndRealm(LinkGrant grant) {
        return realm.getId().equals(grant.realmId())
                && grant.clientId().equals(context.getAuthenticationSession().getClient().getClientId());
    }

    private boolean complete(LinkGrant grant) {
        UserModel user;
        if (grant.userId() != null) {
            user = session.users().getUserById(realm, grant.userId());
            if (user == null || !user.isEnabled()) {
                reject(MagicLinkEvents.REASON_USER_DISABLED, grant);
                return false;
            }
            if (!user.isEmailVerified()) {
                // the address is unproven (or was changed since the link was sent): never sign in by it
                reject(MagicLinkEvents.REASON_EMAIL_NOT_VERIFIED, grant);
                return false;
            }
        } else if (grant.isRegistration()) {
            user = register(grant);
            if (user == null) {
                return false;
            }
        } else {
            reject(LinkCheck.INVALID.reason(), grant);
            return false;
        }
        UserModel identified = context.getUser();
        if (identified != null && !identified.getId().equals(user.getId())) {
            // an earlier step identified someone else: a link never switches the account being signed in
            reject(MagicLinkEvents.REASON_MISMATCH, grant);
            return false;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        context.setUser(user);
        UssoAmr.record(authSession, UssoAmr.EMAIL_LINK);
        MagicLinkAuthenticator.clearNotes(authSession);
        context.getEvent().user(user)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.USED)
                .detail(MagicLinkEvents.DETAIL_AUTH_METHOD, MagicLinkEvents.AUTH_METHOD);
        context.success();
        return true;
    }

    /** Creates the account of a registration link (its address counts as verified), or finds it if it exists now. */
    private UserModel register(LinkGrant grant) {
        String email = grant.email();
        UserModel existing = session.users().getUserByEmail(realm, email);
        if (existing != null) {
            // registered meanwhile (another link, an admin): the link still proves control of this address
            if (!existing.isEnabled()) {
                reject(MagicLinkEvents.REASON_USER_DISABLED, grant);
                return null;
            }
            if (!existing.isEmailVerified()) {
                // pre-account hijacking: someone created this account with the address but never proved it
                reject(MagicLinkEvents.REASON_REGISTRATION_REFUSED, grant);
                return null;
            }
            return existing;
        }
        if (!config.allowRegistration() || !realm.isRegistrationAllowed()
                || session.users().getUserByUsername(realm, email) != null) {
            reject(MagicLinkEvents.REASON_REGISTRATION_REFUSED, grant);
            return null;
        }
        UserModel user = session.users().addUser(realm, email);
        user.setEnabled(true);
        user.setEmail(email);
        user.setEmailVerified(true);
        context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.USERNAME, email)
                .detail(Details.EMAIL, email)
                .detail(Details.REGISTER_METHOD, MagicLinkEvents.AUTH_METHOD)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.USED)
                .success();
        return user;
    }

    private void reject(String reason, LinkGrant grant) {
        EventBuilder event = context.getEvent().clone().event(EventType.LOGIN_ERROR)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.REJECTED)
                .detail(MagicLinkEvents.DETAIL_REASON, reason)
                .detail(MagicLinkEvents.DETAIL_AUTH_METHOD, MagicLinkEvents.AUTH_METHOD);
        if (grant != null && grant.userId() != null) {
            event.user(grant.userId());
        }
        event.error(reason);
    }
}
