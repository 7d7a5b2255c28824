package io.usso.keycloak.magiclink.rest;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.LookupIds;
import io.usso.keycloak.magiclink.AuthRequest;
import io.usso.keycloak.magiclink.CrossDeviceMode;
import io.usso.keycloak.magiclink.FlowLookup;
import io.usso.keycloak.magiclink.IssuedLink;
import io.usso.keycloak.magiclink.LinkGrant;
import io.usso.keycloak.magiclink.MagicLinkConfig;
import io.usso.keycloak.magiclink.MagicLinkEvents;
import io.usso.keycloak.magiclink.MagicLinkMailer;
import io.usso.keycloak.magiclink.MailJob;
import io.usso.keycloak.magiclink.SendLimiter;
import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.security.TenantSecuritySettings;
import io.usso.keycloak.common.auth.UssoEndpoints;

/**
 * {@code POST /realms/{realm}/magic-link} for trusted back ends: a bearer token of this realm whose user (usually a
 * service account) holds the realm role {@value #ROLE}. Checks, in order: caller (401/403), body (400), client and
 * redirect URI against the client's registered ones (400), PKCE when the client requires it (400), the magic-link
 * authenticator in the client's browser flow (409), lifetime within the tenant's API maximum (400), the account
 * (404; with registration on first link allowed, an unknown address gets a registration link), the per-address limit
 * when sending (429 + {@code Retry-After}). The link, once confirmed, goes through the authorization endpoint, so the
 * realm's remaining flow steps (required actions, MFA) still run.
 */
final class ApiLinkIssuer {

    /** Realm role a caller needs. */
    static final String ROLE = "issue-magic-links";


    private final KeycloakSession session;
    private final RealmModel realm;

    ApiLinkIssuer(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    JsonReply issue(InputStream body) {
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, UssoEndpoints.MAGIC_LINK_ISSUE);
        if (!authorization.ok()) {
            return authorization.reply();
        }
        AuthResult caller = authorization.auth();
        RoleModel role = realm.getRole(ROLE);
        if (role == null || !caller.user().hasRole(role)) {
            return JsonReply.error(403, "access_denied", "The caller needs the realm role " + ROLE);
        }
        try {
            return issue(caller, ApiIssueRequest.parse(body));
        } catch (ApiRequestException e) {
            return JsonReply.error(e.status(), e.error(), e.getMessage());
        }
    }

    private JsonReply issue(AuthResult caller, ApiIssueRequest request) {
        ClientModel client = LookupIds.plausible(request.clientId()) ? realm.getClientByClientId(request.clientId())
                : null;
        if (client == null || !client.isEnabled() || client.isBearerOnly() || !client.isStandardFlowEnabled()) {
            throw new ApiRequestException(400, "invalid_client",
                    "client_id is not an enabled client of this realm with the standard (code) flow");
        }
        String redirect = RedirectUtils.verifyRedirectUri(session, request.redirectUri(), client);
        if (redirect == null) {
            throw new ApiRequestException(400, "invalid_redirect_uri",
                    "redirect_uri is not one of the client's registered redirect URIs");
        }
        if (request.codeChallenge() == null && ContinueLogin.requiresPkce(client)) {
            throw new ApiRequestException(400, "invalid_request", "The client requires PKCE: pass code_challenge");
        }
        MagicLinkConfig config = FlowLookup.configFor(realm, client);
        if (config == null) {
            throw new ApiRequestException(409, "not_configured",
                    "The browser flow of this client has no enabled usso-magic-link step");
        }
        int lifetime = request.lifetimeSeconds() == null ? config.lifetimeSeconds() : request.lifetimeSeconds();
        if (lifetime < MagicLinkConfig.MIN_LIFETIME || lifetime > config.apiMaxLifetimeSeconds()) {
            throw new ApiRequestException(400, "invalid_lifetime", "lifetime must be between "
                    + MagicLinkConfig.MIN_LIFETIME + " and " + config.apiMaxLifetimeSeconds() + " seconds");
        }
        UserModel found = session.users().getUserByEmail(realm, request.email());
        // pre-account hijacking: an account whose address was never proven is never signed in by it (as unknown)
        UserModel user = found != null && found.isEmailVerified() ? found : null;
        boolean registration = found == null && config.allowRegistration() && realm.isRegistrationAllowed();
        if (user == null && !registration) {
            throw new ApiRequestException(404, "unknown_user",
                    "No account of this realm has this verified e-mail address");
        }
        if (user != null && !user.isEnabled()) {
            throw new ApiRequestException(409, "user_disabled", "The account is disabled");
        }
        if (!request.send()) {
            String refusal = ReturnedLinkPolicy.clientRefusal(config, client);
            if (refusal == null) {
                refusal = ReturnedLinkPolicy.userRefusal(realm, config, user);
            }
            if (refusal != null) {
                event(EventType.SEND_VERIFY_EMAIL_ERROR, caller, client, user)
                        .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.ISSUED)
                        .detail(MagicLinkEvents.DETAIL_REASON, refusal)
                        .error(refusal);
                return JsonReply.error(403, "access_denied", MagicLinkEvents.REASON_CLIENT_NOT_ALLOWED.equals(refusal)
                        ? "This tenant does not allow returned links (\"send\": false) for this client"
                        : "Links are never returned (\"send\": false) for accounts with administrative roles");
            }
        }
        long now = Time.currentTimeSeconds();
        if (request.send()) {
            // the caller is a trusted back end (no per-address limit); the account and the tenant's budget count
            SendLimiter.Limited limited = new SendLimiter(session.singleUseObjects(), realm.getId(), realm.getName(),
                    config, TenantSecuritySettings.of(realm)).acquire(request.email(), null,
                    user == null ? request.email() : "user:" + user.getId(), true, now);
            if (limited != null) {
                event(EventType.SEND_VERIFY_EMAIL_ERROR, caller, client, user)
                        .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.SENT)
                        .detail(MagicLinkEvents.DETAIL_REASON, MagicLinkEvents.REASON_RATE_LIMITED)
                        .detail(MagicLinkEvents.DETAIL_RATE_LIMIT, limited.dimension())
                        .error(MagicLinkEvents.REASON_RATE_LIMITED);
                return JsonReply.error(429, "too_many_requests", "Too many links for this address; retry later")
                        .withHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            }
        }
        String device = caller.client() == null ? client.getClientId()
                : (caller.client().getName() == null || caller.client().getName().isBlank()
                        ? caller.client().getClientId() : caller.client().getName());
        LinkGrant grant = new LinkGrant(LinkGrant.Origin.API, realm.getId(), client.getClientId(),
                user == null ? null : user.getId(), user == null ? request.email() : null, null, null, null, now,
                now + lifetime, device, null, CrossDeviceMode.RETURN_TO_FIRST_WINDOW,
                new AuthRequest(redirect, request.scope(), request.state(), request.nonce(), request.codeChallenge(),
                        request.codeChallengeMethod()));
        IssuedLink link = IssuedLink.issue(session, realm, grant, now);

        Map<String, Object> answer = new LinkedHashMap<>();
        if (request.send()) {
            MagicLinkMailer.sendAfterCommit(session, new MailJob(realm.getId(), grant.userId(), grant.email(),
                    client.getClientId(), link.url(), lifetime, device, now, null));
            answer.put("sent", true);
        } else {
            answer.put("link", link.url());
        }
        answer.put("expires_in", lifetime);
        answer.put("expires_at", grant.expiresAt());
        answer.put("registration", registration);
        event(EventType.SEND_VERIFY_EMAIL, caller, client, user)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, request.send() ? MagicLinkEvents.SENT : MagicLinkEvents.ISSUED)
                .detail(Details.EMAIL, request.email())
                .success();
        return JsonReply.json(request.send() ? 202 : 200, answer);
    }

    private EventBuilder event(EventType type, AuthResult caller, ClientModel target, UserModel user) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(type)
                .detail(MagicLinkEvents.DETAIL_ORIGIN, "api")
                .detail(MagicLinkEvents.DETAIL_TARGET_CLIENT, target.getClientId());
        if (caller.client() != null) {
            event.client(caller.client());
        }
        if (user != null) {
            event.user(user);
        }
        return event;
    }
}
