package io.usso.keycloak.telegram.bot;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.wait.LongPollHub;

/**
 * {@code /realms/{realm}/telegram}: routes only.
 *
 * <pre>
 * POST webhook                      Telegram's updates for the tenant's bot ({@link TelegramWebhook})
 * GET  bot-login/status/{handle}    the waiting page's long poll ({@link TelegramBotStatus})
 * </pre>
 */
public final class TelegramBotResource {

    private final KeycloakSession session;
    private final BotApi api;
    private final LongPollHub waiters;
    private final int longPollSeconds;

    TelegramBotResource(KeycloakSession session, BotApi api, LongPollHub waiters, int longPollSeconds) {
        this.session = session;
        this.api = api;
        this.waiters = waiters;
        this.longPollSeconds = longPollSeconds;
    }

    /**
     * @param secret Telegram's secret-token header
     * @param body the update
     * @return 200 for every well-formed update; 401/403 without or with a wrong secret; 400 for a malformed one
     */
    @POST
    @Path("webhook")
    @Produces(MediaType.APPLICATION_JSON)
    public Response webhook(@HeaderParam(TelegramWebhook.SECRET_HEADER) String secret, InputStream body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(TelegramWebhook.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return JsonReply.error(400, "invalid_request", "Unreadable body").toResponse();
        }
        return new TelegramWebhook(session, api).handle(secret, bytes).toResponse();
    }

    /**
     * @param handle the waiting page's handle
     * @param wait seconds to wait for a decision
     * @param answer the (asynchronous) answer
     */
    @GET
    @Path("bot-login/status/{handle}")
    @Produces(MediaType.APPLICATION_JSON)
    public void status(@PathParam("handle") String handle, @QueryParam("wait") String wait,
            @Suspended AsyncResponse answer) {
        new TelegramBotStatus(session, waiters, longPollSeconds).status(handle, wait, answer);
    }
}
