package io.usso.keycloak.magiclink.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import io.usso.keycloak.magiclink.ConfirmationState;
import io.usso.keycloak.magiclink.CrossDeviceMode;
import io.usso.keycloak.magiclink.LinkCheck;
import io.usso.keycloak.magiclink.LinkGrant;
import io.usso.keycloak.magiclink.LinkSecrets;
import io.usso.keycloak.magiclink.MagicLinkEvents;
import io.usso.keycloak.magiclink.MagicLinkStore;

/**
 * The link's two requests. {@link #show}: GET (people, and e-mail link scanners) only looks at the link and shows the
 * confirm page; nothing is used. {@link #confirm}: the confirm page's POST uses the link (once, cluster-wide), then
 * the login continues in this browser when it is the one that asked, else the first window is told (and, if the
 * tenant allows, this device signs in too); API links continue through the authorization endpoint.
 */
final class LinkConfirmation {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final MagicLinkStore store;

    LinkConfirmation(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new MagicLinkStore(session.singleUseObjects());
    }

    /**
     * @param token the {@code token} query parameter
     * @param pickedLocale the {@code kc_locale} query parameter
     * @return the confirm page, or the page saying why the link cannot be used
     */
    Response show(String token, String pickedLocale) {
        if (!LinkSecrets.isWellFormed(token)) {
            return refusal(LinkCheck.INVALID, null, pickedLocale);
        }
        MagicLinkStore.Verdict verdict = store.peek(LinkSecrets.hash(token), realm.getId(), Time.currentTimeSeconds());
        if (verdict.check() != LinkCheck.VALID) {
            return refusal(verdict.check(), verdict.grant(), pickedLocale);
        }
        return new LinkPages(session).forGrant(verdict.grant(), pickedLocale)
                .confirm(token, LinkSecrets.generate(), verdict.grant());
    }

    /**
     * @param form the confirm page's form
     * @return where to go next
     */
    Response confirm(MultivaluedMap<String, String> form) {
        String token = form.getFirst(LinkPages.FIELD_TOKEN);
        if (!LinkSecrets.isWellFormed(token)) {
            rejected(LinkCheck.INVALID.reason(), null);
            return refusal(LinkCheck.INVALID, null, null);
        }
        String tokenHash = LinkSecrets.hash(token);
        long now = Time.currentTimeSeconds();
        if (!LinkSecrets.same(form.getFirst(LinkPages.FIELD_CONFIRM), ConfirmCookies.presentedConfirm(session))) {
            // not posted by a confirm page this browser showed: use nothing, show the confirm page again
            rejected(MagicLinkEvents.REASON_FORGED_CONFIRM, null);
            MagicLinkStore.Verdict verdict = store.peek(tokenHash, realm.getId(), now);
            return verdict.check() == LinkCheck.VALID
                    ? new LinkPages(session).forGrant(verdict.grant(), null).confirm(token, LinkSecrets.generate(),
                            verdict.grant())
                    : refusal(verdict.check(), verdict.grant(), null);
        }
        MagicLinkStore.Verdict verdict = store.consume(tokenHash, realm.getId(), now);
        LinkGrant grant = verdict.grant();
        if (verdict.check() != LinkCheck.VALID) {
            rejected(verdict.check().reason(), grant);
            return refusal(verdict.check(), grant, null);
        }

        if (grant.origin() == LinkGrant.Origin.API) {
            used(grant, false);
            return continueOrFail(grant, new ContinueLogin(session).viaAuthorizationEndpoint(grant));
        }
        boolean sameBrowser = isSameBrowser(grant);
        used(grant, sameBrowser);
        long lifespan = Math.max(60, realm.getAccessCodeLifespanLogin());
        if (sameBrowser) {
            store.confirm(grant.handleHash(), ConfirmationState.CONTINUED, grant, lifespan);
            return new ContinueLogin(session).inThisBrowser(grant);
        }
        store.confirm(grant.handleHash(), ConfirmationState.CONFIRMED, grant, lifespan);
        if (grant.crossDevice() == CrossDeviceMode.LOG_IN_BOTH && grant.authRequest() != null) {
            Response here = new ContinueLogin(session).viaAuthorizationEndpoint(grant);
            if (here != null) {
                return here;
            }
        }
        return new LinkPages(session).forGrant(grant, null).info("return-to-first-window",
                "ussoMagicLinkReturnToFirstWindow", LinkPages.Kind.SUCCESS, Response.Status.OK);
    }

    private boolean isSameBrowser(LinkGrant grant) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session)
                .getCurrentRootAuthenticationSession(realm);
        return root != null && grant.rootSessionId() != null && grant.rootSessionId().equals(root.getId());
    }

    private Response continueOrFail(LinkGrant grant, Response next) {
        if (next != null) {
            return next;
        }
        return refusal(LinkCheck.INVALID, grant, null);
    }

    private Response refusal(LinkCheck check, LinkGrant grant, String pickedLocale) {
        Response.Status status = check == LinkCheck.INVALID ? Response.Status.BAD_REQUEST : Response.Status.GONE;
        return new LinkPages(session).forGrant(grant, pickedLocale)
                .info(check.reason(), check.messageKey(), LinkPages.Kind.ERROR, status);
    }

    private void used(LinkGrant grant, boolean sameBrowser) {
        event(EventType.VERIFY_EMAIL, grant)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.USED)
                .detail(MagicLinkEvents.DETAIL_SAME_BROWSER, Boolean.toString(sameBrowser))
                .success();
    }

    private void rejected(String reason, LinkGrant grant) {
        event(EventType.VERIFY_EMAIL_ERROR, grant)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.REJECTED)
                .detail(MagicLinkEvents.DETAIL_REASON, reason)
                .error(reason);
    }

    private EventBuilder event(EventType type, LinkGrant grant) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(type);
        if (grant != null) {
            event.client(grant.clientId())
                    .detail(MagicLinkEvents.DETAIL_ORIGIN, grant.origin().name().toLowerCase(java.util.Locale.ROOT));
            if (grant.userId() != null) {
                event.user(grant.userId());
            }
        }
        return event;
    }
}
