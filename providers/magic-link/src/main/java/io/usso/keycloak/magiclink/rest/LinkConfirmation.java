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
import io.usso.keycloak.magiclink.CrossDeviceCode;
import io.usso.keycloak.magiclink.CrossDeviceMode;
import io.usso.keycloak.magiclink.LinkCheck;
import io.usso.keycloak.magiclink.LinkGrant;
import io.usso.keycloak.magiclink.LinkSecrets;
import io.usso.keycloak.magiclink.MagicLinkEvents;
import io.usso.keycloak.magiclink.MagicLinkStore;

/**
 * The link's two requests. {@link #show}: GET (people, and e-mail link scanners) only looks at the link and shows the
 * confirm page; nothing is used. {@link #confirm}: the confirm page's POST uses the link (once, cluster-wide), then
 * the login continues in this browser when it is the one that asked (its authentication-session cookie). Another
 * browser uses nothing by default ({@link CrossDeviceMode#SAME_BROWSER}: it is asked to open the link where it was
 * requested); when the tenant allows cross-device confirmation, it must type the two-digit code the first window
 * shows: the right code tells the first window to continue (and, if the tenant allows, signs this device in too), a
 * wrong one uses the link up and tells the first window it was refused. API links continue through the
 * authorization endpoint.
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
     * @return the confirm page (with the code field when another browser may confirm with the first window's code),
     *         the page asking to open the link in the browser that asked, or the page saying why it cannot be used
     */
    Response show(String token, String pickedLocale) {
        if (!LinkSecrets.isWellFormed(token)) {
            return refusal(LinkCheck.INVALID, null, pickedLocale);
        }
        MagicLinkStore.Verdict verdict = store.peek(LinkSecrets.hash(token), realm.getId(), Time.currentTimeSeconds());
        if (verdict.check() != LinkCheck.VALID) {
            return refusal(verdict.check(), verdict.grant(), pickedLocale);
        }
        return confirmPage(token, verdict.grant(), pickedLocale, null);
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
        boolean fromPage = LinkSecrets.same(form.getFirst(LinkPages.FIELD_CONFIRM),
                ConfirmCookies.presentedConfirm(session));
        MagicLinkStore.Verdict seen = store.peek(tokenHash, realm.getId(), now);
        if (!fromPage) {
            // not posted by a confirm page this browser showed: use nothing, show the confirm page again
            rejected(MagicLinkEvents.REASON_FORGED_CONFIRM, null);
            return seen.check() == LinkCheck.VALID ? confirmPage(token, seen.grant(), null, null)
                    : refusal(seen.check(), seen.grant(), null);
        }
        if (seen.check() != LinkCheck.VALID) {
            rejected(seen.check().reason(), seen.grant());
            return refusal(seen.check(), seen.grant(), null);
        }
        boolean otherBrowser = seen.grant().origin() == LinkGrant.Origin.BROWSER && !isSameBrowser(seen.grant());
        String typedCode = null;
        if (otherBrowser) {
            if (!seen.grant().allowsOtherBrowser()) {
                // same-browser link in a stranger's (or the person's other) browser: nothing used, nothing continues
                rejected(MagicLinkEvents.REASON_OTHER_BROWSER_CONFIRM, seen.grant());
                return openInAskingBrowser(seen.grant());
            }
            typedCode = CrossDeviceCode.normalize(form.getFirst(LinkPages.FIELD_CODE));
            if (typedCode == null) {
                return confirmPage(token, seen.grant(), null, "ussoMagicLinkCodeRequired");
            }
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
        long lifespan = Math.max(60, realm.getAccessCodeLifespanLogin());
        if (!otherBrowser) {
            used(grant, true);
            store.confirm(grant.handleHash(), ConfirmationState.CONTINUED, grant, lifespan);
            return new ContinueLogin(session).inThisBrowser(grant);
        }
        if (!grant.allowsOtherBrowser() || !CrossDeviceCode.matches(grant.code(), typedCode)) {
            // one guess per link: the link is used up, and the waiting window is told
            store.refuse(grant.handleHash(), grant, lifespan);
            rejected(MagicLinkEvents.REASON_WRONG_CODE, grant);
            return new LinkPages(session).forGrant(grant, null).info("wrong-code", "ussoMagicLinkWrongCode",
                    LinkPages.Kind.ERROR, Response.Status.FORBIDDEN);
        }
        used(grant, false);
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

    /** The confirm page for a valid link as this browser may use it. */
    private Response confirmPage(String token, LinkGrant grant, String pickedLocale, String error) {
        boolean otherBrowser = grant.origin() == LinkGrant.Origin.BROWSER && !isSameBrowser(grant);
        if (otherBrowser && !grant.allowsOtherBrowser()) {
            return openInAskingBrowser(grant, pickedLocale);
        }
        return new LinkPages(session).forGrant(grant, pickedLocale).confirm(token, LinkSecrets.generate(), grant,
                otherBrowser, error);
    }

    private Response openInAskingBrowser(LinkGrant grant) {
        return openInAskingBrowser(grant, null);
    }

    private Response openInAskingBrowser(LinkGrant grant, String pickedLocale) {
        return new LinkPages(session).forGrant(grant, pickedLocale).info("open-in-asking-browser",
                "ussoMagicLinkOpenInAskingBrowser", LinkPages.Kind.INFO, Response.Status.CONFLICT);
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
