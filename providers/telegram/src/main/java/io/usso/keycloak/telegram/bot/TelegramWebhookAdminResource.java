package io.usso.keycloak.telegram.bot;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;

import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.telegram.TelegramSettings;

/**
 * {@code POST /admin/realms/{realm}/telegram/webhook} (body optional: {@code {"alias": "..."}}): registers the bot's
 * webhook with Telegram ({@code setWebhook} through the outbound guard) as
 * {@code {frontend URL}/realms/{realm}/telegram/webhook} with the identity provider's webhook secret as
 * {@code secret_token} and {@code allowed_updates} message + callback_query. Needs the right to manage identity
 * providers; an admin event records it (without the secret).
 */
public final class TelegramWebhookAdminResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    TelegramWebhookAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /**
     * @param body optional JSON with {@code alias}
     * @return 200 {@code {"ok": true, "url": ...}}; 400 without a webhook secret or with a malformed body; 404 without
     *         that Telegram provider; 409 {@code bot_api_error} when Telegram refused or could not be reached (the
     *         provider's bot settings do not work with Telegram; never a 5xx)
     */
    @POST
    @Path("webhook")
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(InputStream body) {
        auth.realm().requireManageIdentityProviders();
        String alias;
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(4097);
            JsonNode json = bytes.length == 0 ? null : JSON.readTree(bytes);
            if (bytes.length > 4096 || (json != null && !json.isObject() && !json.isNull())) {
                return JsonReply.error(400, "invalid_request", "Body must be a JSON object").toResponse();
            }
            JsonNode a = json == null ? null : json.get("alias");
            if (a != null && !a.isNull() && !a.isTextual()) {
                return JsonReply.error(400, "invalid_request", "alias must be a string").toResponse();
            }
            alias = a == null || a.isNull() || a.asText().isBlank() ? null : a.asText().strip();
        } catch (IOException e) {
            return JsonReply.error(400, "invalid_request", "Body must be a JSON object").toResponse();
        }
        if (alias != null && alias.length() > 255) {
            return JsonReply.error(404, "not_found", "No enabled Telegram identity provider with that alias")
                    .toResponse();
        }
        Optional<TelegramSettings> bot = TelegramSettings.find(session, realm, alias);
        if (bot.isEmpty()) {
            return JsonReply.error(404, "not_found", "No enabled Telegram identity provider"
                    + (alias == null ? "" : " with that alias")).toResponse();
        }
        if (bot.get().webhookSecret().isBlank()) {
            return JsonReply.error(400, "invalid_request", "The identity provider has no webhook secret").toResponse();
        }
        String url = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(TelegramBotResourceProviderFactory.ID).path("webhook").build().toString();
        Object factory = session.getKeycloakSessionFactory()
                .getProviderFactory(RealmResourceProvider.class, TelegramBotResourceProviderFactory.ID);
        if (!(factory instanceof TelegramBotResourceProviderFactory telegram) || telegram.api() == null) {
            return JsonReply.error(503, "temporarily_unavailable", "Telegram module not running").toResponse();
        }
        try {
            telegram.api().call(bot.get(), SetWebhook.builder().url(url).secretToken(bot.get().webhookSecret())
                    .allowedUpdates(List.of("message", "callback_query")).build());
        } catch (BotApiException e) {
            return JsonReply.error(409, "bot_api_error", "Telegram did not accept the webhook: " + e.getMessage())
                    .toResponse();
        }
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("alias", bot.get().alias());
        representation.put("url", url);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.IDENTITY_PROVIDER)
                .resourcePath("identity-provider", "instances", bot.get().alias(), "telegram-webhook")
                .representation(representation).success();
        Map<String, Object> answer = new LinkedHashMap<>(representation);
        answer.put("ok", true);
        return JsonReply.json(200, answer).toResponse();
    }
}
