package io.usso.keycloak.magiclink.rest;

import java.io.InputStream;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.PageGuard;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.wait.CapturedConnection;
import io.usso.keycloak.common.wait.LongPollHub;

import io.usso.keycloak.magiclink.LinkUrls;
import io.usso.keycloak.magiclink.MagicLinkStore;

/**
 * {@code /realms/{realm}/magic-link}:
 * <ul>
 *   <li>{@code GET open?token=} the link: shows the confirm page, uses nothing (scanners are harmless);</li>
 *   <li>{@code POST open} the confirm page's form: uses the link and continues the login;</li>
 *   <li>{@code GET status?handle=&wait=} the waiting page's status (JSON, long-poll);</li>
 *   <li>{@code POST} (JSON) issue a link for a trusted back end.</li>
 * </ul>
 * Every look-up is by this realm; state lives in the cluster-wide single-use store.
 */
public final class MagicLinkResource {

    private final KeycloakSession session;
    private final LongPollHub waiters;
    private final int maxWaitSeconds;

    MagicLinkResource(KeycloakSession session, LongPollHub waiters, int maxWaitSeconds) {
        this.session = session;
        this.waiters = waiters;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /**
     * @param token the link token
     * @param locale the language picked on the page ({@code kc_locale})
     * @return the confirm page, or why the link cannot be used
     */
    @GET
    @Path(LinkUrls.OPEN)
    @Produces(MediaType.TEXT_HTML)
    public Response open(@QueryParam(LinkUrls.TOKEN_PARAM) String token,
            @QueryParam(LocaleSelectorProvider.KC_LOCALE_PARAM) String locale) {
        Response malformed = PageGuard.refusal(session);
        return malformed != null ? malformed : new LinkConfirmation(session).show(token, locale);
    }

    /** @return the next step after confirming (a redirect or a result page) */
    @POST
    @Path(LinkUrls.OPEN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm() {
        return new LinkConfirmation(session).confirm(session.getContext().getHttpRequest().getDecodedFormParameters());
    }

    /**
     * The waiting page's status ({@link StatusPoller}); a long poll waits in the node's {@link LongPollHub}, holding
     * no thread.
     *
     * @param handle the waiting handle
     * @param wait seconds to wait for a change (long poll), optional
     * @param answer {@code {"status": ...}}, now or when the state changes
     */
    @GET
    @Path(LinkUrls.STATUS)
    @Produces(MediaType.APPLICATION_JSON)
    public void status(@QueryParam(LinkUrls.HANDLE_PARAM) String handle, @QueryParam("wait") String wait,
            @Suspended AsyncResponse answer) {
        RealmModel realm = session.getContext().getRealm();
        MagicLinkStore store = new MagicLinkStore(session.singleUseObjects());
        RootAuthenticationSessionModel browser = new AuthenticationSessionManager(session)
                .getCurrentRootAuthenticationSession(realm);
        String browserSession = browser == null ? null : browser.getId();
        StatusPoller.Step step = new StatusPoller(maxWaitSeconds).first(handle, wait,
                hash -> store.isWaitingIn(hash, realm.getId(), browserSession), store::status);
        if (step.now() != null) {
            answer.resume(step.now().toResponse());
            return;
        }
        String handleHash = step.handleHash();
        CompletionStage<JsonReply> later = waiters.await(realm.getId(), ClientAddress.limitKeyOf(session),
                step.waitSeconds() * 1000L, CapturedConnection.of(session.getContext().getConnection()),
                (s, now) -> StatusPoller.changed(new MagicLinkStore(s.singleUseObjects()).status(handleHash)),
                (s, now) -> StatusPoller.answer(new MagicLinkStore(s.singleUseObjects()).status(handleHash)));
        if (later == null) {
            answer.resume(StatusPoller.pollAgain().toResponse());
            return;
        }
        answer.setTimeout(step.waitSeconds() + 15L, TimeUnit.SECONDS);
        answer.setTimeoutHandler(timedOut -> timedOut.resume(StatusPoller.pollAgain().toResponse()));
        later.thenAccept(reply -> answer.resume(reply.toResponse()));
    }

    /**
     * @param body the JSON request
     * @return the link (or that it was sent)
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(InputStream body) {
        return new ApiLinkIssuer(session).issue(body).toResponse();
    }
}
