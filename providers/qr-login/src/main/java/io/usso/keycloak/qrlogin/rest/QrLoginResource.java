package io.usso.keycloak.qrlogin.rest;

import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;

import io.usso.keycloak.common.PageGuard;
import io.usso.keycloak.common.wait.LongPollHub;

/**
 * {@code /realms/{realm}/qr-login}: routes only; the work is done by {@link QrStatusEndpoint} (the waiting page),
 * {@link QrPhonePages} (the phone's web pages) and {@link QrMobileApi} (apps with a bearer token).
 *
 * <pre>
 * GET  status/{handle}?generation=&amp;wait=   waiting page: pending / approved / denied / cancelled / expired
 * GET  scan/{code}                           what the QR code opens (phone)
 * GET  confirm?state=                        confirm page after the phone's sign-in
 * POST confirm                               approve / deny (form: ticket, csrf, number, decision)
 * GET  enter, POST enter                     the fallback short code
 * GET  {code}                                mobile API: what is asking
 * POST {code}/approve, POST {code}/deny      mobile API: {"number": n}
 * </pre>
 */
public final class QrLoginResource {

    private final KeycloakSession session;
    private final LongPollHub waiters;
    private final int longPollSeconds;

    QrLoginResource(KeycloakSession session, LongPollHub waiters, int longPollSeconds) {
        this.session = session;
        this.waiters = waiters;
        this.longPollSeconds = longPollSeconds;
    }

    @GET
    @Path("status/{handle}")
    @Produces(MediaType.APPLICATION_JSON)
    public void status(@PathParam("handle") String handle, @QueryParam("generation") String generation,
            @QueryParam("wait") String wait, @Suspended AsyncResponse answer) {
        new QrStatusEndpoint(session, waiters, longPollSeconds).status(handle, generation, wait, answer);
    }

    @GET
    @Path("scan/{code}")
    @Produces(MediaType.TEXT_HTML)
    public Response scan(@PathParam("code") String code) {
        Response malformed = PageGuard.refusal(session);
        return malformed != null ? malformed : new QrPhonePages(session).scan(code);
    }

    @GET
    @Path("confirm")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmPage() {
        Response malformed = PageGuard.refusal(session);
        return malformed != null ? malformed
                : new QrPhonePages(session).confirmPage(session.getContext().getUri().getQueryParameters());
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm() {
        return new QrPhonePages(session).decide(session.getContext().getHttpRequest().getDecodedFormParameters());
    }

    @GET
    @Path("enter")
    @Produces(MediaType.TEXT_HTML)
    public Response enterPage() {
        Response malformed = PageGuard.refusal(session);
        return malformed != null ? malformed
                : new QrPhonePages(session).enterPage(session.getContext().getUri().getQueryParameters());
    }

    @POST
    @Path("enter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response enter() {
        return new QrPhonePages(session).enter(session.getContext().getHttpRequest().getDecodedFormParameters());
    }

    @GET
    @Path("{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response details(@PathParam("code") String code) {
        return new QrMobileApi(session).details(code).toResponse();
    }

    @POST
    @Path("{code}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("code") String code, InputStream body) {
        return new QrMobileApi(session).decide(code, body, true).toResponse();
    }

    @POST
    @Path("{code}/deny")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deny(@PathParam("code") String code, InputStream body) {
        return new QrMobileApi(session).decide(code, body, false).toResponse();
    }
}
